import fc from 'fast-check';
import { defineInvariant } from '../defineInvariant.ts';
import { cvmPhases, expectOutcome, terminate } from '../expectations.ts';
import { describeRef, member } from '../InstanceRef.ts';
import { decision, seed } from '../Provenance.ts';
import { reachState, settle } from '../reachState.ts';
import { WIRE_FORMS } from '../coverage/WireForm.ts';

const SENTENCE = 'For task instances with state SUBMITTED, PENDING or RUNNABLE, Batch sets them to the FAILED state.';

export const tti02 = defineInvariant({
  id: 'TTI-02',
  title: 'SUBMITTED, PENDING or RUNNABLE instances become FAILED, and no CVM is started for them.',
  source: SENTENCE,
  requires: ['state'],
  expectations: {
    success: { statement: 'The call answers Success.', provenance: seed(SENTENCE) },
    failed: { statement: 'The instance ends FAILED.', provenance: seed(SENTENCE) },
    noNode: { statement: 'DescribeTask shows no compute node for it.', provenance: decision('D-29') },
    noCvm: { statement: 'No CVM is ever started for it (emulator snapshot).', provenance: decision('D-29') },
  },
  cells: () => [{ state: ['SUBMITTED', 'PENDING', 'RUNNABLE'] as const, form: WIRE_FORMS }],
  arbitrary: () => fc.record({ command: fc.constantFrom('sleep 60', 'true', 'exit 1') }),
  async run(h, { state, form, command }, expect) {
    const refs = await reachState(h, { state, env: 'anonymous', command });
    if (refs === undefined) {
      h.skipRun(`${state} passed too quickly to be caught on this target`);
      return;
    }
    const ref = member(refs[0].task, 0);
    const what = `a ${state} instance (terminated with ${form.label})`;
    expectOutcome(h, expect.success, await terminate(h, ref, form), ['Success'], `terminating ${what}`);
    const [end] = await settle(h, [ref]);
    h.check(expect.failed, end === 'FAILED', `${what} ended ${String(end)} after termination, not FAILED`);
    const view = (await h.instances(ref.jobId, ref.taskName)).find((i) => i.TaskInstanceIndex === ref.index);
    h.check(
      expect.noNode,
      (view?.ComputeNodeInstanceId ?? null) === null || view?.ComputeNodeInstanceId === '',
      `${describeRef(ref)} shows compute node ${String(view?.ComputeNodeInstanceId)} after termination`,
    );
    if (!h.capabilities.has('control')) {
      h.cannotObserve('that no CVM is ever started (no emulator snapshot)');
      return;
    }
    const phases = await cvmPhases(h, ref);
    h.check(
      expect.noCvm,
      phases.length === 0,
      `a CVM was started for ${describeRef(ref)} terminated in ${state}: ${phases.join(' → ')}`,
    );
  },
});
