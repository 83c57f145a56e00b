import { describe, expect, it } from 'vitest';
import { createJobPool, LANE_WEIGHTS } from './createJobPool.ts';
import type { ProvideRequest } from './Harness.ts';
import { LANE_WORKLOADS } from './Workload.ts';
import { RunSkipped } from './Violation.ts';

/** A pool whose jobs are numbered as they are submitted; one instance per lane weight (long lane: 5). */
function pool() {
  let submitted = 0;
  return createJobPool({
    submit: () => Promise.resolve(`job-${String(++submitted).padStart(8, '0')}`),
    maxJobs: 2,
    namedEnvId: undefined,
    instancesPerLane: 1,
  });
}

const LONG = LANE_WEIGHTS.long;
const longOnes = (count: number, more: Partial<ProvideRequest> = {}): ProvideRequest => ({
  workload: LANE_WORKLOADS.long,
  env: 'anonymous',
  count,
  ...more,
});

describe('createJobPool', () => {
  it('leases each instance once until a lane is used up', async () => {
    const jobs = pool();
    const firsts = [];
    for (let i = 0; i < LONG; i++) firsts.push((await jobs.lease(longOnes(1)))?.[0]?.task.first);
    expect(firsts).toEqual([0, 1, 2, 3, 4]);
    expect(await jobs.lease(longOnes(1))).toBeUndefined();
  });

  it('gives each invariant its share of what is left, and at least one lease', async () => {
    const jobs = pool();
    jobs.beginShare(2); // floor(5 / 2) = 2 instances of the long lane
    await jobs.lease(longOnes(1));
    await jobs.lease(longOnes(1));
    await expect(jobs.lease(longOnes(1))).rejects.toBeInstanceOf(RunSkipped);
    jobs.beginShare(1); // the last invariant: all 3 left
    expect((await jobs.lease(longOnes(3)))?.[0]?.task).toMatchObject({ first: 2, count: 3 });
    jobs.beginShare(5); // nothing left to share: a lane used up is undefined, as without shares
    expect(await jobs.lease(longOnes(1))).toBeUndefined();
  });

  it('always allows an invariant its first lease of a lane, even when its share rounds down to nothing', async () => {
    const jobs = pool();
    jobs.beginShare(10); // floor(5 / 10) = 0
    expect((await jobs.lease(longOnes(2)))?.[0]?.task.count).toBe(2);
    await expect(jobs.lease(longOnes(1))).rejects.toBeInstanceOf(RunSkipped);
  });

  it('serves a reuse key the same instances across invariants, outside their shares, until renewed', async () => {
    const jobs = pool();
    jobs.beginShare(5); // 1 instance each
    const pair = await jobs.lease(longOnes(2, { reuse: 'pair' }));
    await jobs.lease(longOnes(1));
    expect(await jobs.lease(longOnes(2, { reuse: 'pair' }))).toBe(pair);
    const renewed = await jobs.lease(longOnes(2, { reuse: 'pair', renew: true }));
    expect(renewed?.[0]?.task.first).toBe(3);
    expect(await jobs.lease(longOnes(2, { reuse: 'pair' }))).toBe(renewed);
  });
});
