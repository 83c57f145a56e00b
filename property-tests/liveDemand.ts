import type { EnvKind } from '../generated/transitions.ts';
import type { InvariantId } from './catalogue.ts';
import type { Lane } from './Workload.ts';

/**
 * How one property run of an invariant uses the run's shared jobs on a live target (createJobPool): what the machine
 * budget (`--max-instances`) is planned from (planSharedJobs). Read off each invariant's scenario (its `reachState`
 * goals and counts); `liveDemand.test.ts` runs the catalogue and fails when a run leases or uses up more than this.
 */
export interface LiveDemand {
  env: EnvKind;
  /** 2: the same instances of twin jobs, compared with each other (TTI-15, TTI-18). */
  jobs: 1 | 2;
  /**
   * The lanes a run's draws lease from, each with the instances its smallest draw holds there at once (siblings in the
   * long lane included). A lane smaller than a larger draw is not an error: that draw is not served, and a fresh one
   * is made in its place (live runs redraw what they could not observe).
   */
  lanes: Partial<Record<Lane, number>>;
  /**
   * Lanes its draws may also ask for that the plan makes no room for: such a draw finds no instances (or, in a named
   * environment's job, no such lane: NAMED_LANE_WORKLOADS) and is redrawn.
   */
  unplanned?: readonly Lane[];
  /**
   * Instances a run may use up over all its lanes: those its calls may have changed (terminated, or named by a refused
   * call). The others go back to the pool when the run ends, for later runs.
   */
  usesUp: number;
  /**
   * Takes what is left rather than a fixed part: a run may use up more than `usesUp` (a guess for planning), and a
   * lane without room means one job fewer in its model, not a run redrawn (TTI-MODEL).
   */
  elastic?: true;
}

/**
 * The pair of RUNNING instances that the must-change-nothing calls of TTI-07, 08, 12, 13 and 17 share (reuse key
 * `running-twins`): held for the whole run, plus a spare pair for when a target changed it (an observation).
 */
export const RUNNING_PAIR = { lane: 'long', instances: 2, spares: 2 } as const satisfies {
  lane: Lane;
  instances: number;
  spares: number;
};

/** The invariants that aim at the RUNNING pair. */
export const PAIR_USERS: readonly InvariantId[] = ['TTI-07', 'TTI-08', 'TTI-12', 'TTI-13', 'TTI-17'];

/** Per invariant that needs state on a live target, how each run uses the shared jobs. Stateless ones are absent. */
export const LIVE_DEMAND: Readonly<Partial<Record<InvariantId, readonly LiveDemand[]>>> = {
  // SUCCEED or FAILED: two instances, one terminated, its twin compared.
  'TTI-01': [{ env: 'anonymous', jobs: 1, lanes: { succeed: 2, fail: 2 }, usesUp: 1 }],
  // SUBMITTED, RUNNABLE (long lane) or PENDING (gated).
  'TTI-02': [{ env: 'anonymous', jobs: 1, lanes: { long: 1, gated: 1 }, usesUp: 1 }],
  'TTI-03': [{ env: 'anonymous', jobs: 1, lanes: { long: 1, interrupt: 1 }, usesUp: 1 }],
  'TTI-04': [{ env: 'anonymous', jobs: 1, lanes: { long: 1 }, usesUp: 1 }],
  // 1 to 3 FAILED_INTERRUPTED instances, the first terminated.
  'TTI-05': [{ env: 'anonymous', jobs: 1, lanes: { interrupt: 1 }, usesUp: 1 }],
  // Every state of a named environment's instance, one terminated (refused under seed), its twin compared; no
  // FAILED_INTERRUPTED there (NAMED_LANE_WORKLOADS).
  'TTI-06': [
    { env: 'named', jobs: 1, lanes: { long: 2, gated: 2, succeed: 2, fail: 2 }, unplanned: ['interrupt'], usesUp: 1 },
  ],
  // Every anonymous situation, two instances, both terminated.
  'TTI-14': [{ env: 'anonymous', jobs: 1, lanes: { long: 2, gated: 2, succeed: 2, fail: 2, interrupt: 2 }, usesUp: 2 }],
  // Twin jobs: 2 or 3 instances of the scenario's task and 1 or 2 of a sibling task (long lane), one terminated. On
  // shared jobs only the long lane is planned for it: its other goals are drawn, and met when room is left.
  'TTI-15': [{ env: 'anonymous', jobs: 2, lanes: { long: 3 }, unplanned: ['gated', 'interrupt'], usesUp: 1 }],
  'TTI-16': [{ env: 'anonymous', jobs: 1, lanes: { long: 1, gated: 1, interrupt: 1 }, usesUp: 1 }],
  // Twin named jobs, two instances each, TerminateJob on the first (refused under seed, changing them all if not).
  // PENDING passes within the named workloads' bound, long before this invariant's turn: not planned for.
  'TTI-18': [
    { env: 'named', jobs: 2, lanes: { long: 2, succeed: 2, fail: 2 }, unplanned: ['gated', 'interrupt'], usesUp: 2 },
  ],
  // Model jobs of 1 to 3 instances in any lane, the first two long-running; a few terminations per run.
  'TTI-MODEL': [
    { env: 'anonymous', jobs: 1, lanes: { long: 2, succeed: 1, fail: 1, interrupt: 1 }, usesUp: 3, elastic: true },
    {
      env: 'named',
      jobs: 1,
      lanes: { long: 1, succeed: 1, fail: 1 },
      unplanned: ['interrupt'],
      usesUp: 1,
      elastic: true,
    },
  ],
};

/** The invariants that submit jobs of their own on a live target (one instance each; TTI-10 and TTI-11's call mix). */
export const OWN_JOB_SUBMITTERS: readonly InvariantId[] = ['TTI-10', 'TTI-11'];
