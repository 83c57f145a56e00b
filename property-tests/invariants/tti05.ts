import { cvmsOf } from '../cvmsOf.ts';
import fc from 'fast-check';
import { defineInvariant, expectThat } from '../defineInvariant.ts';
import { expectOutcome, terminate } from '../expectations.ts';
import { reachState } from '../reachState.ts';
import { describeRef } from '../InstanceRef.ts';

export const tti05 = defineInvariant({
  id: 'TTI-05',
  title:
    'For FAILED_INTERRUPTED, resources and quota stay held until the termination has actually completed, and are released then.',
  source:
    'For FAILED_INTERRUPTED task instances, the related resources and quota are released only after the TerminateTaskInstance operation actually succeeds.',
  requires: ['state', 'control'],
  arbitrary: () =>
    fc.record({ count: fc.integer({ min: 1, max: 3 }), failedAction: fc.constantFrom('INTERRUPT', 'FAST_INTERRUPT') }),
  async run(h, { count, failedAction }) {
    const refs = await reachState(h, {
      state: 'FAILED_INTERRUPTED',
      env: 'anonymous',
      count,
      extra: { FailedAction: failedAction },
    });
    expectThat(refs !== undefined, 'could not bring an instance to FAILED_INTERRUPTED');
    const [ref] = refs;
    const before = await h.snapshot(ref.jobId);
    expectThat(before !== undefined, 'no snapshot');
    expectThat(
      before.quota.cvmsInUse === count,
      `FAILED_INTERRUPTED instances hold ${before.quota.cvmsInUse} CVMs, expected ${count}`,
    );
    expectOutcome(await terminate(h, ref), ['Success'], 'terminating a FAILED_INTERRUPTED instance');
    for (let i = 0; i < 500; i++) {
      const state = await h.stateOf(ref);
      const snap = await h.snapshot(ref.jobId);
      const cvm = snap === undefined ? undefined : cvmsOf(snap, ref).at(-1);
      if (state !== 'FAILED') {
        expectThat(
          cvm?.phase !== 'terminated' && snap?.quota.cvmsInUse === count,
          `${describeRef(ref)} is still ${state} but its CVM is ${String(cvm?.phase)} and ${String(snap?.quota.cvmsInUse)} of ${count} CVMs are held: released before the termination completed`,
        );
      } else {
        expectThat(
          cvm?.phase === 'terminated' && snap?.quota.cvmsInUse === count - 1,
          `${describeRef(ref)} is FAILED but its CVM is ${String(cvm?.phase)} and ${String(snap?.quota.cvmsInUse)} CVMs are held: not released when the termination completed`,
        );
        return;
      }
      if (!(await h.step())) break;
    }
    expectThat(false, `${describeRef(ref)} never became FAILED after its termination was accepted`);
  },
});
