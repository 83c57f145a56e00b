// Benchmarks for the emulator (issue 4, "Speed and robustness"):
//   throughput  requests/second of the emulator vs `prism mock` vs a bare node:http server (each in a child process)
//   memory      heapUsed/RSS after 100 000 and 1 000 000 in-process handle() calls
//   clock       wall time of advancing the virtual clock a day over a 1 100-instance job with retries
// Run: node --expose-gc --import tsx scripts/bench-emulator.ts [--only throughput|memory|clock] [--duration 10]
//      [--rounds 5]
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { createLogger } from '../conformance/logger.ts';
import { TbcError } from '../conformance/TbcError.ts';
import { measureMemory } from './bench/measureMemory.ts';
import { measureThroughput } from './bench/measureThroughput.ts';
import { measureVirtualClock } from './bench/measureVirtualClock.ts';

const PARTS = ['throughput', 'memory', 'clock'] as const;
type Part = (typeof PARTS)[number];

const USAGE = `usage: node --expose-gc --import tsx scripts/bench-emulator.ts [options]
  --only <part>        throughput | memory | clock (default: all three)
  --duration <s>       measured seconds per server (default 10)
  --warmup <s>         warm-up seconds per server, not measured (default 2)
  --rounds <n>         throughput: rounds of all three servers; ratios per round and as medians (default 1)
  --connections <n>    autocannon connections (default 10)
  --pipelining <n>     autocannon pipelining (default 1)
  --requests <n>       memory: handle() calls in all (default 1000000)
  --checkpoint <n>     memory: first reading after this many (default 100000)
  --concurrency <n>    memory: concurrent awaits (default 8)
  --profile-dir <dir>  throughput: run each server with --cpu-prof, writing its profile to <dir>
  Profile the in-process parts with: node --expose-gc --cpu-prof --import tsx scripts/bench-emulator.ts ...`;

const log = createLogger('bench');

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new TbcError(`--${name} must be a positive number, got ${text}`);
  return value;
}

function integer(name: string, text: string | undefined, fallback: number): number {
  const value = positive(name, text, fallback);
  if (!Number.isInteger(value)) throw new TbcError(`--${name} must be a whole number, got ${String(text)}`);
  return value;
}

async function main(): Promise<boolean> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      pipelining: { type: 'string' },
      requests: { type: 'string' },
      checkpoint: { type: 'string' },
      concurrency: { type: 'string' },
      'profile-dir': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) {
    log.info(USAGE);
    return true;
  }
  if (values.only !== undefined && !(PARTS as readonly string[]).includes(values.only)) {
    throw new TbcError(`--only must be one of ${PARTS.join(', ')}, got ${values.only}`);
  }
  const parts: readonly Part[] = values.only === undefined ? PARTS : [values.only as Part];
  const requests = integer('requests', values.requests, 1_000_000);
  const checkpoint = integer('checkpoint', values.checkpoint, 100_000);
  if (checkpoint >= requests) throw new TbcError('--checkpoint must be below --requests');
  const throughput = {
    durationSeconds: positive('duration', values.duration, 10),
    warmupSeconds: positive('warmup', values.warmup, 2),
    rounds: integer('rounds', values.rounds, 1),
    connections: integer('connections', values.connections, 10),
    pipelining: integer('pipelining', values.pipelining, 1),
    profileDir: values['profile-dir'],
  };

  if (parts.includes('memory') && (globalThis as { gc?: unknown }).gc === undefined) {
    throw new TbcError(
      'the memory part needs a forced GC: run with `node --expose-gc --import tsx scripts/bench-emulator.ts`',
    );
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  log.info(
    `machine: ${availableParallelism()} CPUs (${cpu}), ${(totalmem() / 1024 ** 3).toFixed(1)} GB, ` +
      `node ${process.version}, ${process.platform}/${process.arch}`,
  );
  let ok = true;
  for (const part of parts) {
    log.info(`--- ${part} ---`);
    const outcome =
      part === 'throughput'
        ? await measureThroughput(throughput, log)
        : part === 'memory'
          ? await measureMemory(
              { requests, checkpoint, concurrency: integer('concurrency', values.concurrency, 8) },
              log,
            )
          : await measureVirtualClock(log);
    ok &&= outcome.ok;
  }
  return ok;
}

try {
  // Exit code 1: some answer was not a 200 Success, so a figure measured the wrong thing.
  if (!(await main())) process.exitCode = 1;
} catch (error) {
  // parseArgs reports unknown or malformed flags as a TypeError with an ERR_PARSE_ARGS_* code.
  const isUsage = error instanceof TypeError && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
  if (!(error instanceof TbcError) && !isUsage) throw error;
  log.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exitCode = 2;
}
