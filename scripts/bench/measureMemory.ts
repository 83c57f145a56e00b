// Part 2: does the emulator's heap stay flat under a long run of identical requests? In-process, no HTTP.
import { createEmulator } from '../../conformance/emulator/createEmulator.ts';
import type { Logger } from '../../conformance/logger.ts';
import { TbcError } from '../../conformance/TbcError.ts';
import { callApi, controlOf } from './inProcess.ts';
import {
  bodyText,
  isSuccessBody,
  SETTLE_SECONDS,
  signRequest,
  SMALL_JOB,
  terminateParams,
  toRaw,
} from './benchRequests.ts';

export interface MemoryOptions {
  requests: number;
  checkpoint: number;
  concurrency: number;
}

interface MemoryReading {
  after: number;
  heapUsed: number;
  rss: number;
  seconds: number;
}

const MB = 1024 * 1024;
const RESIGN_AFTER_MS = 240_000;

export async function measureMemory(options: MemoryOptions, log: Logger): Promise<{ ok: boolean }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) {
    throw new TbcError(
      'the memory part needs a forced GC: run with `node --expose-gc --import tsx scripts/bench-emulator.ts`',
    );
  }
  const emulator = createEmulator({ clock: 'virtual', rateLimits: false });
  const { JobId: jobId } = (await callApi(emulator, 'SubmitJob', SMALL_JOB)) as { JobId: string };
  await controlOf(emulator).advanceBy(SETTLE_SECONDS);
  const snapshot = await controlOf(emulator).snapshot(jobId);
  const state = snapshot.jobs[0]?.tasks[0]?.instances[0]?.state;
  if (state !== 'SUCCEED') throw new TbcError(`instance 0 of ${jobId} is ${String(state)}, not SUCCEED`);

  // The same signed request object every time (the node:http adapter would build a fresh one per request; here the
  // point is the emulator's own retention, so the request costs nothing to make). Re-signed only if a slow machine
  // runs past 4 of the 5 minutes a signature stays fresh.
  const sign = () => ({
    raw: toRaw(signRequest('TerminateTaskInstance', terminateParams(jobId), Math.floor(Date.now() / 1000))),
    at: Date.now(),
  });
  let signed = sign();
  const readings: MemoryReading[] = [];
  const started = performance.now();
  let sent = 0;
  let failures = 0;
  let sampleFailure: string | undefined;
  // A reading at every multiple of the checkpoint, so a trend line can tell a leak from an allocator plateau.
  const checkpoints: number[] = [];
  for (let n = options.checkpoint; n < options.requests; n += options.checkpoint) checkpoints.push(n);
  checkpoints.push(options.requests);

  for (const until of checkpoints) {
    const worker = async (): Promise<void> => {
      while (sent < until) {
        sent++;
        if (sent % 10_000 === 0 && Date.now() - signed.at > RESIGN_AFTER_MS) signed = sign();
        const response = await emulator.handle(signed.raw);
        const body = bodyText(response);
        if (response.status !== 200 || !isSuccessBody(body)) {
          failures++;
          sampleFailure ??= body;
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    gc();
    gc();
    const usage = process.memoryUsage();
    readings.push({
      after: sent,
      heapUsed: usage.heapUsed,
      rss: usage.rss,
      seconds: (performance.now() - started) / 1000,
    });
  }

  log.info(`handle() x ${sent}, ${options.concurrency} concurrent awaits, TerminateTaskInstance on a SUCCEED instance`);
  const [first] = readings;
  const last = readings.at(-1);
  if (first === undefined || last === undefined) throw new TbcError('no memory readings');
  for (const r of [first, last]) {
    log.info(
      `after ${String(r.after).padStart(9)} requests: heapUsed ${(r.heapUsed / MB).toFixed(2)} MB, ` +
        `rss ${(r.rss / MB).toFixed(2)} MB  (${r.seconds.toFixed(1)} s elapsed)`,
    );
  }
  log.info(
    `trend, MB heapUsed/rss every ${options.checkpoint}: ${readings.map((r) => `${(r.heapUsed / MB).toFixed(1)}/${(r.rss / MB).toFixed(0)}`).join(' ')}`,
  );
  const heapRatio = last.heapUsed / first.heapUsed;
  const rssRatio = last.rss / first.rss;
  const within = (ratio: number): string => (Math.abs(ratio - 1) <= 0.1 ? 'met' : 'MISSED');
  log.info(`heapUsed ratio ${heapRatio.toFixed(3)} (goal within 10 %: ${within(heapRatio)})`);
  // Why both: heapUsed after a full GC is what the emulator retains; RSS also moves with the young generation's size
  // and with what the C allocator keeps or returns (OpenSSL, libuv), by several MB either way between runs.
  log.info(`rss      ratio ${rssRatio.toFixed(3)} (goal within 10 %: ${within(rssRatio)})`);
  log.info(`in-process rate ${(sent / last.seconds).toFixed(0)} req/s; answers not Success: ${failures}`);
  if (sampleFailure !== undefined) log.error(`the emulator answered e.g. ${sampleFailure.slice(0, 300)}`);
  return { ok: failures === 0 };
}
