import fc from 'fast-check';
import { ACTION_NAMES, ACTIONS } from '../../generated/actions.ts';
import { defineInvariant } from '../defineInvariant.ts';
import { malformedJobIdArb } from '../arbitraries/malformedJobIdArb.ts';
import { reachState } from '../reachState.ts';
import { describeRef, member, type InstanceRef } from '../InstanceRef.ts';
import { outcomeOf } from '../outcomeOf.ts';
import { decision, seed } from '../Provenance.ts';
import { Blocked } from '../Violation.ts';
import { WIRE_FORMS } from '../coverage/WireForm.ts';

/** The documented limit, read from the spec (x-tbc-rate-limit), not restated. */
const LIMIT = ACTIONS.TerminateTaskInstance.rateLimitPerSecond;
const LIMITED = 'RequestLimitExceeded';
/**
 * On an emulator only TerminateTaskInstance is held to its limit: the calls that set up and observe state (DescribeTask
 * polls at one virtual instant, 2/s documented) are not what this invariant checks.
 */
const RATE_LIMITS = Object.fromEntries(
  ACTION_NAMES.map((a) => [a, a === 'TerminateTaskInstance' ? LIMIT : Number.MAX_SAFE_INTEGER]),
);

export const tti09 = defineInvariant({
  id: 'TTI-09',
  title: `Calls beyond ${LIMIT} per second get RequestLimitExceeded and change nothing; calls within the limit never do.`,
  source: `Default API request frequency limit: ${LIMIT} times/second.`,
  requires: ['rate-limit'],
  expectations: {
    limit: {
      statement: `Of simultaneous calls, ${LIMIT} get through and the rest are answered RequestLimitExceeded.`,
      provenance: seed(`Default API request frequency limit: ${LIMIT} times/second.`),
    },
    refusedUnchanged: { statement: 'A call refused for the rate limit changes nothing.', provenance: decision('D-28') },
    allowedApplied: {
      statement: 'A call within the limit is processed: the instance ends FAILED.',
      provenance: seed(
        'For task instances with state STARTING, RUNNING or FAILED_INTERRUPTED, Batch terminates the CVM first and then sets them to the FAILED state, which is time-consuming.',
      ),
    },
  },
  // Bursts of simultaneous calls, a second and a half apart: unambiguous under any reading of "per second".
  cells: () => [{ form: WIRE_FORMS }],
  arbitrary: () =>
    fc.record({ bursts: fc.array(fc.integer({ min: 1, max: LIMIT + 3 }), { minLength: 1, maxLength: 3 }) }),
  rateLimits: RATE_LIMITS,
  runsScale: 0.5,
  async run(h, { form, bursts }, expect) {
    // A live target is checked with harmless calls only: the run's shared jobs cannot spare a dozen instances per
    // burst, and the calls prove the limit just as well. With the emulator, real terminations also show that refused
    // calls changed nothing and allowed ones were applied.
    if (!h.capabilities.has('control')) {
      // Harmless calls only: ids that are rejected whatever the limit says (the live-safety guard proves each with
      // DescribeJob before the burst goes out).
      const ids = fc.sample(malformedJobIdArb, { numRuns: LIMIT + 3, seed: bursts.length });
      for (const size of bursts) {
        await h.wait(1.5);
        const results = await h.burst(
          'TerminateTaskInstance',
          ids.slice(0, size).map((JobId) => ({ JobId, TaskName: 'A', TaskInstanceIndex: 0 })),
          form,
        );
        const limited = results.filter((r) => outcomeOf(r) === LIMITED).length;
        h.check(
          expect.limit,
          limited === Math.max(0, size - LIMIT),
          `a burst of ${size} simultaneous calls (${form.label}) got ${limited} ${LIMITED} answers, expected ${Math.max(0, size - LIMIT)}`,
        );
      }
      return;
    }
    const total = bursts.reduce((a, b) => a + b, 0);
    const refs = await reachState(h, { state: 'RUNNING', env: 'anonymous', count: total + 1 });
    if (refs === undefined) throw new Blocked('could not bring instances to RUNNING');
    const group = refs[0].task;
    const untouched = member(group, total);
    const allowedRefs: InstanceRef[] = [];
    const limitedRefs: InstanceRef[] = [];
    let next = 0;
    for (const size of bursts) {
      await h.wait(1.5);
      const targets = Array.from({ length: size }, () => member(group, next++));
      const results = await h.burst(
        'TerminateTaskInstance',
        targets.map((r) => ({ JobId: r.jobId, TaskName: r.taskName, TaskInstanceIndex: r.index })),
        form,
      );
      const outcomes = results.map(outcomeOf);
      const expected = targets.map((_, i) => (i < LIMIT ? 'Success' : LIMITED));
      h.check(
        expect.limit,
        [...outcomes].sort().join(',') === [...expected].sort().join(','),
        `a burst of ${size} simultaneous calls (${form.label}) got [${outcomes.join(', ')}], expected ${Math.min(size, LIMIT)} Success and ${Math.max(0, size - LIMIT)} ${LIMITED}`,
      );
      targets.forEach((r, i) => (outcomes[i] === LIMITED ? limitedRefs : allowedRefs).push(r));
    }
    await h.wait(120);
    const [untouchedState] = await h.statesOf([untouched]);
    for (const ref of limitedRefs) {
      const now = await h.stateOf(ref);
      h.check(
        expect.refusedUnchanged,
        now === untouchedState,
        `${describeRef(ref)}, refused with ${LIMITED}, is ${now} while an untouched sibling is ${String(untouchedState)}`,
      );
    }
    for (const ref of allowedRefs) {
      const now = await h.stateOf(ref);
      h.check(expect.allowedApplied, now === 'FAILED', `${describeRef(ref)}, terminated within the limit, is ${now}`);
    }
  },
});
