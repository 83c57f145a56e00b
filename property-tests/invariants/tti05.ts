import fc from 'fast-check';
import { cvmsOf } from '../cvmsOf.ts';
import { defineInvariant } from '../defineInvariant.ts';
import { expectOutcome, terminate } from '../expectations.ts';
import { describeRef, member } from '../InstanceRef.ts';
import { seed } from '../Provenance.ts';
import { reachState } from '../reachState.ts';
import { WIRE_FORMS } from '../coverage/WireForm.ts';

const SENTENCE =
  'For task instances with state FAILED_INTERRUPTED, the related resources and quotas will be released only after the TerminateTaskInstance operation actually succeeds.';

export const tti05 = defineInvariant({
  id: 'TTI-05',
  title:
    'For FAILED_INTERRUPTED, resources and quota stay held until the termination has actually completed, and are released then.',
  source: SENTENCE,
  requires: ['state'],
  expectations: {
    success: { statement: 'The call answers Success.', provenance: seed(SENTENCE) },
    failed: { statement: 'The instance ends FAILED.', provenance: seed(SENTENCE) },
    heldUntilDone: {
      statement: 'While the instance is not yet FAILED, its CVM and quota stay held (emulator snapshot).',
      provenance: seed(SENTENCE),
    },
    releasedWhenDone: {
      statement: 'Once it is FAILED, its CVM is terminated and its quota released (emulator snapshot).',
      provenance: seed(SENTENCE),
    },
  },
  cells: () => [{ failedAction: ['INTERRUPT', 'FAST_INTERRUPT'] as const, form: WIRE_FORMS }],
  arbitrary: () => fc.record({ count: fc.integer({ min: 1, max: 3 }) }),
  async run(h, { failedAction, form, count }, expect) {
    const refs = await reachState(h, {
      state: 'FAILED_INTERRUPTED',
      env: 'anonymous',
      count,
      extra: { FailedAction: failedAction },
    });
    if (refs === undefined) {
      h.skipRun('could not bring an instance to FAILED_INTERRUPTED on this target');
      return;
    }
    const ref = member(refs[0].task, 0);
    const control = h.capabilities.has('control');
    const before = await h.snapshot(ref.jobId);
    if (before !== undefined) {
      h.check(
        expect.heldUntilDone,
        before.quota.cvmsInUse === count,
        `FAILED_INTERRUPTED instances hold ${before.quota.cvmsInUse} CVMs, expected ${count}`,
      );
    }
    expectOutcome(
      h,
      expect.success,
      await terminate(h, ref, form),
      ['Success'],
      `terminating a FAILED_INTERRUPTED instance (${form.label})`,
    );
    for (let i = 0; i < 500; i++) {
      const state = await h.stateOf(ref);
      const snap = await h.snapshot(ref.jobId);
      const cvm = snap === undefined ? undefined : cvmsOf(snap, ref).at(-1);
      if (state !== 'FAILED') {
        if (snap !== undefined) {
          h.check(
            expect.heldUntilDone,
            cvm?.phase !== 'terminated' && snap.quota.cvmsInUse === count,
            `${describeRef(ref)} is still ${state} but its CVM is ${String(cvm?.phase)} and ${snap.quota.cvmsInUse} of ${count} CVMs are held: released before the termination completed`,
          );
        }
      } else {
        h.check(expect.failed, true, `${describeRef(ref)} is FAILED`);
        if (snap === undefined) {
          h.cannotObserve('that resources and quota are held until the termination completes, and released then');
          return;
        }
        h.check(
          expect.releasedWhenDone,
          cvm?.phase === 'terminated' && snap.quota.cvmsInUse === count - 1,
          `${describeRef(ref)} is FAILED but its CVM is ${String(cvm?.phase)} and ${snap.quota.cvmsInUse} CVMs are held: not released when the termination completed`,
        );
        return;
      }
      if (!(await h.step())) break;
    }
    h.check(
      expect.failed,
      false,
      `${describeRef(ref)} never became FAILED after its termination was accepted${control ? '' : ' (within the wait budget)'}`,
    );
  },
});
