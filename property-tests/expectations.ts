import {
  TERMINATE_OUTCOMES,
  TRANSITION_TABLE,
  type CvmPhase,
  type EnvKind,
  type TaskInstanceState,
} from '../generated/transitions.ts';
import type { CallResult } from '../conformance/target/CallResult.ts';
import { describeRef, type Harness, type InstanceRef } from './createHarness.ts';
import { expectThat } from './defineInvariant.ts';

/** What the transition table (spec/transitions.yaml) says a terminate call does, for the run's doc revision. */
export function expectedTermination(h: Harness, env: EnvKind, state: TaskInstanceState, cvm: CvmPhase) {
  const outcome = TERMINATE_OUTCOMES[h.docRevision][env][state][cvm];
  return { ...outcome, effect: TRANSITION_TABLE.effects[outcome.effect] };
}

/** `Success`, the error code, or what else came back — the one thing a check compares. */
export function outcomeOf(result: CallResult<string>): string {
  switch (result.kind) {
    case 'success':
      return 'Success';
    case 'error':
      return result.code;
    case 'violation':
      return `(a response breaking the spec: ${result.problems.join('; ')})`;
    case 'transport':
      return `(no response: ${result.reason})`;
  }
}

export function terminate(h: Harness, ref: InstanceRef) {
  return h.call('TerminateTaskInstance', { JobId: ref.jobId, TaskName: ref.taskName, TaskInstanceIndex: ref.index });
}

export function expectOutcome(result: CallResult<string>, expected: readonly string[], what: string): void {
  const got = outcomeOf(result);
  expectThat(expected.includes(got), `${what}: expected ${expected.join(' or ')}, got ${got}`);
}

/** The phases a snapshot shows for an instance's CVMs, in order (empty without a control plane). */
export async function cvmPhases(h: Harness, ref: InstanceRef): Promise<string[]> {
  const snapshot = await h.snapshot(ref.jobId);
  return snapshot === undefined ? [] : h.cvmsOf(snapshot, ref).flatMap((c) => c.history.map((e) => e.phase));
}

/**
 * "Nothing changes": an instance a call must not have touched evolves exactly like its twin (same job, same task,
 * same timing) that no call touched. Compared after letting time pass, by state and, with a control plane, by the
 * CVM lifecycle.
 */
export async function expectLikeTwin(h: Harness, touched: InstanceRef, twin: InstanceRef, why: string): Promise<void> {
  await h.wait(60);
  const [a, b] = [await h.stateOf(touched), await h.stateOf(twin)];
  expectThat(a === b, `${why}: ${describeRef(touched)} is ${a} while its untouched twin ${describeRef(twin)} is ${b}`);
  const [pa, pb] = [await cvmPhases(h, touched), await cvmPhases(h, twin)];
  expectThat(
    pa.join(',') === pb.join(','),
    `${why}: the CVM of ${describeRef(touched)} went ${pa.join(' → ') || '(none)'} while its twin's went ${pb.join(' → ') || '(none)'}`,
  );
}
