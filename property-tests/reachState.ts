import { cvmsOf } from './cvmsOf.ts';
import type { EnvKind, TaskInstanceState } from '../generated/transitions.ts';
import type { Harness, ProvidedJob } from './Harness.ts';
import { describeRef, member, type InstanceRef } from './InstanceRef.ts';
import { laneOfCommand, workloadFor } from './Workload.ts';

/** The scenario's task in each job reached (one, or twins), each with its sibling tasks. */
export type ReachedJobs = [ProvidedJob, ...ProvidedJob[]];

/** A state to put a fresh instance in; `cvm` distinguishes STARTING with the CVM still being created from up. */
export interface StateGoal {
  state: TaskInstanceState;
  env: EnvKind;
  cvm?: 'creating' | 'running';
  /** Instances in the task (all reach the goal together). */
  count?: number;
  /** Overrides the workload of the goal's recipe, e.g. to end soon after the goal. */
  command?: string;
  extra?: Record<string, unknown>;
  /** Other tasks of the same job, independent of `A` (bystanders for TTI-15). */
  siblings?: { name: string; command: string; count: number }[];
  /** Shared jobs only: reuse the instances an earlier request with this key got (see ProvideRequest.reuse). */
  reuse?: string;
  /** With `reuse`: take fresh instances for the key (see ProvideRequest.renew). */
  renew?: boolean;
}

const ORDER: Record<TaskInstanceState, number> = {
  SUBMITTED: 0,
  PENDING: 1,
  RUNNABLE: 2,
  STARTING: 3,
  RUNNING: 4,
  SUCCEED: 5,
  FAILED: 5,
  FAILED_INTERRUPTED: 5,
};

/**
 * Instances whose task reaches `goal`: asks the harness for them (a fresh job on an emulator, unused instances of the
 * run's shared jobs on a live target; see Harness.provide), then lets time pass step by step, reading states only
 * through DescribeTask (the CVM phase through the snapshot, when there is a control plane). PENDING is reached with a
 * dependence on a task that runs for a day. With `jobs` > 1, the same instances of identical twin jobs. Returns the
 * task's group in each job (siblings after it in `ProvidedJob`), or undefined when the goal cannot be reached on this
 * target (a CVM phase without a control plane, a state that passed between two polls, no instances left).
 */
export function reachState(h: Harness, goal: StateGoal, jobs = 1): Promise<ReachedJobs | undefined> {
  if (goal.cvm !== undefined && !h.capabilities.has('control')) return Promise.resolve(undefined);
  // The same goal is reached the same way every time: set up once per invariant, then its world reused.
  return h.reuse(`reachState ${JSON.stringify({ ...goal, jobs })}`, () => reach(h, goal, jobs));
}

async function reach(h: Harness, goal: StateGoal, jobs: number): Promise<ReachedJobs | undefined> {
  const change = {
    ...(goal.command === undefined ? {} : { command: goal.command }),
    ...(goal.extra === undefined ? {} : { extra: goal.extra }),
  };
  const provided = await h.provide({
    workload: workloadFor(goal.state, change),
    env: goal.env,
    count: goal.count ?? 1,
    jobs,
    ...(goal.reuse === undefined ? {} : { reuse: goal.reuse }),
    ...(goal.renew === true ? { renew: true } : {}),
    ...(goal.siblings === undefined
      ? {}
      : {
          siblings: goal.siblings.map((t) => ({
            workload: { command: t.command, lane: laneOfCommand(t.command, undefined) },
            count: t.count,
          })),
        }),
  });
  if (provided === undefined) return undefined;
  const [first, ...more] = provided;
  if (first === undefined) return undefined;
  const reached: ReachedJobs = [first, ...more];
  const refs = reached.map((job) => member(job.task, 0));
  for (;;) {
    const states = await h.statesOf(refs);
    if (states.some((s) => ORDER[s] > ORDER[goal.state] || (ORDER[s] === 5 && s !== goal.state))) return undefined;
    if (states.every((s) => s === goal.state) && (await cvmMatches(h, refs, goal))) {
      h.note(`reached ${goal.state}${goal.cvm ? ` (CVM ${goal.cvm})` : ''} in ${refs.map(describeRef).join(', ')}`);
      return reached;
    }
    if (!(await h.step())) return undefined;
  }
}

async function cvmMatches(h: Harness, refs: InstanceRef[], goal: StateGoal): Promise<boolean> {
  if (goal.cvm === undefined) return true;
  for (const ref of refs) {
    const snapshot = await h.snapshot(ref.jobId);
    const cvm = snapshot === undefined ? undefined : cvmsOf(snapshot, ref).at(-1);
    if (cvm?.phase !== goal.cvm) return false;
  }
  return true;
}

/** Lets time pass until every instance is in a final state (SUCCEED, FAILED) or nothing more can happen. */
export async function settle(h: Harness, refs: readonly InstanceRef[], maxSteps = 500): Promise<TaskInstanceState[]> {
  for (let i = 0; ; i++) {
    const states = await h.statesOf(refs);
    if (states.every((s) => s === 'SUCCEED' || s === 'FAILED') || i >= maxSteps || !(await h.step())) return states;
  }
}
