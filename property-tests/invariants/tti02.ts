import fc from 'fast-check';
import { defineInvariant, expectThat } from '../defineInvariant.ts';
import { cvmPhases, expectOutcome, terminate } from '../expectations.ts';
import { reachState, settle } from '../reachState.ts';
import { describeRef } from '../InstanceRef.ts';

export const tti02 = defineInvariant({
  id: 'TTI-02',
  title: 'SUBMITTED, PENDING or RUNNABLE instances become FAILED, and no CVM is started for them.',
  source: 'For task instances with state SUBMITTED, PENDING or RUNNABLE, Batch sets them to the FAILED state.',
  requires: ['state'],
  arbitrary: () =>
    fc.record({
      state: fc.constantFrom('SUBMITTED' as const, 'PENDING' as const, 'RUNNABLE' as const),
      command: fc.constantFrom('sleep 60', 'true', 'exit 1'),
    }),
  async run(h, { state, command }) {
    const refs = await reachState(h, { state, env: 'anonymous', command });
    if (refs === undefined) {
      h.skipRun(`${state} passed too quickly to be caught on this target`);
      return;
    }
    const [ref] = refs;
    expectOutcome(await terminate(h, ref), ['Success'], `terminating a ${state} instance`);
    const [end] = await settle(h, [ref]);
    expectThat(end === 'FAILED', `a ${state} instance ended ${String(end)} after termination, not FAILED`);
    const view = (await h.instances(ref.jobId, ref.taskName)).find((i) => i.TaskInstanceIndex === ref.index);
    expectThat(
      (view?.ComputeNodeInstanceId ?? null) === null || view?.ComputeNodeInstanceId === '',
      `${describeRef(ref)} shows compute node ${String(view?.ComputeNodeInstanceId)} after termination`,
    );
    const phases = await cvmPhases(h, ref);
    expectThat(
      phases.length === 0,
      `a CVM was started for ${describeRef(ref)} terminated in ${state}: ${phases.join(' → ')}`,
    );
  },
});
