import type { InvariantId } from '../../property-tests/catalogue.ts';

/** Why a stateless mock (Prism serving the spec's examples) cannot satisfy an invariant, for the report. */
export const MOCK_LIMITATIONS: Partial<Record<InvariantId, string>> = {
  'TTI-07': 'Prism answers a JobId that breaks the schema with HTTP 422 problem+json, not the error envelope',
  'TTI-08': 'a stateless mock knows no jobs, so it cannot tell an unknown instance from a real one',
  'TTI-09': 'Prism enforces no rate limit',
  'TTI-10': 'Prism answers invalid requests with HTTP 422/401 problem+json instead of HTTP 200 envelopes',
  'TTI-11': 'each example carries one fixed RequestId',
  'TTI-12': 'Prism answers invalid parameters with HTTP 422 problem+json, not MissingParameter/InvalidParameter',
  'TTI-13': 'Prism verifies no signature',
};
