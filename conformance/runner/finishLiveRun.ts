import { setTimeout as sleep } from 'node:timers/promises';
import type { Leftover } from '../../generated/reportTypes.ts';
import type { LiveTiming } from '../../property-tests/createLiveHarness.ts';
import { outcomeOf } from '../../property-tests/outcomeOf.ts';
import type { ApiClient } from '../client/createApiClient.ts';
import type { BookedJob } from './createJobBook.ts';
import type { JobLedger } from './createJobLedger.ts';
import { explainTermination, terminateJobs } from './terminateJobs.ts';

/** What the end of a live-stateful run found: jobs still not final, and what the run's jobs cost. */
export interface LiveRunEnd {
  leftovers: Leftover[];
  /**
   * Instance-seconds (wall): each instance counted from its job's SubmitJob until the run saw the job final, or until
   * the run ended. An upper bound of the CVM time a bill shows (an instance's CVM lives only part of that).
   */
  instanceSeconds: number;
}

export interface FinishOptions {
  /** A client of its own: the run's may have stopped sending (the target stopped answering). */
  client: Pick<ApiClient, 'TerminateJob' | 'DescribeJob'>;
  jobs: readonly BookedJob[];
  ledger: JobLedger | undefined;
  /** How long the run may still wait for its jobs to end (what is left of its time budget). */
  waitMs: number;
  /** How the waits back off (the run's live timing). */
  timing: Pick<LiveTiming, 'pollMs' | 'maxPollMs' | 'backOff'>;
  signal?: AbortSignal;
}

const FINAL = new Set(['SUCCEED', 'FAILED']);

/**
 * The end of a live-stateful run: every job it created is terminated (only those; the ledger records each), then the
 * run waits, within what is left of its time budget, until each of its jobs is final — a named environment's job,
 * which cannot be terminated under the seed text, ends by itself (its workloads do) — polling DescribeJob with
 * back-off. A job still not final then is a leftover, with why it could not be ended.
 */
export async function finishLiveRun(options: FinishOptions): Promise<LiveRunEnd> {
  const started = performance.now();
  await options.ledger?.settled();
  const ids = options.jobs.map((j) => j.jobId);
  const terminations = await terminateJobs(options.client, ids, {
    onDone: (t) => {
      if (t.done) options.ledger?.terminated(t.jobId, t.outcome);
    },
  });
  const outcome = new Map(terminations.map((t) => [t.jobId, t]));
  const finalAt = new Map<string, number>();
  const lastState = new Map<string, string>();
  let pending = [...ids];
  let pollMs = options.timing.pollMs;
  while (pending.length > 0 && options.signal?.aborted !== true) {
    for (const jobId of pending) {
      const answer = await options.client.DescribeJob({ JobId: jobId });
      const state = answer.kind === 'success' ? answer.data.JobState : outcomeOf(answer);
      lastState.set(jobId, state);
      // A job the service no longer knows is gone: nothing of it is left.
      if (FINAL.has(state) || state === 'ResourceNotFound.Job') finalAt.set(jobId, performance.now());
    }
    pending = pending.filter((id) => !finalAt.has(id));
    const left = options.waitMs - (performance.now() - started);
    if (pending.length === 0 || left <= 0) break;
    await sleep(Math.min(pollMs, left));
    pollMs = Math.min(options.timing.maxPollMs, pollMs * options.timing.backOff);
  }
  const end = performance.now();
  const instanceSeconds = options.jobs.reduce(
    (sum, job) => sum + (job.instances * ((finalAt.get(job.jobId) ?? end) - job.createdAt)) / 1000,
    0,
  );
  const leftovers = options.jobs
    .filter((job) => !finalAt.has(job.jobId))
    .map((job): Leftover => {
      const terminated = outcome.get(job.jobId);
      return {
        jobId: job.jobId,
        env: job.env,
        instances: job.instances,
        jobState: lastState.get(job.jobId) ?? 'unknown',
        terminated: terminated?.done === true,
        reason:
          terminated?.done === true
            ? 'TerminateJob was accepted; its instances were still being terminated when the run ended'
            : explainTermination(terminated?.outcome ?? ''),
      };
    });
  return { leftovers, instanceSeconds: Math.round(instanceSeconds) };
}
