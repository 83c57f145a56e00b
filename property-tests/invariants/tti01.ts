import fc from 'fast-check';
import { defineInvariant, expectThat } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome, terminate } from '../expectations.ts';
import { reachState } from '../reachState.ts';

export const tti01 = defineInvariant({
  id: 'TTI-01',
  title: 'Terminating a SUCCEED or FAILED instance succeeds and changes nothing (state, CVM).',
  source: "For task instances with state SUCCEED or FAILED, Batch doesn't process them.",
  requires: ['state'],
  arbitrary: () =>
    fc.record({ state: fc.constantFrom('SUCCEED' as const, 'FAILED' as const), calls: fc.integer({ min: 1, max: 3 }) }),
  async run(h, { state, calls }) {
    const refs = await reachState(h, { state, env: 'anonymous', count: 2 });
    expectThat(refs !== undefined, `could not bring an instance to ${state}`);
    const [touched] = refs;
    const twin = { ...touched, index: 1 };
    for (let i = 0; i < calls; i++)
      expectOutcome(await terminate(h, touched), ['Success'], `terminating a ${state} instance`);
    await expectLikeTwin(h, touched, twin, `terminating a ${state} instance changed it`);
  },
});
