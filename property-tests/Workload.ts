import type { EnvKind, TaskInstanceState } from '../generated/transitions.ts';

/** A workload that runs for a day: its instance stays RUNNING for as long as any scenario needs. */
export const LONG_SLEEP = 'sleep 86400';

/**
 * The kinds of task the run's shared jobs hold on a live target (createJobPool.ts), each reaching one state by
 * itself: `long` RUNNING, `succeed` SUCCEED, `fail` FAILED, `interrupt` FAILED_INTERRUPTED, `gated` PENDING behind a
 * task that runs for a day.
 */
export const LANES = ['long', 'succeed', 'fail', 'interrupt', 'gated'] as const;
export type Lane = (typeof LANES)[number];

/**
 * What a scenario's task runs: the exact workload (the emulator's grammar, `Application.Command`, plus more Task
 * fields), used where a fresh job is submitted, and the lane of the shared jobs that comes closest, used where jobs
 * are shared (a live target with a job budget).
 */
export interface Workload {
  command: string;
  extra?: Record<string, unknown>;
  lane: Lane;
}

/** The standard workload of each lane. */
export const LANE_WORKLOADS: Readonly<Record<Lane, Workload>> = {
  long: { command: LONG_SLEEP, lane: 'long' },
  succeed: { command: 'true', lane: 'succeed' },
  fail: { command: 'exit 1', lane: 'fail' },
  interrupt: { command: 'exit 1', extra: { FailedAction: 'INTERRUPT' }, lane: 'interrupt' },
  gated: { command: LONG_SLEEP, lane: 'gated' },
};

/**
 * How long (job time) a workload on a named compute environment may run: such jobs cannot be terminated under the seed
 * text ("the TerminateTaskInstance and TerminateJob operations are not supported"), so every workload the run gives
 * them ends by itself, and the run waits for them at its end (decision D-33).
 */
export const NAMED_ENV_WORKLOAD_SECONDS = 120;
const SHORT_SLEEP = `sleep ${NAMED_ENV_WORKLOAD_SECONDS}`;

/**
 * The lanes of a named-environment shared job: each ends by itself within NAMED_ENV_WORKLOAD_SECONDS of its start (the
 * gate too, so `gated` instances run after it, briefly). No `interrupt` lane: a FAILED_INTERRUPTED instance never ends
 * by itself, and there nothing may terminate it.
 */
export const NAMED_LANE_WORKLOADS: Readonly<Partial<Record<Lane, Workload>>> = {
  long: { command: SHORT_SLEEP, lane: 'long' },
  succeed: LANE_WORKLOADS.succeed,
  fail: LANE_WORKLOADS.fail,
  gated: { command: 'true', lane: 'gated' },
};

/** What the task a `gated` lane depends on runs, by environment: a day, or (named) no longer than it may. */
export const GATE_WORKLOADS: Readonly<Record<EnvKind, string>> = { anonymous: LONG_SLEEP, named: SHORT_SLEEP };

/** The lane whose instances pass through or end in `state` soonest. */
export function laneFor(state: TaskInstanceState): Lane {
  switch (state) {
    case 'SUCCEED':
      return 'succeed';
    case 'FAILED':
      return 'fail';
    case 'FAILED_INTERRUPTED':
      return 'interrupt';
    case 'PENDING':
      return 'gated';
    default:
      return 'long';
  }
}

/** A workload that ends in `state` (or passes through it on the way to RUNNING), with a scenario's own changes. */
export function workloadFor(
  state: TaskInstanceState,
  change: { command?: string; extra?: Record<string, unknown> } = {},
): Workload {
  const base = LANE_WORKLOADS[laneFor(state)];
  const extra = { ...base.extra, ...change.extra };
  return {
    command: change.command ?? base.command,
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
    lane: base.lane,
  };
}

/** The lane a workload by its command and FailedAction comes closest to (TTI-MODEL's jobs on a live target). */
export function laneOfCommand(command: string, failedAction: string | undefined): Lane {
  if (command === 'true') return 'succeed';
  if (/exit [1-9]/.test(command)) return failedAction === 'INTERRUPT' ? 'interrupt' : 'fail';
  return 'long';
}
