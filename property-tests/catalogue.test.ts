import { describe, expect, it } from 'vitest';
import { createEmulator } from '../conformance/emulator/createEmulator.ts';
import { CATALOGUE } from './catalogue.ts';
import { emulatedHarnessOf } from './test-only/emulatedHarnessOf.ts';
import type { DocRevision } from '../generated/transitions.ts';

/** Fixed by default so CI is repeatable; set TBC_SEED to explore (every failure message prints the seed). */
const RUN_SEED = Number(process.env['TBC_SEED'] ?? 20261128);
const RUNS = Number(process.env['TBC_RUNS'] ?? 15);

function emulatedHarness(docRevision: DocRevision) {
  return emulatedHarnessOf(createEmulator({ clock: 'virtual', seed: RUN_SEED }).implementation, docRevision);
}

describe.each(['seed', 'current'] as const)(
  'the catalogue against the in-process emulator (doc revision %s)',
  (revision) => {
    const h = emulatedHarness(revision);
    it.each(CATALOGUE.map((i) => [i.id, i] as const))('%s holds', async (_id, invariant) => {
      const result = await invariant.check(h, { seed: RUN_SEED, numRuns: RUNS });
      const detail =
        result.status === 'failed'
          ? `${result.finding.message}\ncounterexample: ${result.finding.evidence.counterexampleText}\nseed ${RUN_SEED}, path ${result.finding.evidence.path}\nnotes: ${result.finding.evidence.notes.join('; ')}`
          : result.status === 'skipped'
            ? result.reason
            : '';
      expect(result.status, detail).toBe('passed');
    });
  },
);
