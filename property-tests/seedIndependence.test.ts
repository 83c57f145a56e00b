// A pass means the same on every seed: each class of fault the coverage phase exists for is caught by
// the invariants that own it on every one of five seeds, and no other invariant fails. The faults are single-fault
// implementations the kit was not written around (test-only/singleFaults.ts), each wrapping an emulator.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../conformance/emulator/createEmulator.ts';
import type { Implementation } from '../conformance/Implementation.ts';
import { runConformance } from '../conformance/runner/runConformance.ts';
import { localRunOptions } from '../conformance/test-only/localRunOptions.ts';
import type { InvariantId } from './catalogue.ts';
import {
  anyRegionIsGuangzhou,
  digitStringsInJson,
  forgetsOlderJobs,
  laxIntegersOnFlatForms,
  noOpOnTc3Get,
} from './test-only/singleFaults.ts';

const SEEDS = [1, 2, 3, 4, 5];

const CASES: readonly { fault: string; make: (base: Implementation) => Implementation; owners: InvariantId[] }[] = [
  {
    // Every invariant whose facts say an accepted termination takes effect, in the cell of that wire form.
    fault: 'TerminateTaskInstance as a TC3 GET answers success and changes nothing',
    make: noOpOnTc3Get,
    owners: ['TTI-02', 'TTI-03', 'TTI-04', 'TTI-05', 'TTI-09', 'TTI-12', 'TTI-16', 'TTI-MODEL'],
  },
  {
    fault: 'a query or form TaskInstanceIndex is read like Number() (0x1, 1e0, " 1" mean 1)',
    make: laxIntegersOnFlatForms,
    owners: ['TTI-12'],
  },
  { fault: 'a JSON digit string is taken for the TaskInstanceIndex', make: digitStringsInJson, owners: ['TTI-12'] },
  { fault: 'any unknown Region is answered as ap-guangzhou', make: anyRegionIsGuangzhou, owners: ['TTI-17'] },
  { fault: 'a job lookup that keeps only the two most recent jobs', make: forgetsOlderJobs, owners: ['TTI-MODEL'] },
];

describe('each class of fault is caught by its owners on every seed, and by nothing else', () => {
  it.each(CASES.map((c) => [c.fault, c] as const))(
    '%s',
    async (_fault, { make, owners }) => {
      for (const seed of SEEDS) {
        const implementation = make(createEmulator({ clock: 'virtual', seed }).implementation);
        const report = await runConformance(localRunOptions({ url: 'in-process', implementation }, { runs: 10, seed }));
        const notPassed = report.invariants.filter((i) => i.status !== 'passed').map((i) => `${i.id} ${i.status}`);
        expect(notPassed, `seed ${seed}`).toEqual(owners.map((id) => `${id} failed`));
      }
    },
    120_000,
  );
});
