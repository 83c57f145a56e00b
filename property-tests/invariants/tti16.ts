import fc from 'fast-check';
import { defineInvariant, expectThat } from '../defineInvariant.ts';
import { expectOutcome, terminate } from '../expectations.ts';
import { unfinishedGoalArb } from '../arbitraries/stateGoalArb.ts';
import { reachState, settle } from '../reachState.ts';
import { describeRef } from '../InstanceRef.ts';

export const tti16 = defineInvariant({
  id: 'TTI-16',
  title: 'FAILED reached through termination is final.',
  source:
    'Derived: SUCCEED and FAILED are the final states (reference §2.6); retries do not revive a terminated instance.',
  requires: ['state'],
  arbitrary: () =>
    fc.record({
      goal: unfinishedGoalArb,
      retries: fc.integer({ min: 0, max: 5 }),
      command: fc.constantFrom('exit 1', 'sleep 5', 'sleep 3600'),
      days: fc.integer({ min: 1, max: 3 }),
    }),
  async run(h, { goal, retries, command, days }) {
    const failing = goal.state === 'FAILED_INTERRUPTED';
    const refs = await reachState(h, { ...goal, ...(failing ? {} : { command }), extra: { MaxRetryCount: retries } });
    if (refs === undefined) {
      h.skipRun(`${goal.state} could not be caught on this target`);
      return;
    }
    const [ref] = refs;
    expectOutcome(await terminate(h, ref), ['Success'], `terminating a ${goal.state} instance`);
    const [end] = await settle(h, [ref]);
    expectThat(end === 'FAILED', `${describeRef(ref)} ended ${String(end)} after termination, not FAILED`);
    await h.wait(days * 86_400);
    for (let i = 0; i < 50; i++) {
      const state = await h.stateOf(ref);
      expectThat(state === 'FAILED', `${describeRef(ref)}, FAILED by termination, later became ${state}`);
      if (!(await h.step())) break;
    }
    expectOutcome(await terminate(h, ref), ['Success'], 'terminating it once more');
    expectThat((await h.stateOf(ref)) === 'FAILED', `${describeRef(ref)} left FAILED after another termination`);
  },
});
