import fc from 'fast-check';
import { REGION_RULES } from '../../generated/regions.ts';

/** Every region any documentation revision accepts (spec/common.yaml `x-tbc-regions`), so none is generated as wrong. */
const BATCH_REGIONS = new Set<string>(Object.values(REGION_RULES).flatMap((rule) => rule.regions));

/** What is wrong with a request's Region (TTI-17). */
export type RegionFault = { kind: 'missing' } | { kind: 'empty' } | { kind: 'not-a-region'; value: string };

/**
 * Regions no Batch revision lists: the intl-en SDK's literal `null` (reference §5.2 item 5), region-shaped names,
 * zones, case variants. Header-safe (printable ASCII, no spaces: HTTP trims those), and never a listed region.
 */
const notARegionArb: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom('null', 'undefined', 'mars-north-1', 'ap-guangzhou-2', 'AP-GUANGZHOU', 'ap_guangzhou', 'global'),
    fc.constantFrom(...BATCH_REGIONS).map((r) => r.toUpperCase()),
    fc.constantFrom(...BATCH_REGIONS).map((r) => `${r}-1`),
    fc
      .tuple(fc.stringMatching(/^[a-z]{2,4}$/), fc.stringMatching(/^[a-z]{3,10}$/))
      .map(([area, city]) => `${area}-${city}`),
    fc.stringMatching(/^[!-~]{1,30}$/),
  )
  .filter((value) => !BATCH_REGIONS.has(value));

export const regionFaultArb: fc.Arbitrary<RegionFault> = fc.oneof(
  fc.constant<RegionFault>({ kind: 'missing' }),
  fc.constant<RegionFault>({ kind: 'empty' }),
  notARegionArb.map((value): RegionFault => ({ kind: 'not-a-region', value })),
);
