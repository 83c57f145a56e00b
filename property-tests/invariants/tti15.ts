import fc from 'fast-check';
import { defineInvariant } from '../defineInvariant.ts';
import { seed } from '../Provenance.ts';
import { expectSameCvmHistories, terminate } from '../expectations.ts';
import { UNFINISHED_GOALS } from '../arbitraries/stateGoalArb.ts';
import { WIRE_FORMS } from '../coverage/WireForm.ts';
import { reachState } from '../reachState.ts';
import type { ProvidedJob } from '../Harness.ts';
import { describeRef, member, members, type InstanceRef } from '../InstanceRef.ts';

export const tti15 = defineInvariant({
  id: 'TTI-15',
  title: 'Terminating one instance changes no other instance, task or job beyond the documented aggregation.',
  source: 'This API is used to terminate a task instance',
  requires: ['state'],
  expectations: {
    othersUnchanged: {
      statement: 'Every other instance of the job evolves like the same instance of an untouched twin job.',
      provenance: seed('This API is used to terminate a task instance'),
    },
  },
  cells: () => [{ goal: UNFINISHED_GOALS, form: WIRE_FORMS }],
  arbitrary: () =>
    fc.record({
      countA: fc.integer({ min: 2, max: 3 }),
      countB: fc.integer({ min: 1, max: 2 }),
      victim: fc.nat(2),
      steps: fc.integer({ min: 1, max: 12 }),
    }),
  async run(h, { goal, form, countA, countB, victim, steps }, expect) {
    // Two identical jobs, started together: J2 is what J1 would have been without the call.
    const refs = await reachState(
      h,
      { ...goal, count: countA, siblings: [{ name: 'B', command: 'sleep 30', count: countB }] },
      2,
    );
    if (refs === undefined) {
      h.skipRun(`${goal.state} could not be caught on this target`);
      return;
    }
    const [j1, j2] = refs;
    if (j2 === undefined) {
      h.skipRun('no twin job to compare with on this target');
      return;
    }
    const target = member(j1.task, victim % countA);
    await terminate(h, target, form);
    // The same positions in both jobs: every instance of the scenario's tasks but the terminated one.
    const others = (job: ProvidedJob): InstanceRef[] => [
      ...members(job.task).filter((_, i) => i !== victim % countA),
      ...job.siblings.flatMap(members),
    ];
    const [mine, reference] = [others(j1), others(j2)];
    for (let i = 0; i <= steps; i++) {
      const [a, b] = [await h.statesOf(mine), await h.statesOf(reference)];
      mine.forEach((ref, k) =>
        h.check(
          expect.othersUnchanged,
          a[k] === b[k],
          `${describeRef(ref)} is ${String(a[k])} while the same instance of an untouched twin job is ${String(b[k])}, after terminating ${describeRef(target)}`,
        ),
      );
      if (!(await h.step())) break;
    }
    await expectSameCvmHistories(
      h,
      expect.othersUnchanged,
      mine.map((ref, k) => [ref, reference[k] as InstanceRef] as const),
      `after terminating ${describeRef(target)}, compared with an untouched twin job`,
    );
  },
});
