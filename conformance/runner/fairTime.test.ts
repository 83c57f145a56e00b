import { describe, expect, it } from 'vitest';
import { WATCH_CUT_SHORT } from '../../property-tests/createLiveHarness.ts';
import type { Credentials } from '../signing/Credentials.ts';
import { createLiveLikeDouble } from '../test-only/createLiveLikeDouble.ts';
import { runConformance } from './runConformance.ts';

const KEYS: Credentials = {
  secretId: 'AKIDfairTimeTestKey0000000000001',
  secretKey: 'fairTimeTestSecretKey00000000001',
};

describe('fair time on a live target', () => {
  // TTI-16 watches a FAILED instance for days; a live run's per-run bound alone (5 minutes by default) would let that
  // one run hold most of a short budget. Its share of a 16 s budget ends the watch instead, and the report says so.
  it('cuts a watch short at the invariant’s share of the time budget, and reports it as not observed', async () => {
    const double = createLiveLikeDouble({ credentials: [KEYS] });
    const report = await runConformance({
      url: 'https://batch.fair-time.test',
      implementation: double.implementation,
      credentials: KEYS,
      credentialsAreExample: false,
      region: 'ap-guangzhou',
      profile: 'live-stateful',
      docRevision: 'seed',
      runs: 1,
      seed: 1,
      allowDestructive: true,
      maxJobs: 1,
      only: ['TTI-16'],
      timeBudgetMs: 16_000,
    });
    const [tti16] = report.invariants;
    expect(tti16?.status).toBe('passed');
    expect(tti16?.notObserved).toContain(WATCH_CUT_SHORT);
    expect(report.leftovers).toEqual([]);
  }, 120_000);
});
