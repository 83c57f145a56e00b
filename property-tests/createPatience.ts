import {
  TERMINATE_OUTCOMES,
  type DocRevision,
  type EnvKind,
  type TaskInstanceState,
} from '../generated/transitions.ts';
import type { CallResult } from '../conformance/client/CallResult.ts';
import type { ConsistencyReport } from '../generated/reportTypes.ts';
import type { InstanceView } from './Harness.ts';

/**
 * How long after its SubmitJob a job of the run may still be "not found", and how long after an accepted termination a
 * read may still show the instance as it was, before the kit takes the answer at its word (decision D-34). Live
 * profiles only: a tbc emulator is consistent (`--consistency-grace`).
 */
export const DEFAULT_CONSISTENCY_GRACE_MS = 10_000;

/** The first pause before asking again; each next one twice as long, at most MAX_PAUSE_MS. */
const FIRST_PAUSE_MS = 250;
const MAX_PAUSE_MS = 2_000;

export interface PatienceOptions {
  graceMs: number;
  /** The revision whose transition table says which states a termination fails at once. */
  docRevision: DocRevision;
  /** Asks the target whether a job exists (a DescribeJob the run records like any other call). */
  describeJob(jobId: string): Promise<CallResult<'DescribeJob'>>;
  /** Lets `ms` pass: real time on a live target, the virtual clock of an emulator. */
  pause(ms: number): Promise<void>;
  /** Wall clock in ms; default performance.now. */
  now?: () => number;
}

/** When something happened, on both clocks the patience measures with (see `age`). */
interface Moment {
  wall: number;
  paused: number;
}

interface OwnJob {
  env: EnvKind;
  submitted: Moment;
  /** A read has found it: from now on a ResourceNotFound about it is taken at its word. */
  found: boolean;
}

const isNotFound = (result: CallResult<string>): boolean =>
  result.kind === 'error' && result.code.startsWith('ResourceNotFound.');

const key = (jobId: string, task: string, index: number): string => `${jobId}\u0000${task}\u0000${index}`;

/**
 * Patience with a target whose reads lag its writes, for the run's own jobs only (the docs are silent on consistency;
 * many cloud control planes are eventually consistent after a write):
 * - a ResourceNotFound.* about a job the run created and no read has found yet, within `graceMs` of its SubmitJob,
 *   is asked again with back-off (a DescribeJob first, unless the call was one) instead of being taken at its word;
 * - a DescribeTask that shows an instance in a state a termination the run just made fails at once (the transition
 *   table's `fail-now`: SUBMITTED, PENDING, RUNNABLE) is read again until it settles or `graceMs` has passed since.
 * Time is measured on two clocks at once, wall time and the pauses made here: on a live target they agree, on an
 * emulator's virtual clock only the pauses move it. What a target needed is kept as observations.
 */
export function createPatience(options: PatienceOptions) {
  const now = options.now ?? (() => performance.now());
  let paused = 0;
  const jobs = new Map<string, OwnJob>();
  const terminations = new Map<string, Moment>();
  const seen: ConsistencyReport = {
    graceMs: options.graceMs,
    newJobs: { waitedFor: 0, longestMs: 0, neverFound: 0 },
    terminations: { reread: 0, longestMs: 0, unsettled: 0 },
  };
  const moment = (): Moment => ({ wall: now(), paused });
  const age = (since: Moment): number => Math.max(now() - since.wall, paused - since.paused);

  async function pauseFor(ms: number): Promise<void> {
    await options.pause(ms);
    paused += ms;
  }

  function found(job: OwnJob, waited: boolean): void {
    if (job.found) return;
    job.found = true;
    if (!waited) return;
    seen.newJobs.waitedFor++;
    seen.newJobs.longestMs = Math.max(seen.newJobs.longestMs, Math.round(age(job.submitted)));
  }

  /** Whether a termination the run just made should already show as `state` (the table fails the instance at once). */
  function failsAtOnce(env: EnvKind, state: TaskInstanceState): boolean {
    return TERMINATE_OUTCOMES[options.docRevision][env][state].none.effect === 'fail-now';
  }

  return {
    /** A job of the run: its SubmitJob answered just now. */
    submitted(jobId: string, env: EnvKind): void {
      jobs.set(jobId, { env, submitted: moment(), found: false });
    },

    /**
     * A call's answer, or a later one: a ResourceNotFound.* about a job of the run that no read has found yet is
     * asked again (`again`) once the job is found, within the grace; any other answer is handed back as it is.
     */
    async afterCall<A extends string>(
      action: string,
      params: unknown,
      result: CallResult<A>,
      again: () => Promise<CallResult<A>>,
    ): Promise<CallResult<A>> {
      const jobId = (params as { JobId?: unknown } | undefined)?.JobId;
      const job = typeof jobId === 'string' ? jobs.get(jobId) : undefined;
      if (job === undefined || job.found || typeof jobId !== 'string') return result;
      if (!isNotFound(result)) {
        if (result.kind === 'success') found(job, false);
        return result;
      }
      let current = result;
      for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(MAX_PAUSE_MS, pause * 2)) {
        if (age(job.submitted) >= options.graceMs) {
          seen.newJobs.neverFound++;
          // Taken at its word from now on: the grace is over.
          job.found = true;
          return current;
        }
        await pauseFor(Math.min(pause, Math.max(1, options.graceMs - age(job.submitted))));
        if (action !== 'DescribeJob') {
          const probe = await options.describeJob(jobId);
          if (isNotFound(probe)) continue;
          if (probe.kind !== 'success') return current;
        }
        current = await again();
        if (action === 'DescribeJob' && isNotFound(current)) continue;
        found(job, true);
        return current;
      }
    },

    /** An accepted termination of an instance (TerminateTaskInstance) or of every instance (TerminateJob). */
    terminated(action: string, params: unknown): void {
      const p = params as { JobId?: unknown; TaskName?: unknown; TaskInstanceIndex?: unknown } | undefined;
      if (typeof p?.JobId !== 'string' || !jobs.has(p.JobId)) return;
      if (action === 'TerminateJob') terminations.set(p.JobId, moment());
      else if (
        action === 'TerminateTaskInstance' &&
        typeof p.TaskName === 'string' &&
        typeof p.TaskInstanceIndex === 'number'
      ) {
        terminations.set(key(p.JobId, p.TaskName, p.TaskInstanceIndex), moment());
      }
    },

    /**
     * A task's instances as just read: read again (`reread`) while one shows a state that a termination the run made
     * within the grace fails at once; then handed back as they are.
     */
    async settle(
      jobId: string,
      taskName: string,
      views: InstanceView[],
      reread: () => Promise<InstanceView[]>,
    ): Promise<InstanceView[]> {
      const job = jobs.get(jobId);
      if (job === undefined) return views;
      found(job, false);
      let current = views;
      let reads = 0;
      let longest = 0;
      for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(MAX_PAUSE_MS, pause * 2)) {
        const lagging = current.flatMap((v) => {
          const instance = key(jobId, taskName, v.TaskInstanceIndex);
          const which = terminations.has(instance) ? instance : jobId;
          const at = terminations.get(which);
          return at !== undefined && failsAtOnce(job.env, v.TaskInstanceState) ? [{ which, at }] : [];
        });
        const expired = lagging.filter((l) => age(l.at) >= options.graceMs);
        if (lagging.length === 0 || expired.length > 0) {
          // Settled, or the grace is over: either way these terminations are judged by what the reads show now.
          for (const l of lagging) terminations.delete(l.which);
          seen.terminations.unsettled += expired.length;
          if (reads > 0) {
            seen.terminations.reread += reads;
            seen.terminations.longestMs = Math.max(seen.terminations.longestMs, Math.round(longest));
          }
          return current;
        }
        longest = Math.max(...lagging.map((l) => age(l.at)));
        await pauseFor(pause);
        current = await reread();
        reads++;
        longest = Math.max(longest, ...lagging.map((l) => age(l.at)));
      }
    },

    /**
     * The world was replaced (an emulator resets it, or restores a saved one, for each run): its jobs and terminations
     * are not the ones recorded here, even where a restored world reuses their ids.
     */
    forgetWorld(): void {
      jobs.clear();
      terminations.clear();
    },

    observations: (): ConsistencyReport => structuredClone(seen),
  };
}

export type Patience = ReturnType<typeof createPatience>;

/** The observations of several harnesses (an emulated run's tenants) as one: counts add up, the longest stays. */
export function mergeConsistency(reports: readonly (ConsistencyReport | undefined)[]): ConsistencyReport | undefined {
  const present = reports.filter((r): r is ConsistencyReport => r !== undefined);
  const [first] = present;
  if (first === undefined) return undefined;
  const add = (a: number, b: number): number => a + b;
  return present.slice(1).reduce<ConsistencyReport>(
    (sum, r) => ({
      graceMs: sum.graceMs,
      newJobs: {
        waitedFor: add(sum.newJobs.waitedFor, r.newJobs.waitedFor),
        longestMs: Math.max(sum.newJobs.longestMs, r.newJobs.longestMs),
        neverFound: add(sum.newJobs.neverFound, r.newJobs.neverFound),
      },
      terminations: {
        reread: add(sum.terminations.reread, r.terminations.reread),
        longestMs: Math.max(sum.terminations.longestMs, r.terminations.longestMs),
        unsettled: add(sum.terminations.unsettled, r.terminations.unsettled),
      },
    }),
    structuredClone(first),
  );
}
