import fc from 'fast-check';
import { REGION_RULES } from '../../generated/regions.ts';

/** Every region any documentation revision accepts (spec/common.yaml `x-tbc-regions`), so none is generated as wrong. */
const BATCH_REGIONS = new Set<string>(Object.values(REGION_RULES).flatMap((rule) => rule.regions));

/** What is wrong with a request's Region (TTI-17). */
export type RegionFault = { kind: 'missing' } | { kind: 'empty' } | { kind: 'not-a-region'; value: string };

/**
 * Near misses of real regions, each tried in every wire form by TTI-17's coverage phase: the intl-en SDK's literal
 * `null` (reference §5.2 item 5), a zone, case and separator variants, a region with a suffix, a made-up region.
 * Header-safe (printable ASCII, no spaces: HTTP trims those).
 */
export const REGION_NEAR_MISSES: readonly string[] = [
  'null',
  'ap-guangzhou-2',
  'AP-GUANGZHOU',
  'ap_guangzhou',
  'ap-guangzhou1',
  'mars-north-1',
].filter((value) => !BATCH_REGIONS.has(value));

/** Regions no Batch revision lists: the near misses, region-shaped names, zones, case variants; never a listed one. */
export const notARegionArb: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(...REGION_NEAR_MISSES, 'undefined', 'global'),
    fc.constantFrom(...BATCH_REGIONS).map((r) => r.toUpperCase()),
    fc.constantFrom(...BATCH_REGIONS).map((r) => `${r}-1`),
    fc
      .tuple(fc.stringMatching(/^[a-z]{2,4}$/), fc.stringMatching(/^[a-z]{3,10}$/))
      .map(([area, city]) => `${area}-${city}`),
    fc.stringMatching(/^[!-~]{1,30}$/),
  )
  .filter((value) => !BATCH_REGIONS.has(value));
