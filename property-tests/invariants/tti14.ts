import fc from 'fast-check';
import { defineInvariant, expectThat } from '../defineInvariant.ts';
import { expectSameCvmHistory, terminate } from '../expectations.ts';
import { anonymousGoalArb } from '../arbitraries/stateGoalArb.ts';
import { reachState, settle } from '../reachState.ts';
import { outcomeOf } from '../outcomeOf.ts';

export const tti14 = defineInvariant({
  id: 'TTI-14',
  title: 'Terminating twice has the same outcome as terminating once.',
  source: 'Derived from TTI-01: a second call meets an instance the first call already handled.',
  requires: ['state'],
  arbitrary: () => fc.record({ goal: anonymousGoalArb, gap: fc.integer({ min: 0, max: 3 }) }),
  async run(h, { goal, gap }) {
    const refs = await reachState(h, { ...goal, count: 2 });
    if (refs === undefined) {
      h.skipRun(`${goal.state} could not be caught on this target`);
      return;
    }
    const [once] = refs;
    const twice = { ...once, index: 1 };
    const first = outcomeOf(await terminate(h, once));
    const twiceFirst = outcomeOf(await terminate(h, twice));
    for (let i = 0; i < gap; i++) await h.step();
    const twiceSecond = outcomeOf(await terminate(h, twice));
    expectThat(
      first === twiceFirst,
      `the same call on twin ${goal.state} instances answered ${first} and ${twiceFirst}`,
    );
    expectThat(
      twiceSecond === twiceFirst,
      `terminating a ${goal.state} instance again answered ${twiceSecond}, the first call ${twiceFirst}`,
    );
    const [endOnce, endTwice] = await settle(h, [once, twice]);
    expectThat(
      endOnce === endTwice,
      `terminated once it ended ${String(endOnce)}, terminated twice ${String(endTwice)}`,
    );
    await expectSameCvmHistory(h, twice, once, `terminating a ${goal.state} instance twice, not once`);
  },
});
