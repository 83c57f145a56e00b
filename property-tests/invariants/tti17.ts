import fc from 'fast-check';
import type { Malformation } from '../../conformance/client/Malformation.ts';
import { REGION_RULES } from '../../generated/regions.ts';
import { defineInvariant } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome, requireUnknownJob, runningTwins } from '../expectations.ts';
import { unknownJobCandidatesArb } from '../arbitraries/malformedJobIdArb.ts';
import { decision, reference } from '../Provenance.ts';
import { outcomeOf } from '../outcomeOf.ts';
import { notARegionArb, REGION_NEAR_MISSES, type RegionFault } from '../arbitraries/regionFaultArb.ts';
import { WIRE_FORMS, type WireForm } from '../coverage/WireForm.ts';
import type { DimensionGroup } from '../coverage/planCells.ts';

/** How a target refuses a call for its Region. */
const REGION_REFUSALS: readonly string[] = ['MissingParameter', 'UnsupportedRegion'];
const ROW = 'Region | Yes | String | Common parameters';

export const tti17 = defineInvariant({
  id: 'TTI-17',
  title:
    'A TerminateTaskInstance without a Region (doc revision seed) or with an empty one gives MissingParameter, one whose Region is not a Batch region UnsupportedRegion; nothing changes.',
  source:
    '| Region | Yes | String | Common parameters; for details, see the [Region List](/document/api/599/15883#.E5.9C.B0.E5.9F.9F.E5.88.97.E8.A1.A8) supported by the product. |',
  requires: [],
  // The seed's table requires a Region and today's page does not: which one a target is held to is decision D-04
  // (`--doc-revision`), so a missing Region is judged as that decision under either revision (as TTI-06 does for D-05).
  // Why: a live service that follows today's page is then an observation under the default revision, not a failure.
  expectations: {
    missing: {
      statement: `Without a Region (doc revision seed: "${ROW}") the call is answered MissingParameter.`,
      provenance: decision('D-04'),
    },
    missingAccepted: {
      statement:
        'Without a Region (doc revision current) the call is not refused for it (neither MissingParameter nor UnsupportedRegion).',
      provenance: decision('D-04'),
    },
    empty: { statement: 'An empty Region is answered MissingParameter.', provenance: decision('D-19') },
    notARegion: {
      statement:
        'A Region that is not a Batch region (reference §4.1), the literal `null` included, is answered UnsupportedRegion.',
      provenance: reference('reference §4.1, §3.2', 'UnsupportedRegion | The API does not support the region'),
    },
    unchanged: { statement: 'The refused call changes nothing.', provenance: decision('D-28') },
  },
  // Each fault in every wire form (a drawn region for "not a region"), and each near miss of a real region too.
  cells: (): readonly DimensionGroup<RegionCell>[] => [
    { fault: ['missing', 'empty', 'not a region'], form: WIRE_FORMS },
    { fault: ['near miss'], region: REGION_NEAR_MISSES, form: WIRE_FORMS },
  ],
  arbitrary: (h) => fc.record({ drawn: notARegionArb, candidates: unknownJobCandidatesArb(h.capabilities) }),
  async run(h, input, expect) {
    const { form, candidates } = input;
    const fault = faultOf(input);
    const accepted = fault.kind === 'missing' && !REGION_RULES[h.docRevision].required;
    // With state, a refused call aims at a real RUNNING instance: processing it anyway would terminate it. A call the
    // revision accepts (and every call without state) aims at a job the target proves unknown, so nothing is harmed.
    const twins = accepted ? undefined : await runningTwins(h);
    const target = twins?.touched ?? { jobId: await requireUnknownJob(h, candidates), taskName: 'A', index: 0 };
    const described = `a ${form.label} TerminateTaskInstance with ${describeFault(fault)}`;
    const result = await h.raw({
      action: 'TerminateTaskInstance',
      params: { JobId: target.jobId, TaskName: target.taskName, TaskInstanceIndex: target.index },
      scheme: form.scheme,
      method: form.method,
      malformations: [malformationOf(fault)],
    });
    if (accepted) {
      // Which code an unknown job gets is TTI-08's to judge (one fault, one finding); here only: not refused for it.
      const got = outcomeOf(result);
      h.check(expect.missingAccepted, !REGION_REFUSALS.includes(got), `${described}: refused with ${got}`);
    } else {
      const expectation =
        fault.kind === 'missing' ? expect.missing : fault.kind === 'empty' ? expect.empty : expect.notARegion;
      expectOutcome(h, expectation, result, [expectedCode(fault)], described);
    }
    // A call the target accepted was not refused: what it did is the answer's finding, already made (one fault, one
    // finding). Only reachable when that answer's expectation is a decision the target does not share (D-04, D-19)
    // and the run is not strict; otherwise the check above has already failed the run.
    if (twins !== undefined && result.kind !== 'success') {
      await expectLikeTwin(h, expect.unchanged, twins.touched, twins.twin, `${described} changed an instance`);
    }
  },
});

/** TTI-17's cells: a kind of Region fault (with a region drawn for "not a region"), or a listed near miss. */
type RegionCell =
  | { fault: 'missing' | 'empty' | 'not a region'; form: WireForm }
  | { fault: 'near miss'; region: string; form: WireForm };

function faultOf(input: RegionCell & { drawn: string }): RegionFault {
  switch (input.fault) {
    case 'missing':
    case 'empty':
      return { kind: input.fault };
    case 'not a region':
      return { kind: 'not-a-region', value: input.drawn };
    case 'near miss':
      return { kind: 'not-a-region', value: input.region };
  }
}

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
