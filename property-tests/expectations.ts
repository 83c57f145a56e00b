import { cvmsOf } from './cvmsOf.ts';
import {
  CVM_PHASES,
  DOC_REVISIONS,
  TERMINATE_OUTCOMES,
  TRANSITION_TABLE,
  type CvmPhase,
  type DocRevision,
  type EnvKind,
  type TaskInstanceState,
} from '../generated/transitions.ts';
import type { CallResult } from '../conformance/client/CallResult.ts';
import type { ErrorCode } from '../generated/errorCodes.ts';
import type { DecisionId } from '../generated/decisions.ts';
import type { Expectation } from './Expectation.ts';
import { decision, reference, seed, type Provenance } from './Provenance.ts';
import { Blocked, RunSkipped } from './Violation.ts';
import { reachState } from './reachState.ts';
import { describeRef, member, type InstanceGroup, type InstanceRef } from './InstanceRef.ts';
import { outcomeOf } from './outcomeOf.ts';
import type { Harness } from './Harness.ts';
import type { WireForm } from './coverage/WireForm.ts';

/**
 * Where a rule of the transition table comes from (spec/transitions.yaml `quote` and `from`), as a Provenance. Where
 * the documentation revisions disagree on the cell the rule decides, holding a target to this revision is itself a
 * decision (the table's `revisionChoice`).
 */
export function ruleProvenance(revision: DocRevision, ruleId: string, cell?: TableCell): Provenance {
  if (cell !== undefined) {
    const answers = DOC_REVISIONS.map((r) => {
      const o = TERMINATE_OUTCOMES[r][cell.env][cell.state][cell.cvm];
      return `${o.response}/${TRANSITION_TABLE.effects[o.effect].instance}`;
    });
    if (new Set(answers).size > 1) return decision(TRANSITION_TABLE.revisionChoice);
  }
  const rule = (
    TRANSITION_TABLE.revisions[revision].rules as readonly { id: string; quote: string; from: string }[]
  ).find((r) => r.id === ruleId);
  if (rule === undefined) throw new Error(`no rule ${ruleId} in doc revision ${revision}`);
  if (rule.from === 'seed') return seed(rule.quote);
  if (/^D-[0-9]{2}$/.test(rule.from)) return decision(rule.from as DecisionId);
  return reference(rule.from, rule.quote);
}

/** The cell of the transition table a terminate call falls in. */
export interface TableCell {
  env: EnvKind;
  state: TaskInstanceState;
  cvm: CvmPhase;
}

/** An expectation checked against a rule of the table: its provenance is the rule's own (see ruleProvenance). */
export function underRule(
  expectation: Expectation,
  revision: DocRevision,
  ruleId: string,
  cell?: TableCell,
): Expectation {
  return { ...expectation, provenance: ruleProvenance(revision, ruleId, cell) };
}

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

/** TerminateTaskInstance of one instance, in a wire form (default TC3 POST JSON). */
export function terminate(h: Harness, ref: InstanceRef, form?: WireForm) {
  return h.call(
    'TerminateTaskInstance',
    { JobId: ref.jobId, TaskName: ref.taskName, TaskInstanceIndex: ref.index },
    form,
  );
}

/** Checks that a call answered one of `expected` (`Success` or codes); true when it did. */
export function expectOutcome(
  h: Harness,
  expectation: Expectation,
  result: CallResult<string>,
  // Codes the spec documents (generated/errorCodes.ts): a code renamed or dropped there stops the build here.
  expected: readonly (ErrorCode | 'Success')[],
  what: string,
): boolean {
  const got = outcomeOf(result);
  const holds = (expected as readonly string[]).includes(got);
  return h.check(expectation, holds, `${what}: expected ${expected.join(' or ')}, got ${got}`);
}

/** The phases a snapshot shows for an instance's CVMs, in order (empty without a control plane). */
export async function cvmPhases(h: Harness, ref: InstanceRef): Promise<string[]> {
  const [phases] = await cvmPhasesOf(h, [ref]);
  return phases ?? [];
}

/** The CVM phases of several instances, with one snapshot per job they belong to. */
async function cvmPhasesOf(h: Harness, refs: readonly InstanceRef[]): Promise<string[][]> {
  const snapshots = new Map<string, Awaited<ReturnType<Harness['snapshot']>>>();
  const phases: string[][] = [];
  for (const ref of refs) {
    if (!snapshots.has(ref.jobId)) snapshots.set(ref.jobId, await h.snapshot(ref.jobId));
    const snapshot = snapshots.get(ref.jobId);
    phases.push(snapshot === undefined ? [] : cvmsOf(snapshot, ref).flatMap((c) => c.history.map((e) => e.phase)));
  }
  return phases;
}

/** With a control plane, `a` and `b` had the same CVM lifecycle (phase by phase); without one it is not observable. */
export function expectSameCvmHistory(
  h: Harness,
  expectation: Expectation,
  a: InstanceRef,
  b: InstanceRef,
  why: string,
): Promise<void> {
  return expectSameCvmHistories(h, expectation, [[a, b]], why);
}

/** expectSameCvmHistory for several pairs, reading each job's snapshot once. */
export async function expectSameCvmHistories(
  h: Harness,
  expectation: Expectation,
  pairs: readonly (readonly [InstanceRef, InstanceRef])[],
  why: string,
): Promise<void> {
  if (!h.capabilities.has('control')) {
    h.cannotObserve('CVM lifecycles (no emulator snapshot)');
    return;
  }
  const phases = await cvmPhasesOf(h, pairs.flat());
  pairs.forEach(([a, b], i) => {
    const [pa = [], pb = []] = [phases[2 * i], phases[2 * i + 1]];
    h.check(
      expectation,
      pa.join(',') === pb.join(','),
      `${why}: the CVM of ${describeRef(a)} went ${pa.join(' → ') || '(none)'} while that of ${describeRef(b)} went ${pb.join(' → ') || '(none)'}`,
    );
  });
}

/**
 * "Nothing changes": an instance a call must not have touched evolves exactly like its twin (same job, same task,
 * same timing) that no call touched. Compared after letting time pass, by state and, with a control plane, by the
 * CVM lifecycle.
 */
export async function expectLikeTwin(
  h: Harness,
  expectation: Expectation,
  touched: InstanceRef,
  twin: InstanceRef,
  why: string,
): Promise<void> {
  await h.wait(60);
  // One DescribeTask for both when they are of one task (the usual twins), as a client would read them.
  const [a, b] = await h.statesOf([touched, twin]);
  h.check(
    expectation,
    a === b,
    `${why}: ${describeRef(touched)} is ${a} while its untouched twin ${describeRef(twin)} is ${b}`,
  );
  await expectSameCvmHistory(h, expectation, touched, twin, why);
}

/**
 * Two RUNNING instances of one job, for a call that must change nothing: `touched` is the one the call aims at,
 * `twin` the one left alone. A fresh job on an emulator; on shared jobs the same pair every time (each run checks that
 * the pair is still alike, so a target that changed them fails there, or is observed to differ and the next run takes
 * a fresh pair). Undefined when the target cannot be given state (the call then aims at an unknown job).
 */
export async function runningTwins(
  h: Harness,
): Promise<{ touched: InstanceRef; twin: InstanceRef; task: InstanceGroup } | undefined> {
  if (!h.capabilities.has('state')) return undefined;
  const goal = { state: 'RUNNING', env: 'anonymous', count: 2, reuse: 'running-twins' } as const;
  // Shared jobs: an earlier call may have changed the pair (reported as an observation where "changes nothing" is a
  // decision); later runs then take a fresh pair instead of being blocked by it. An emulator gives a fresh job anyway.
  const refs =
    (await reachState(h, goal)) ??
    (h.capabilities.has('control') ? undefined : await reachState(h, { ...goal, renew: true }));
  if (refs === undefined) throw new Blocked('could not bring two instances of a job to RUNNING');
  return { touched: member(refs[0].task, 0), twin: member(refs[0].task, 1), task: refs[0].task };
}

/**
 * The first of `candidates` the target itself proves nonexistent (DescribeJob: ResourceNotFound.Job), for a scenario
 * about a job that does not exist; otherwise what DescribeJob answered for each (a busy account may own every id of
 * the documented form; a target may refuse the probe). Probing stops at the first unknown one, so the call that uses
 * it follows its proof directly.
 */
export async function findUnknownJob(
  h: Harness,
  candidates: readonly string[],
): Promise<{ jobId: string } | { unproven: string }> {
  const answers: string[] = [];
  for (const jobId of candidates) {
    const outcome = outcomeOf(await h.call('DescribeJob', { JobId: jobId }));
    if (outcome === 'ResourceNotFound.Job') return { jobId };
    answers.push(`${jobId}: ${outcome}`);
  }
  return { unproven: `DescribeJob proved no candidate unknown (${answers.join(', ')})` };
}

/** findUnknownJob for a run that needs the job: without one proven unknown, the run is skipped with what was answered. */
export async function requireUnknownJob(h: Harness, candidates: readonly string[]): Promise<string> {
  const found = await findUnknownJob(h, candidates);
  if ('unproven' in found) throw new RunSkipped(found.unproven);
  return found.jobId;
}
