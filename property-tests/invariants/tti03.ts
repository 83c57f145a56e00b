import fc from 'fast-check';
import { cvmsOf } from '../cvmsOf.ts';
import { defineInvariant } from '../defineInvariant.ts';
import { expectOutcome, terminate } from '../expectations.ts';
import { describeRef, member } from '../InstanceRef.ts';
import { seed } from '../Provenance.ts';
import { reachState, type StateGoal } from '../reachState.ts';
import { WIRE_FORMS } from '../coverage/WireForm.ts';

const SENTENCE =
  'For task instances with state STARTING, RUNNING or FAILED_INTERRUPTED, Batch terminates the CVM first and then sets them to the FAILED state, which is time-consuming.';

const GOALS: readonly (StateGoal & { label: string })[] = [
  { state: 'STARTING', env: 'anonymous', cvm: 'running', label: 'STARTING (CVM running)' },
  { state: 'RUNNING', env: 'anonymous', label: 'RUNNING' },
  { state: 'FAILED_INTERRUPTED', env: 'anonymous', label: 'FAILED_INTERRUPTED' },
];

export const tti03 = defineInvariant({
  id: 'TTI-03',
  title:
    'STARTING, RUNNING or FAILED_INTERRUPTED instances (anonymous env) end FAILED, their CVM is terminated before the state becomes FAILED, and they never end SUCCEED.',
  source: SENTENCE,
  requires: ['state'],
  expectations: {
    success: { statement: 'The call answers Success.', provenance: seed(SENTENCE) },
    neverSucceed: { statement: 'The instance never becomes SUCCEED afterwards.', provenance: seed(SENTENCE) },
    failed: { statement: 'The instance ends FAILED.', provenance: seed(SENTENCE) },
    cvmFirst: {
      statement: 'Its CVM is terminated before the state becomes FAILED (emulator snapshot).',
      provenance: seed(SENTENCE),
    },
  },
  // Short workloads on purpose: they would finish (SUCCEED) while the CVM is being terminated if the target let them.
  cells: () => [{ goal: GOALS, form: WIRE_FORMS }],
  arbitrary: () => fc.record({ seconds: fc.integer({ min: 1, max: 40 }) }),
  async run(h, { goal, form, seconds }, expect) {
    const command = goal.state === 'FAILED_INTERRUPTED' ? undefined : `sleep ${seconds}`;
    const refs = await reachState(h, { ...goal, ...(command === undefined ? {} : { command }) });
    if (refs === undefined) {
      h.skipRun(`${goal.state} could not be caught on this target`);
      return;
    }
    const ref = member(refs[0].task, 0);
    expectOutcome(
      h,
      expect.success,
      await terminate(h, ref, form),
      ['Success'],
      `terminating a ${goal.state} instance (${form.label})`,
    );
    const seen: string[] = [];
    for (let i = 0; i < 500; i++) {
      const state = await h.stateOf(ref);
      seen.push(state);
      if (state === 'FAILED' || state === 'SUCCEED' || !(await h.step())) break;
    }
    h.check(
      expect.neverSucceed,
      !seen.includes('SUCCEED'),
      `${describeRef(ref)} ended SUCCEED after termination (states seen: ${seen.join(', ')})`,
    );
    h.check(
      expect.failed,
      seen.at(-1) === 'FAILED',
      `${describeRef(ref)} did not end FAILED after termination (states seen: ${seen.join(', ')})`,
    );
    const snapshot = await h.snapshot(ref.jobId);
    if (snapshot === undefined) {
      h.cannotObserve('that the CVM is terminated before the state becomes FAILED');
      return;
    }
    const cvm = cvmsOf(snapshot, ref).at(-1);
    const instance = snapshot.jobs[0]?.tasks.find((t) => t.TaskName === ref.taskName)?.instances[ref.index];
    const terminated = cvm?.history.find((e) => e.phase === 'terminated');
    const failed = instance?.history.find((e) => e.state === 'FAILED');
    h.check(
      expect.cvmFirst,
      terminated !== undefined && failed !== undefined && terminated.seq < failed.seq,
      terminated === undefined
        ? `the CVM of ${describeRef(ref)} was not terminated`
        : `${describeRef(ref)} became FAILED before its CVM was terminated`,
    );
    h.check(
      expect.neverSucceed,
      !(instance?.history.some((e) => e.state === 'SUCCEED') ?? false),
      `${describeRef(ref)} passed through SUCCEED`,
    );
  },
});
