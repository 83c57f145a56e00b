// Part 3: how long does a day of virtual time take for a big job with retries? In-process.
import { DEFAULT_ZONE } from '../../generated/regions.ts';
import { ANONYMOUS_COMPUTE_ENV } from '../../conformance/client/anonymousComputeEnv.ts';
import { createEmulator } from '../../conformance/emulator/createEmulator.ts';
import type { Logger } from '../../conformance/logger.ts';
import { callApi, controlOf } from './inProcess.ts';

const DAY_SECONDS = 86_400;

/** 1 000 instances that run an hour and SUCCEED, and 100 that fail at once and are retried 5 times. */
const BIG_JOB = {
  Placement: { Zone: DEFAULT_ZONE },
  Job: {
    JobName: 'bench-clock',
    Tasks: [
      {
        TaskName: 'Sleepers',
        TaskInstanceNum: 1000,
        Application: { DeliveryForm: 'LOCAL', Command: 'sleep 3600' },
        ComputeEnv: ANONYMOUS_COMPUTE_ENV,
      },
      {
        TaskName: 'Retriers',
        TaskInstanceNum: 100,
        MaxRetryCount: 5,
        Application: { DeliveryForm: 'LOCAL', Command: 'exit 1' },
        ComputeEnv: ANONYMOUS_COMPUTE_ENV,
      },
    ],
  },
};

export async function measureVirtualClock(log: Logger): Promise<{ ok: boolean }> {
  const emulator = createEmulator({ clock: 'virtual', rateLimits: false });
  const submitStart = performance.now();
  const { JobId: jobId } = (await callApi(emulator, 'SubmitJob', BIG_JOB)) as { JobId: string };
  const submitMs = performance.now() - submitStart;

  const advanceStart = performance.now();
  const advanced = await controlOf(emulator).advanceBy(DAY_SECONDS);
  const advanceMs = performance.now() - advanceStart;

  const snapshot = await controlOf(emulator).snapshot(jobId);
  const tally = new Map<string, number>();
  let retries = 0;
  for (const task of snapshot.jobs[0]?.tasks ?? []) {
    for (const inst of task.instances) {
      const key = `${task.TaskName} ${inst.state}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      retries += inst.attempt;
    }
  }
  log.info(
    `SubmitJob with 1100 instances (1000 x 'sleep 3600', 100 x 'exit 1' MaxRetryCount 5): ${submitMs.toFixed(1)} ms`,
  );
  log.info(
    `advance ${DAY_SECONDS} s: ${advanceMs.toFixed(1)} ms wall, ${advanced.processed} events processed, ` +
      `${advanced.pending} pending (goal < 1 s: ${advanceMs < 1000 ? 'met' : 'MISSED'})`,
  );
  log.info(`instances after a day: ${[...tally].map(([k, n]) => `${k} ${n}`).join(', ')}; retries ${retries}`);
  const expected = tally.get('Sleepers SUCCEED') === 1000 && tally.get('Retriers FAILED') === 100 && retries === 500;
  if (!expected) log.error('the job did not end as expected (1000 SUCCEED, 100 FAILED after 5 retries each)');
  return { ok: expected };
}
