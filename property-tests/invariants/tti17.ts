import fc from 'fast-check';
import type { Malformation } from '../../conformance/client/Malformation.ts';
import { REGION_RULES } from '../../generated/regions.ts';
import { defineInvariant } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome, runningTwins } from '../expectations.ts';
import { wellFormedJobIdArb } from '../arbitraries/malformedJobIdArb.ts';
import { wireFormArb } from '../arbitraries/commonParamFaultArb.ts';
import { regionFaultArb, type RegionFault } from '../arbitraries/regionFaultArb.ts';

/**
 * Provenance of the expectations:
 * - seed: Region is required ("| Region | Yes | String | Common parameters; ... |", the seed's parameter table);
 * - reference: the Batch regions (§4.1, INTL-DOCS "Region List"), and the literal `null` the intl-en SDK sends
 *   without a region (§5.2 item 5), which is no region;
 * - decision: D-04 (under `current` a missing Region is accepted), D-19 (an empty one is MissingParameter under
 *   both revisions, a wrong one UnsupportedRegion), D-20 (the `current` list).
 */
export const tti17 = defineInvariant({
  id: 'TTI-17',
  title:
    'A TerminateTaskInstance without a Region (doc revision seed) or with an empty one gives MissingParameter, one whose Region is not a Batch region UnsupportedRegion; nothing changes.',
  source:
    '| Region | Yes | String | Common parameters; for details, see the [Region List](/document/api/599/15883#.E5.9C.B0.E5.9F.9F.E5.88.97.E8.A1.A8) supported by the product. |',
  requires: [],
  arbitrary: () => fc.record({ fault: regionFaultArb, form: wireFormArb, unknownJob: wellFormedJobIdArb }),
  async run(h, { fault, form, unknownJob }) {
    const accepted = fault.kind === 'missing' && !REGION_RULES[h.docRevision].required;
    // With state, a refused call aims at a real RUNNING instance: processing it anyway would terminate it. A call the
    // revision accepts aims at an unknown job instead, so the twins stay untouched either way.
    const twins = await runningTwins(h);
    const jobId = accepted ? unknownJob : (twins?.touched.jobId ?? unknownJob);
    const described = `a ${form.signMethod} ${form.method} TerminateTaskInstance with ${describeFault(fault)}`;
    const result = await h.raw({
      action: 'TerminateTaskInstance',
      params: { JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 },
      ...form,
      malformations: [malformationOf(fault)],
    });
    expectOutcome(result, [accepted ? 'ResourceNotFound.TaskInstance' : expectedCode(fault)], described);
    if (twins !== undefined) await expectLikeTwin(h, twins.touched, twins.twin, `${described} changed an instance`);
  },
});

function malformationOf(fault: RegionFault): Malformation {
  switch (fault.kind) {
    case 'missing':
      return { kind: 'omit-common-parameter', name: 'Region' };
    case 'empty':
      return { kind: 'region', value: '' };
    case 'not-a-region':
      return { kind: 'region', value: fault.value };
  }
}

function expectedCode(fault: RegionFault): 'MissingParameter' | 'UnsupportedRegion' {
  return fault.kind === 'not-a-region' ? 'UnsupportedRegion' : 'MissingParameter';
}

function describeFault(fault: RegionFault): string {
  return fault.kind === 'not-a-region'
    ? `Region ${JSON.stringify(fault.value)}`
    : `${fault.kind === 'missing' ? 'no' : 'an empty'} Region`;
}
