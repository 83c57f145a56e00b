// Part 1: requests per second of the emulator, `prism mock` and a bare node:http server, same load, same request.
import { createControlClient } from '../../conformance/control/createControlClient.ts';
import { loadavg } from 'node:os';
import Table from 'cli-table3';
import { resolve } from 'node:path';
import { codeOf, sendRaw } from '../../conformance/test-only/sendRaw.ts';
import type { Logger } from '../../conformance/logger.ts';
import { findPrismBin, prismInstallHint } from '../../conformance/mock/findPrismBin.ts';
import { MOCK_DOCUMENT } from '../../conformance/mock/startMock.ts';
import { median } from './median.ts';
import { TbcError } from '../../conformance/TbcError.ts';
import { readCpuMs } from './readCpuMs.ts';
import { runLoad, type LoadOptions, type LoadResult } from './runLoad.ts';
import { startServer, type ChildServer } from './startServer.ts';
import {
  isSuccessBody,
  SETTLE_SECONDS,
  signRequest,
  SMALL_JOB,
  terminateParams,
  type ApiAnswer,
  type SignedRequest,
} from './benchRequests.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** Signature freshness (reference §4.5 step 6) leaves 300 s; keep a margin for start-up and set-up. */
const MAX_EMULATOR_SECONDS = 240;

export interface ThroughputOptions extends LoadOptions {
  warmupSeconds: number;
  /** Rounds of all three servers; ratios are reported per round and as medians. */
  rounds: number;
  /** When set, every server runs with `--cpu-prof --cpu-prof-dir=<dir>` (profiles written when it stops). */
  profileDir: string | undefined;
}

type TargetName = 'emulator' | 'prism mock' | 'bare node:http';

interface Target {
  name: TargetName;
  args: string[];
  /** Runs once the server listens; returns the request to send (built from the emulator's state). */
  prepare?: (server: ChildServer) => Promise<SignedRequest>;
}

async function postJson(url: string, path: string, headers: Record<string, string>, body: string) {
  const answer = await sendRaw(url, { method: 'POST', path, headers, body });
  if (answer.closed) throw new TbcError(`POST ${url}${path}: the connection closed without an answer`);
  return answer;
}

/** Creates a job through the API, lets it SUCCEED on the virtual clock, and returns the request terminating it. */
async function prepareEmulator(server: ChildServer, timestamp: number, log: Logger): Promise<SignedRequest> {
  const submit = signRequest('SubmitJob', SMALL_JOB, timestamp);
  const submitted = await postJson(server.url, '/', submit.headers, submit.body);
  const jobId = (JSON.parse(submitted.body) as ApiAnswer).Response?.['JobId'];
  if (typeof jobId !== 'string') throw new TbcError(`SubmitJob failed on the emulator: ${submitted.body}`);
  const control = createControlClient((request) => fetch(request), server.url);
  await control.advanceBy(SETTLE_SECONDS);
  const state = (await control.snapshot(jobId)).jobs[0]?.tasks[0]?.instances[0]?.state;
  if (state !== 'SUCCEED') throw new TbcError(`instance 0 of ${jobId} is ${String(state)}, not SUCCEED`);
  log.info(`emulator: job ${jobId} created, clock advanced ${SETTLE_SECONDS} s, instance A#0 is SUCCEED`);
  return signRequest('TerminateTaskInstance', terminateParams(jobId), timestamp);
}

interface Measured extends LoadResult {
  /** Server CPU (user + system) per answer in microseconds; undefined where /proc is not available. */
  cpuMicrosPerAnswer: number | undefined;
}

/** One round: each server in turn, in its own child process, under the same load and request. */
async function runRound(options: ThroughputOptions, log: Logger): Promise<Map<TargetName, Measured>> {
  // A fresh timestamp per round: the emulator goes first, well inside the 5-minute window of the signature.
  const timestamp = Math.floor(Date.now() / 1000);
  let request: SignedRequest | undefined;
  const prismBin = findPrismBin();
  if (prismBin === undefined) throw new TbcError(`Prism is not installed; ${prismInstallHint()}`);
  const targets: Target[] = [
    {
      name: 'emulator',
      args: ['conformance/cli/tbc.mjs', 'emulator', '--port', '0', '--clock', 'virtual', '--no-rate-limit'],
      prepare: (server) => prepareEmulator(server, timestamp, log),
    },
    {
      name: 'prism mock',
      // The same Prism and document as `tbc mock`; not startMock() itself, which hides Prism's pid (needed for the CPU
      // figure) and takes no Node flags (needed for --cpu-prof).
      args: [prismBin, 'mock', '-h', '127.0.0.1', '-p', '0', MOCK_DOCUMENT],
    },
    { name: 'bare node:http', args: ['--import', 'tsx', 'scripts/bench/bareServer.ts'] },
  ];
  const results = new Map<TargetName, Measured>();
  const nodeArgs = options.profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`];
  for (const target of targets) {
    const server = await startServer(target.name, [...nodeArgs, ...target.args], ROOT);
    try {
      request = (await target.prepare?.(server)) ?? request;
      if (request === undefined) throw new TbcError('no request to send: the emulator must be prepared first');
      const preflight = await sendRaw(server.url, { method: 'POST', headers: request.headers, body: request.body });
      const code = codeOf(preflight);
      log.info(`${target.name} (pid ${server.pid}, ${server.url}): one request answers ${code}`);
      if (target.name === 'emulator' && code !== 'Success') {
        throw new TbcError(`the emulator answered ${code}, not Success: the benchmark would measure the wrong path`);
      }
      await runLoad(server.url, request, isSuccessBody, { ...options, durationSeconds: options.warmupSeconds });
      const cpuBefore = readCpuMs(server.pid);
      const result = await runLoad(server.url, request, isSuccessBody, options);
      const cpuAfter = readCpuMs(server.pid);
      const cpuMicrosPerAnswer =
        cpuBefore === undefined || cpuAfter === undefined || result.total === 0
          ? undefined
          : ((cpuAfter - cpuBefore) * 1000) / result.total;
      results.set(target.name, { ...result, cpuMicrosPerAnswer });
      // Why the load average: on a shared machine, other work competing for the CPUs shows here.
      log.info(
        `${target.name}: ${result.total} answers in ${result.seconds} s; non-200 ${result.non200}, ` +
          `not Success ${result.notSuccess}, errors ${result.errors}; load average ${loadavg()[0]?.toFixed(2) ?? '?'}`,
      );
      if (result.sampleFailure !== undefined) log.warn(`${target.name}: e.g. ${result.sampleFailure.slice(0, 300)}`);
    } finally {
      await server.stop();
    }
  }
  return results;
}

function printRound(round: number, results: ReadonlyMap<TargetName, Measured>, log: Logger): void {
  const table = new Table({
    head: ['server', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/ans', 'answers', 'non-200', 'not Success', 'errors'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [] },
  });
  for (const [name, r] of results) {
    table.push([
      name,
      r.rps.toFixed(0),
      r.p50Ms.toFixed(3),
      r.p99Ms.toFixed(3),
      r.cpuMicrosPerAnswer === undefined ? 'n/a' : r.cpuMicrosPerAnswer.toFixed(1),
      String(r.total),
      String(r.non200),
      String(r.notSuccess),
      String(r.errors),
    ]);
  }
  log.info(`round ${round}:\n${table.toString()}`);
}

function failedAnswers(r: LoadResult): number {
  return r.non200 + r.notSuccess + r.errors;
}

export async function measureThroughput(options: ThroughputOptions, log: Logger): Promise<{ ok: boolean }> {
  if (options.warmupSeconds + options.durationSeconds > MAX_EMULATOR_SECONDS) {
    throw new TbcError(
      `--warmup + --duration must stay under ${MAX_EMULATOR_SECONDS} s: the signed request expires after 300 s`,
    );
  }
  log.info(
    `load: autocannon, ${options.connections} connections, pipelining ${options.pipelining}, ` +
      `${options.warmupSeconds} s warm-up + ${options.durationSeconds} s measured per server, one server at a time, ` +
      `${options.rounds} round(s)`,
  );
  const vsPrism: number[] = [];
  const vsBare: number[] = [];
  let ok = true;
  for (let round = 1; round <= options.rounds; round++) {
    const results = await runRound(options, log);
    printRound(round, results, log);
    const emulator = results.get('emulator');
    const prism = results.get('prism mock');
    const bare = results.get('bare node:http');
    if (emulator === undefined || prism === undefined || bare === undefined) throw new TbcError('a target did not run');
    vsPrism.push(emulator.rps / prism.rps);
    vsBare.push(emulator.rps / bare.rps);
    log.info(
      `round ${round}: emulator / prism mock = ${(emulator.rps / prism.rps).toFixed(2)}x, ` +
        `emulator / bare node:http = ${(emulator.rps / bare.rps).toFixed(2)}x`,
    );
    if (failedAnswers(emulator) > 0) {
      log.error(
        `the emulator gave ${failedAnswers(emulator)} answers that were not HTTP 200 Success: the figures above measured the wrong path`,
      );
      ok = false;
    }
    if (failedAnswers(prism) + failedAnswers(bare) > 0) {
      log.error('prism mock or the bare server gave answers that were not HTTP 200 Success');
      ok = false;
    }
  }
  // Why medians over rounds: Prism's rate alone varies severalfold between runs on a shared machine.
  const range = (values: readonly number[]): string =>
    values.length === 1 ? '' : ` (rounds ${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}x)`;
  const prismRatio = median(vsPrism);
  const bareRatio = median(vsBare);
  const label = options.rounds === 1 ? '' : 'median ';
  log.info(
    `${label}emulator / prism mock     = ${prismRatio.toFixed(2)}x${range(vsPrism)}  (goal >= 10x: ${prismRatio >= 10 ? 'met' : 'MISSED'})`,
  );
  log.info(
    `${label}emulator / bare node:http = ${bareRatio.toFixed(2)}x${range(vsBare)}  (goal >= 0.6x: ${bareRatio >= 0.6 ? 'met' : 'MISSED'})`,
  );
  return { ok };
}
