import { cvmsOf } from './cvmsOf.ts';
import {
  CVM_PHASES,
  TERMINATE_OUTCOMES,
  TRANSITION_TABLE,
  type CvmPhase,
  type EnvKind,
  type TaskInstanceState,
} from '../generated/transitions.ts';
import type { CallResult } from '../conformance/client/CallResult.ts';
import { expectThat } from './defineInvariant.ts';
import { reachState } from './reachState.ts';
import { describeRef, type InstanceRef } from './InstanceRef.ts';
import { outcomeOf } from './outcomeOf.ts';
import type { Harness } from './Harness.ts';

/** What the transition table (spec/transitions.yaml) says a terminate call does, for the run's doc revision. */
export function expectedTermination(
  h: Pick<Harness, 'docRevision'>,
  env: EnvKind,
  state: TaskInstanceState,
  cvm: CvmPhase,
) {
  const outcome = TERMINATE_OUTCOMES[h.docRevision][env][state][cvm];
  return { ...outcome, effect: TRANSITION_TABLE.effects[outcome.effect] };
}

/**
 * What the table says a terminate call answers, and what becomes of the instance, knowing only what a client knows:
 * the env and the instance's state, not what its CVM is doing. In every row of spec/transitions.yaml the response and
 * the instance's fate are the same in all CVM columns; only the CVM's own fate depends on it (TTI-03, TTI-04 and
 * TTI-06 check that). Throws (a kit bug, not a finding) should a future table break this.
 */
export function expectedAnswer(h: Pick<Harness, 'docRevision'>, env: EnvKind, state: TaskInstanceState) {
  const columns = CVM_PHASES.map((cvm) => expectedTermination(h, env, state, cvm));
  const [first] = columns;
  const differs = columns.some((c) => c.response !== first?.response || c.effect.instance !== first.effect.instance);
  if (first === undefined || differs) {
    throw new Error(`the ${h.docRevision} table's answer for ${env} ${state} instances depends on their CVM phase`);
  }
  return { response: first.response, instance: first.effect.instance, rules: [...new Set(columns.map((c) => c.rule))] };
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
  return snapshot === undefined ? [] : cvmsOf(snapshot, ref).flatMap((c) => c.history.map((e) => e.phase));
}

/** With a control plane, `a` and `b` had the same CVM lifecycle (phase by phase); without one there is nothing to compare. */
export async function expectSameCvmHistory(h: Harness, a: InstanceRef, b: InstanceRef, why: string): Promise<void> {
  const [pa, pb] = [await cvmPhases(h, a), await cvmPhases(h, b)];
  expectThat(
    pa.join(',') === pb.join(','),
    `${why}: the CVM of ${describeRef(a)} went ${pa.join(' → ') || '(none)'} while that of ${describeRef(b)} went ${pb.join(' → ') || '(none)'}`,
  );
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
  await expectSameCvmHistory(h, touched, twin, why);
}

/**
 * Two RUNNING instances of one fresh job, for a call that must change nothing: `touched` is the one the call aims at,
 * `twin` the one left alone. Undefined when the target cannot be given state (the call then aims at an unknown job).
 */
export async function runningTwins(h: Harness): Promise<{ touched: InstanceRef; twin: InstanceRef } | undefined> {
  if (!h.capabilities.has('state')) return undefined;
  const refs = await reachState(h, { state: 'RUNNING', env: 'anonymous', count: 2 });
  expectThat(refs !== undefined, 'could not bring an instance to RUNNING');
  const [touched] = refs;
  return { touched, twin: { ...touched, index: 1 } };
}
