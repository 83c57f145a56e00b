// One fault → one finding: a target wrong about exactly one documented fact fails the invariant that owns the fact,
// and no other. The full catalogue runs against each single-fault implementation.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../conformance/emulator/createEmulator.ts';
import { runConformance } from '../conformance/runner/runConformance.ts';
import type { InvariantId } from './catalogue.ts';
import { answer, envelopeOf, renameCode, withBug, type Bug } from './test-only/withBug.ts';
import { localRunOptions } from '../conformance/test-only/localRunOptions.ts';

/** Fixed by default so CI is repeatable; set TBC_SEED to check the verdicts on other seeds. */
const RUN_SEED = Number(process.env['TBC_SEED'] ?? 11);

const CASES: readonly { fault: string; bug: Bug; owners: InvariantId[] }[] = [
  {
    fault: 'a malformed JobId answered InvalidParameter',
    bug: renameCode('InvalidParameter.JobIdMalformed', 'InvalidParameter'),
    owners: ['TTI-07'],
  },
  {
    fault: 'a missing instance answered ResourceNotFound',
    bug: renameCode('ResourceNotFound.TaskInstance', 'ResourceNotFound'),
    owners: ['TTI-08'],
  },
  {
    fault: 'another Version answered InvalidParameter',
    bug: renameCode('NoSuchVersion', 'InvalidParameter'),
    owners: ['TTI-10'],
  },
  {
    fault: 'an unknown Region answered InvalidParameter',
    bug: renameCode('UnsupportedRegion', 'InvalidParameter'),
    owners: ['TTI-17'],
  },
  {
    fault: 'the rate limit answered LimitExceeded',
    bug: renameCode('RequestLimitExceeded', 'LimitExceeded'),
    owners: ['TTI-09'],
  },
  {
    fault: 'every answer carries the same RequestId',
    bug: async (call, forward) => {
      const response = await forward();
      if (call.path !== '/') return response;
      return answer({ ...(await envelopeOf(response)), RequestId: '72e9a712-1fed-4b57-be72-62e71eefd4c3' });
    },
    owners: ['TTI-11'],
  },
  {
    // One code, two documented answers: TerminateTaskInstance's (TTI-06) and TerminateJob's (TTI-18).
    fault: 'named environments answered UnsupportedOperation',
    bug: renameCode('UnsupportedOperation.TerminateOperationWithEnvId', 'UnsupportedOperation'),
    owners: ['TTI-06', 'TTI-18'],
  },
];

describe('one fault, one finding', () => {
  it.each(CASES.map((c) => [c.fault, c] as const))('%s: only its owner fails', async (_fault, { bug, owners }) => {
    const implementation = withBug(createEmulator({ clock: 'virtual', seed: 1 }).implementation, bug);
    const report = await runConformance(
      localRunOptions({ url: 'in-process', implementation }, { runs: 10, seed: RUN_SEED }),
    );
    const notPassed = report.invariants.filter((i) => i.status !== 'passed').map((i) => `${i.id} ${i.status}`);
    expect(notPassed, `seed ${RUN_SEED}`).toEqual(owners.map((id) => `${id} failed`));
  });
});
