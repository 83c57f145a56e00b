// Benchmarks for the emulator (speed and robustness):
//   throughput  requests/second of the emulator vs `prism mock` vs a bare node:http server (each in a child process)
//   memory      heapUsed/RSS after 100 000 and 1 000 000 in-process handle() calls
//   clock       wall time of advancing the virtual clock a day over a 1 100-instance job with retries
//   tenants     memory after 1 000 tenants with a job each, after resetting and deleting them; tenant operations;
//               handle() for one tenant among 1 001 vs the default tenant alone; bad input on the control plane
// Run: node --expose-gc --import tsx scripts/bench-emulator.ts [--only throughput|memory|clock|tenants]
//      [--duration 10] [--rounds 5]
import { Command, CommanderError, Option } from 'commander';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parsePositiveInteger, parsePositiveNumber } from '../conformance/cli/parseOptions.ts';
import { createLogger } from '../conformance/logger.ts';
import { TbcError } from '../conformance/TbcError.ts';
import { measureMemory } from './bench/measureMemory.ts';
import { measureThroughput } from './bench/measureThroughput.ts';
import { measureVirtualClock } from './bench/measureVirtualClock.ts';
import { measureTenants } from './bench/measureTenants.ts';

const PARTS = ['throughput', 'memory', 'clock', 'tenants'] as const;
type Part = (typeof PARTS)[number];

interface Flags {
  only?: Part;
  duration: number;
  warmup: number;
  rounds: number;
  connections: number;
  pipelining: number;
  requests: number;
  checkpoint: number;
  concurrency: number;
  tenants: number;
  tenantRequests: number;
  profileDir?: string;
}

const log = createLogger('bench');

const program = new Command('bench-emulator')
  .usage('[options]  (run as: node --expose-gc --import tsx scripts/bench-emulator.ts)')
  .addOption(new Option('--only <part>', 'one part only (default: all four)').choices(PARTS))
  .option('--duration <s>', 'measured seconds per server', parsePositiveNumber, 10)
  .option('--warmup <s>', 'warm-up seconds per server, not measured', parsePositiveNumber, 2)
  .option(
    '--rounds <n>',
    'throughput: rounds of all three servers; tenants: rounds of rate readings; ratios per round and as medians',
    parsePositiveInteger,
    1,
  )
  .option('--connections <n>', 'autocannon connections', parsePositiveInteger, 10)
  .option('--pipelining <n>', 'autocannon pipelining', parsePositiveInteger, 1)
  .option('--requests <n>', 'memory: handle() calls in all', parsePositiveInteger, 1_000_000)
  .option('--checkpoint <n>', 'memory: first reading after this many', parsePositiveInteger, 100_000)
  .option('--concurrency <n>', 'memory, tenants: concurrent awaits', parsePositiveInteger, 8)
  .option('--tenants <n>', 'tenants: how many to create', parsePositiveInteger, 1000)
  .option('--tenant-requests <n>', 'tenants: handle() calls per rate reading', parsePositiveInteger, 200_000)
  .option('--profile-dir <dir>', 'throughput: run each server with --cpu-prof, writing its profile to <dir>')
  .addHelpText(
    'after',
    '\nProfile the in-process parts with: node --expose-gc --cpu-prof --import tsx scripts/bench-emulator.ts ...',
  )
  .showHelpAfterError()
  .exitOverride();

async function main(): Promise<boolean> {
  const flags = program.parse(process.argv).opts<Flags>();
  const parts: readonly Part[] = flags.only === undefined ? PARTS : [flags.only];
  if (flags.checkpoint >= flags.requests) throw new TbcError('--checkpoint must be below --requests');
  const throughput = {
    durationSeconds: flags.duration,
    warmupSeconds: flags.warmup,
    rounds: flags.rounds,
    connections: flags.connections,
    pipelining: flags.pipelining,
    profileDir: flags.profileDir,
  };

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
              { requests: flags.requests, checkpoint: flags.checkpoint, concurrency: flags.concurrency },
              log,
            )
          : part === 'clock'
            ? await measureVirtualClock(log)
            : await measureTenants(
                {
                  tenants: flags.tenants,
                  requests: flags.tenantRequests,
                  rounds: flags.rounds,
                  concurrency: flags.concurrency,
                },
                log,
              );
    ok &&= outcome.ok;
  }
  return ok;
}

try {
  // Exit code 1: some answer was not a 200 Success, so a figure measured the wrong thing.
  if (!(await main())) process.exitCode = 1;
} catch (error) {
  if (error instanceof CommanderError) {
    // --help ends here with code 0; everything else commander rejects is a usage error, already printed.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof TbcError) {
    log.error(error.message);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
