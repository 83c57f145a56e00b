import { cvmsOf } from './cvmsOf.ts';
import type { EnvKind, TaskInstanceState } from '../generated/transitions.ts';
import { LONG_SLEEP } from './createHarness.ts';
import type { Harness } from './Harness.ts';
import type { InstanceRef } from './InstanceRef.ts';

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

/** Workloads that make each state reachable through the public API and time alone (the emulator's grammar). */
function recipe(goal: StateGoal): { command: string; extra: Record<string, unknown> } {
  const byState: Partial<Record<TaskInstanceState, { command: string; extra?: Record<string, unknown> }>> = {
    SUCCEED: { command: 'true' },
    FAILED: { command: 'exit 1' },
    FAILED_INTERRUPTED: { command: 'exit 1', extra: { FailedAction: 'INTERRUPT' } },
  };
  const r = byState[goal.state] ?? { command: LONG_SLEEP };
  return { command: goal.command ?? r.command, extra: { ...r.extra, ...goal.extra } };
}

/**
 * Submits a job whose task `A` reaches `goal`, letting time pass step by step and reading states only through
 * DescribeTask (the CVM phase through the snapshot, when there is a control plane). PENDING is reached with a
 * dependence on a task `Gate` that runs for a day. Returns undefined when the goal cannot be reached on this target
 * (e.g. a CVM phase without a control plane, or a state that passed between two polls).
 */
export async function reachState(
  h: Harness,
  goal: StateGoal,
  jobs = 1,
): Promise<[InstanceRef, ...InstanceRef[]] | undefined> {
  if (goal.cvm !== undefined && !h.capabilities.has('control')) return undefined;
  const { command, extra } = recipe(goal);
  const tasks = [
    { name: 'A', command, count: goal.count ?? 1, env: goal.env, extra },
    ...(goal.siblings ?? []).map((t) => ({ ...t, env: goal.env })),
  ];
  const gated = goal.state === 'PENDING';
  const jobIds: string[] = [];
  for (let j = 0; j < jobs; j++) {
    jobIds.push(
      await h.submit(
        gated ? [{ name: 'Gate', command: LONG_SLEEP, env: goal.env }, ...tasks] : tasks,
        gated ? [{ StartTask: 'Gate', EndTask: 'A' }] : [],
      ),
    );
  }
  const [first, ...more] = jobIds.map((jobId) => ({ jobId, taskName: 'A', index: 0 }));
  if (first === undefined) return undefined;
  const refs: [InstanceRef, ...InstanceRef[]] = [first, ...more];
  for (;;) {
    const states = await statesOf(h, refs);
    if (states.some((s) => ORDER[s] > ORDER[goal.state] || (ORDER[s] === 5 && s !== goal.state))) return undefined;
    if (states.every((s) => s === goal.state) && (await cvmMatches(h, refs, goal))) {
      h.note(`reached ${goal.state}${goal.cvm ? ` (CVM ${goal.cvm})` : ''} in ${jobIds.join(', ')}`);
      return refs;
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
    const states = await statesOf(h, refs);
    if (states.every((s) => s === 'SUCCEED' || s === 'FAILED') || i >= maxSteps || !(await h.step())) return states;
  }
}

/** States of several instances, read one after the other so the exchange log has a stable order. */
export async function statesOf(h: Harness, refs: readonly InstanceRef[]): Promise<TaskInstanceState[]> {
  const states: TaskInstanceState[] = [];
  for (const ref of refs) states.push(await h.stateOf(ref));
  return states;
}
