import type { EnvKind } from '../../generated/transitions.ts';
import type { JobEvents } from '../../property-tests/createHarness.ts';

/** A job the run created, as its book keeps it. */
export interface BookedJob {
  jobId: string;
  env: EnvKind;
  instances: number;
  /** performance.now() when its SubmitJob answered. */
  createdAt: number;
}

/**
 * The run's own book of the jobs it creates (what they cost): every SubmitJob the harness announces, passed on to the
 * ledger (`events`), and each job created with its instances and when. Why apart from the ledger: the ledger is the
 * file `tbc cleanup` reads after a crash; this book is what the run itself reports at its end.
 */
export function createJobBook(events: JobEvents | undefined): JobEvents & {
  readonly jobs: readonly BookedJob[];
  /** Instances of every SubmitJob sent, answered or not (an answer that cannot be read may still have created one). */
  instancesSent(): number;
} {
  const jobs: BookedJob[] = [];
  let sent = 0;
  return {
    jobs,
    instancesSent: () => sent,
    submitting(jobName, job) {
      const instances = job?.instances ?? 1;
      sent += instances;
      const settled = events?.submitting(jobName, job);
      return (jobId) => {
        settled?.(jobId);
        if (jobId !== undefined) {
          jobs.push({ jobId, env: job?.env ?? 'anonymous', instances, createdAt: performance.now() });
        }
      };
    },
  };
}
