import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiClient } from '../client/createApiClient.ts';
import { outcomeOf } from '../../property-tests/outcomeOf.ts';

export interface Termination {
  jobId: string;
  /** `Success`, `ResourceNotFound.Job` (already gone), or the last answer of a job that could not be terminated. */
  outcome: string;
  done: boolean;
}

/** Answers that mean "not yet": a job still SUBMITTED (decision D-09) or busy; worth asking again a little later. */
const NOT_YET = new Set(['UnsupportedOperation', 'ResourceInUse.Job', 'RequestLimitExceeded']);

/**
 * Terminates the run's own jobs (the only ones a run may terminate without proof): TerminateJob each, asking again
 * with a growing pause while the job is still SUBMITTED or busy. Used at the end of a live-stateful run, by its signal
 * handler, and by `tbc cleanup`. Reports each job's outcome; `onDone` sees each one as it is settled (the ledger).
 */
export async function terminateJobs(
  client: Pick<ApiClient, 'TerminateJob'>,
  jobIds: readonly string[],
  options: { attempts?: number; pauseMs?: number; onDone?: (t: Termination) => void } = {},
): Promise<Termination[]> {
  const attempts = options.attempts ?? 6;
  const results: Termination[] = [];
  for (const jobId of jobIds) {
    let outcome = '';
    for (let attempt = 0; attempt < attempts; attempt++) {
      outcome = outcomeOf(await client.TerminateJob({ JobId: jobId }));
      if (!NOT_YET.has(outcome)) break;
      await sleep((options.pauseMs ?? 1000) * 2 ** attempt);
    }
    const termination = { jobId, outcome, done: outcome === 'Success' || outcome === 'ResourceNotFound.Job' };
    options.onDone?.(termination);
    results.push(termination);
  }
  return results;
}

/**
 * Why a job could not be terminated, in words a user can act on (what `tbc cleanup` and a run's leftovers say), from
 * the last answer to TerminateJob.
 */
export function explainTermination(outcome: string): string {
  if (outcome === 'UnsupportedOperation.TerminateOperationWithEnvId') {
    return 'it runs on a named compute environment, whose jobs TerminateJob does not terminate (seed text: "the TerminateTaskInstance and TerminateJob operations are not supported"); its workloads end by themselves — a live-stateful run gives such jobs only workloads that do — or end them in the console';
  }
  if (outcome === 'UnsupportedOperation') {
    return 'TerminateJob was refused (UnsupportedOperation: a job still SUBMITTED cannot be terminated, decision D-09); try again in a minute';
  }
  if (outcome === 'ResourceInUse.Job') return 'the job was busy (ResourceInUse.Job); try again in a minute';
  if (outcome.startsWith('RequestLimitExceeded')) return `the rate limit refused the call (${outcome}); try again`;
  if (outcome.startsWith('AuthFailure'))
    return `the credentials were refused (${outcome}); give the account's key pair`;
  return `TerminateJob answered ${outcome || 'nothing'}`;
}
