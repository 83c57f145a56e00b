import fc from 'fast-check';
import { member } from '../InstanceRef.ts';
import { defineInvariant } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome, terminate } from '../expectations.ts';
import { reference, seed } from '../Provenance.ts';
import { reachState } from '../reachState.ts';
import { WIRE_FORMS } from '../coverage/WireForm.ts';

const SENTENCE = "For task instances with state SUCCEED or FAILED, Batch doesn't process them.";

export const tti01 = defineInvariant({
  id: 'TTI-01',
  title: 'Terminating a SUCCEED or FAILED instance succeeds and changes nothing (state, CVM).',
  source: SENTENCE,
  requires: ['state'],
  expectations: {
    success: {
      statement: 'The call answers Success.',
      provenance: reference('reference §1.2', 'Nothing happens (no-op). The call still succeeds.'),
    },
    unchanged: { statement: 'The instance evolves like its untouched twin.', provenance: seed(SENTENCE) },
  },
  cells: () => [{ state: ['SUCCEED', 'FAILED'] as const, form: WIRE_FORMS }],
  arbitrary: () => fc.record({ calls: fc.integer({ min: 1, max: 3 }) }),
  async run(h, { state, form, calls }, expect) {
    const refs = await reachState(h, { state, env: 'anonymous', count: 2 });
    if (refs === undefined) {
      h.skipRun(`could not bring an instance to ${state} on this target`);
      return;
    }
    const touched = member(refs[0].task, 0);
    const twin = member(refs[0].task, 1);
    for (let i = 0; i < calls; i++) {
      expectOutcome(
        h,
        expect.success,
        await terminate(h, touched, form),
        ['Success'],
        `terminating a ${state} instance (${form.label})`,
      );
    }
    await expectLikeTwin(
      h,
      expect.unchanged,
      touched,
      twin,
      `terminating a ${state} instance (${form.label}) changed it`,
    );
  },
});
