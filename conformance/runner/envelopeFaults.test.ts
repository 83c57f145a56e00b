import { describe, expect, it } from 'vitest';
import type { BrokenExpectation } from '../../generated/reportTypes.ts';
import { ENVELOPE_OWNER, REQUEST_ID_FORMAT_OWNER } from '../../property-tests/owners.ts';
import {
  createEnvelopeFaultDouble,
  ENVELOPE_FAULTS,
  type EnvelopeFault,
} from '../test-only/createEnvelopeFaultDouble.ts';
import { runConformance } from './runConformance.ts';
import { localRunOptions } from '../test-only/localRunOptions.ts';

/**
 * One fault, one finding (conventions §16): for each envelope rule broken alone, the invariant that owns it fails —
 * naming the broken expectation and where it comes from — and every other invariant passes. The expectation ids are
 * TTI-10's and TTI-11's own (property-tests/invariants/tti10.ts, tti11.ts).
 */
const EXPECTED: Record<EnvelopeFault, { failed: string; provenance: Partial<BrokenExpectation> }> = {
  'success-without-request-id': {
    failed: ENVELOPE_OWNER,
    provenance: {
      expectation: 'TTI-10.request-id-present',
      kind: 'seed',
      quote: 'The unique request ID which is returned for each request.',
    },
  },
  // The form of a RequestId is the kit's decision D-13 (the docs only show lowercase UUIDs in examples).
  'non-uuid-request-id': {
    failed: REQUEST_ID_FORMAT_OWNER,
    provenance: { expectation: 'TTI-11.uuid', kind: 'decision', decision: 'D-13' },
  },
  'error-without-message': {
    failed: ENVELOPE_OWNER,
    provenance: { expectation: 'TTI-10.error-message', kind: 'reference', cite: 'reference §4.4' },
  },
  'error-as-text-plain': {
    failed: ENVELOPE_OWNER,
    provenance: { expectation: 'TTI-10.content-type', kind: 'reference', cite: 'reference §4.4' },
  },
  // HTTP 200 for API errors is the kit's decision D-16.
  'http-500-errors': {
    failed: ENVELOPE_OWNER,
    provenance: { expectation: 'TTI-10.http-status', kind: 'decision', decision: 'D-16' },
  },
};

describe('a conformance run against a target that breaks one envelope rule', () => {
  for (const fault of ENVELOPE_FAULTS) {
    const { failed, provenance } = EXPECTED[fault];
    it(`${fault}: fails ${failed} alone, with the expectation ${provenance.expectation ?? ''}`, async () => {
      const report = await runConformance(
        localRunOptions(
          { url: 'http://envelope-fault.test', implementation: createEnvelopeFaultDouble(fault) },
          { runs: 5, seed: 42 },
        ),
      );
      // The double wraps an emulator: the whole catalogue runs, and decisions are held strictly (no observations).
      expect(report.profile).toBe('emulated');
      expect(report.strict).toBe(true);
      expect(report.ok).toBe(false);
      const notPassed = report.invariants.filter((i) => i.status !== 'passed').map((i) => [i.id, i.status]);
      expect(notPassed).toEqual([[failed, 'failed']]);
      expect(report.summary).toMatchObject({ failed: 1, blocked: 0, skipped: 0, observations: 0 });
      const finding = report.invariants.find((i) => i.id === failed);
      expect(finding?.provenance).toMatchObject(provenance);
    });
  }
});
