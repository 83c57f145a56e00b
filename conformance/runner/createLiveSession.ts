import type { Report } from '../../generated/reportTypes.ts';
import type { InvariantId } from '../../property-tests/catalogue.ts';
import { createLiveHarness, LIVE_TIMING, type LiveHarnessOptions } from '../../property-tests/createLiveHarness.ts';
import type { HarnessRuntime } from '../../property-tests/Harness.ts';
import { OWN_JOB_SUBMITTERS } from '../../property-tests/liveDemand.ts';
import { planSharedJobs, type SharedJobsPlan } from '../../property-tests/planSharedJobs.ts';
import type { ApiClient } from '../client/createApiClient.ts';
import { createJobBook } from './createJobBook.ts';
import type { JobLedger } from './createJobLedger.ts';
import { finishLiveRun, type LiveRunEnd } from './finishLiveRun.ts';
import type { LiveProfile } from './runnerProfiles.ts';

export interface LiveSessionOptions {
  profile: LiveProfile;
  /** The live harness's own options (client, doc revision, capabilities, job budget, timing, ...). */
  harness: Omit<LiveHarnessOptions, 'sharedJobs' | 'maxInstances' | 'deadline' | 'jobEvents' | 'consistencyGraceMs'>;
  ledger: JobLedger | undefined;
  /** `--max-instances`: the CVMs the run may create in all. */
  maxInstances: number;
  consistencyGraceMs: number;
  /** The selected invariants that will be checked, in order, each with the runs asked of it and whether it needs jobs. */
  invariants: readonly { id: InvariantId; runs: number; stateful: boolean }[];
  signal?: AbortSignal;
}

/** What an invariant's turn may do: its runs (capped by the machine budget), or why it cannot make one. */
export interface Turn {
  runsCap?: number;
  skip?: string;
}

/**
 * A live run's one harness and what it spans: the shared jobs planned from the invariants selected within the machine
 * budget (planSharedJobs), each invariant's turn (its share of the jobs and of the time: no wait of it goes past its
 * share), the book of the jobs created, and the end (terminate, wait for the jobs to end, leftovers, what it cost).
 * Why apart from runConformance: all of this is the live profiles' alone.
 */
export function createLiveSession(options: LiveSessionOptions) {
  const stateful = options.profile === 'live-stateful';
  const maxJobs = options.harness.maxJobs ?? 1;
  const plan: SharedJobsPlan | undefined = stateful
    ? planSharedJobs({
        // All of them: some that need no state of their own still aim at the shared RUNNING pair when there is state.
        invariants: options.invariants,
        maxInstances: options.maxInstances,
        maxJobs,
        namedEnv: options.harness.namedEnvId !== undefined,
        singleJobsWanted: options.invariants.some((i) => OWN_JOB_SUBMITTERS.includes(i.id)) ? maxJobs : 0,
      })
    : undefined;
  const book = createJobBook(options.ledger);
  let deadline = Number.POSITIVE_INFINITY;
  const harness: HarnessRuntime = createLiveHarness({
    ...options.harness,
    ...(stateful ? { jobEvents: book, maxInstances: options.maxInstances } : {}),
    ...(plan === undefined ? {} : { sharedJobs: plan }),
    consistencyGraceMs: options.consistencyGraceMs,
    deadline: () => deadline,
  });
  let sharesLeft = options.invariants.filter((i) => i.stateful && (plan?.runs.get(i.id) ?? 1) > 0).length;
  let end: LiveRunEnd | undefined;

  return {
    harness,
    plan,
    /**
     * The time a live-stateful run keeps back for its end (terminating its jobs and waiting for them): an eighth of
     * the budget, at most 2 minutes; none without jobs.
     */
    reserveMs: (budgetMs: number): number =>
      plan === undefined || plan.instances === 0 ? 0 : Math.min(120_000, Math.floor(budgetMs / 8)),
    /** An invariant's turn starts: `shareMs` is its share of the time budget. */
    turn(id: InvariantId, shareMs: number, needsJobs: boolean): Turn {
      deadline = performance.now() + shareMs;
      const planned = plan?.runs.get(id);
      const left = plan?.leftOut.find((l) => l.id === id);
      if (planned === 0 && left !== undefined) {
        return {
          skip:
            left.why === 'jobs'
              ? `the job budget (--max-jobs ${maxJobs}) cannot pay for the jobs it needs (twin or named-environment jobs come after the main ones)`
              : `the machine budget (--max-instances ${options.maxInstances}) cannot pay for a run of it after the others' (more with --max-instances)`,
        };
      }
      if (needsJobs) harness.shareJobs(sharesLeft--);
      return planned === undefined ? {} : { runsCap: planned };
    },
    /** The run's end (live-stateful): its jobs terminated, then waited for within `waitMs`. */
    async finish(client: Pick<ApiClient, 'TerminateJob' | 'DescribeJob'>, waitMs: number): Promise<void> {
      deadline = Number.POSITIVE_INFINITY;
      if (!stateful) return;
      end = await finishLiveRun({
        client,
        jobs: book.jobs,
        ledger: options.ledger,
        waitMs,
        timing: { ...LIVE_TIMING, ...options.harness.timing },
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    },
    /** What the report says of the live run besides its invariants. */
    report(): Pick<Report, 'resources' | 'leftovers'> {
      return {
        ...(plan === undefined
          ? {}
          : {
              resources: {
                maxInstances: options.maxInstances,
                plannedInstances: plan.instances,
                plan: plan.jobs.map((j) => ({
                  env: j.env,
                  twin: j.twin,
                  tasks: j.tasks.map((t) => ({ name: t.name, count: t.count, command: t.command })),
                })),
                jobsCreated: book.jobs.length,
                instancesCreated: book.jobs.reduce((sum, j) => sum + j.instances, 0),
                instanceSeconds: end?.instanceSeconds ?? 0,
                fewerRuns: options.invariants.flatMap((i) => {
                  const runs = plan.runs.get(i.id);
                  if (runs === undefined || runs >= i.runs) return [];
                  const why = plan.leftOut.find((l) => l.id === i.id)?.why ?? 'instances';
                  return [{ id: i.id, runs, asked: i.runs, why }];
                }),
              },
            }),
        ...(end === undefined ? {} : { leftovers: end.leftovers }),
      };
    },
  };
}

export type LiveSession = ReturnType<typeof createLiveSession>;
