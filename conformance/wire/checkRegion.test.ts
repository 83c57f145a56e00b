import { describe, expect, it } from 'vitest';
import { REGION_RULES } from '../../generated/regions.ts';
import { checkRegion, createRegionCheck } from './checkRegion.ts';

describe('checkRegion', () => {
  it('requires a Region under doc revision seed and lets it be left out under current', () => {
    expect(checkRegion(undefined, 'seed', 'X-TC-Region')).toMatchObject({ code: 'MissingParameter' });
    expect(checkRegion(undefined, 'current', 'X-TC-Region')).toBeUndefined();
  });

  it('refuses an empty Region under both revisions with MissingParameter', () => {
    expect(checkRegion('', 'seed', 'Region')).toEqual({ code: 'MissingParameter', message: 'Region is empty' });
    expect(checkRegion('', 'current', 'Region')).toEqual({ code: 'MissingParameter', message: 'Region is empty' });
  });

  it.each(['null', 'mars-north-1', 'AP-GUANGZHOU', ' ap-guangzhou', 'ap-guangzhou-2'])(
    'answers UnsupportedRegion for %j under both revisions',
    (region) => {
      expect(checkRegion(region, 'seed', 'X-TC-Region')).toMatchObject({ code: 'UnsupportedRegion' });
      expect(checkRegion(region, 'current', 'X-TC-Region')).toMatchObject({ code: 'UnsupportedRegion' });
    },
  );

  it("accepts every region of the spec's list", () => {
    for (const [revision, rule] of Object.entries(REGION_RULES)) {
      for (const region of rule.regions) {
        expect(checkRegion(region, revision as keyof typeof REGION_RULES, 'X-TC-Region')).toBeUndefined();
      }
    }
  });

  it('accepts the regions it is given besides the spec list, and only those', () => {
    const check = createRegionCheck(['eu-frankfurt']);
    expect(check('eu-frankfurt', 'seed', 'X-TC-Region')).toBeUndefined();
    expect(check('eu-frankfurt', 'current', 'X-TC-Region')).toBeUndefined();
    expect(checkRegion('eu-frankfurt', 'seed', 'X-TC-Region')).toMatchObject({ code: 'UnsupportedRegion' });
  });
});
