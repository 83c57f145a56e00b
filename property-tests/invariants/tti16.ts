import fc from 'fast-check';
import { defineInvariant } from '../defineInvariant.ts';
import { reference } from '../Provenance.ts';
import { expectOutcome, terminate } from '../expectations.ts';
import { UNFINISHED_GOALS } from '../arbitraries/stateGoalArb.ts';
import { WIRE_FORMS } from '../coverage/WireForm.ts';
import { reachState, settle } from '../reachState.ts';
import { describeRef, member } from '../InstanceRef.ts';

export const tti16 = defineInvariant({
  id: 'TTI-16',
  title: 'FAILED reached through termination is final.',
  source: 'reference §2.6: "Final" (DeleteJob wording): only SUCCEED and FAILED.',
  requires: ['state'],
  expectations: {
    success: {
      statement: 'The call answers Success, and again on the FAILED instance.',
      provenance: reference('reference §1.2', 'SUCCEED, FAILED | Nothing happens (no-op). The call still succeeds.'),
    },
    failed: {
      statement: 'The instance ends FAILED and stays FAILED, retries left or not.',
      provenance: reference('reference §2.6', '"Final" (DeleteJob wording): only SUCCEED and FAILED.'),
    },
  },
  cells: () => [{ goal: UNFINISHED_GOALS, form: WIRE_FORMS }],
  arbitrary: () =>
    fc.record({
      retries: fc.integer({ min: 0, max: 5 }),
      // Each lasts long enough to be caught RUNNING on a virtual clock; one fails by itself (retries left or not).
      command: fc.constantFrom('sleep 10; exit 1', 'sleep 5', 'sleep 3600'),
      days: fc.integer({ min: 1, max: 3 }),
    }),
  async run(h, { goal, form, retries, command, days }, expect) {
    const failing = goal.state === 'FAILED_INTERRUPTED';
    const refs = await reachState(h, { ...goal, ...(failing ? {} : { command }), extra: { MaxRetryCount: retries } });
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
    const [end] = await settle(h, [ref]);
    h.check(expect.failed, end === 'FAILED', `${describeRef(ref)} ended ${String(end)} after termination, not FAILED`);
    await h.wait(days * 86_400);
    for (let i = 0; i < 50; i++) {
      const state = await h.stateOf(ref);
      h.check(expect.failed, state === 'FAILED', `${describeRef(ref)}, FAILED by termination, later became ${state}`);
      if (!(await h.step())) break;
    }
    expectOutcome(
      h,
      expect.success,
      await terminate(h, ref, form),
      ['Success'],
      `terminating it once more (${form.label})`,
    );
    h.check(
      expect.failed,
      (await h.stateOf(ref)) === 'FAILED',
      `${describeRef(ref)} left FAILED after another termination`,
    );
  },
});
