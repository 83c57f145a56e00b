import fc from 'fast-check';
import { member } from '../InstanceRef.ts';
import { ANONYMOUS_GOALS } from '../arbitraries/stateGoalArb.ts';
import { WIRE_FORMS } from '../coverage/WireForm.ts';
import { defineInvariant } from '../defineInvariant.ts';
import { expectSameCvmHistory, terminate } from '../expectations.ts';
import { outcomeOf } from '../outcomeOf.ts';
import { decision } from '../Provenance.ts';
import { reachState, settle } from '../reachState.ts';

export const tti14 = defineInvariant({
  id: 'TTI-14',
  title: 'Terminating twice has the same outcome as terminating once.',
  source: 'Derived from the per-state rules: a second call meets an instance the first call already handled (D-30).',
  requires: ['state'],
  expectations: {
    sameFirstAnswer: {
      statement: 'The same call on twin instances gets the same answer.',
      provenance: decision('D-30'),
    },
    sameSecondAnswer: { statement: 'A second call gets the first call’s answer.', provenance: decision('D-30') },
    sameEnd: { statement: 'Terminated twice, an instance ends as if terminated once.', provenance: decision('D-30') },
  },
  cells: () => [{ goal: ANONYMOUS_GOALS, form: WIRE_FORMS }],
  arbitrary: () => fc.record({ gap: fc.integer({ min: 0, max: 3 }) }),
  async run(h, { goal, form, gap }, expect) {
    const refs = await reachState(h, { ...goal, count: 2 });
    if (refs === undefined) {
      h.skipRun(`${goal.state} could not be caught on this target`);
      return;
    }
    const once = member(refs[0].task, 0);
    const twice = member(refs[0].task, 1);
    const first = outcomeOf(await terminate(h, once, form));
    const twiceFirst = outcomeOf(await terminate(h, twice, form));
    for (let i = 0; i < gap; i++) await h.step();
    const twiceSecond = outcomeOf(await terminate(h, twice, form));
    h.check(
      expect.sameFirstAnswer,
      first === twiceFirst,
      `the same call (${form.label}) on twin ${goal.state} instances answered ${first} and ${twiceFirst}`,
    );
    h.check(
      expect.sameSecondAnswer,
      twiceSecond === twiceFirst,
      `terminating a ${goal.state} instance again (${form.label}) answered ${twiceSecond}, the first call ${twiceFirst}`,
    );
    const [endOnce, endTwice] = await settle(h, [once, twice]);
    h.check(
      expect.sameEnd,
      endOnce === endTwice,
      `terminated once it ended ${String(endOnce)}, terminated twice ${String(endTwice)}`,
    );
    await expectSameCvmHistory(h, expect.sameEnd, twice, once, `terminating a ${goal.state} instance twice, not once`);
  },
});
