import { describe, expect, it } from 'vitest';
import type { EnvKind } from '../generated/transitions.ts';
import { createJobPool } from './createJobPool.ts';
import type { ProvideRequest, TaskSpec } from './Harness.ts';
import { plannedJobs, type JobLayout } from './planSharedJobs.ts';
import { LANE_WORKLOADS, type Lane } from './Workload.ts';
import { RunSkipped } from './Violation.ts';

const NONE: Record<Lane, number> = { long: 0, succeed: 0, fail: 0, interrupt: 0, gated: 0 };

/** A pool over hand-made layouts; jobs are numbered as they are submitted, and each submission is kept. */
function pool(layouts: Partial<Record<EnvKind, JobLayout>>) {
  const submitted: { jobId: string; tasks: TaskSpec[] }[] = [];
  const jobs = createJobPool({
    submit: (tasks) => {
      const jobId = `job-${String(submitted.length + 1).padStart(8, '0')}`;
      submitted.push({ jobId, tasks });
      return Promise.resolve(jobId);
    },
    layouts,
    jobs: plannedJobs(layouts),
  });
  return { jobs, submitted };
}

/** An anonymous job with a long lane of `long` instances (and a twin range of `twin`). */
const anonymous = (long: number, twin = 0): Partial<Record<EnvKind, JobLayout>> => ({
  anonymous: { solo: { ...NONE, long }, twin: { ...NONE, long: twin }, twinJob: twin > 0 },
});

const longOnes = (count: number, more: Partial<ProvideRequest> = {}): ProvideRequest => ({
  workload: LANE_WORKLOADS.long,
  env: 'anonymous',
  count,
  ...more,
});

const terminate = (jobId: string, index: number, task = 'long') => ({
  JobId: jobId,
  TaskName: task,
  TaskInstanceIndex: index,
});

describe('createJobPool', () => {
  it('submits an environment’s planned jobs on its first lease, and leases each instance once until a lane has no room', async () => {
    const { jobs, submitted } = pool(anonymous(3));
    expect(jobs.instancesToCome()).toBe(3);
    const firsts = [];
    for (let i = 0; i < 3; i++) firsts.push((await jobs.lease(longOnes(1)))?.[0]?.task.first);
    expect(firsts).toEqual([0, 1, 2]);
    expect(await jobs.lease(longOnes(1))).toBeUndefined();
    expect(submitted.map((s) => s.tasks.map((t) => [t.name, t.count, t.command]))).toEqual([
      [['long', 3, 'sleep 86400']],
    ]);
    expect([jobs.jobsCreated(), jobs.instancesToCome()]).toEqual([1, 0]);
  });

  it('gives back, when the property run ends, the instances no TerminateTaskInstance named, and keeps those it named', async () => {
    const { jobs } = pool(anonymous(3));
    const [lease] = (await jobs.lease(longOnes(3))) ?? [];
    const jobId = lease?.task.jobId ?? '';
    jobs.noteCall('TerminateTaskInstance', terminate(jobId, 1), true);
    // A refused call may have changed the instance too: it is not given back either.
    jobs.noteCall('TerminateTaskInstance', terminate(jobId, 2), false);
    jobs.endRun();
    expect((await jobs.lease(longOnes(1)))?.[0]?.task.first).toBe(0);
    expect(await jobs.lease(longOnes(1))).toBeUndefined();
  });

  it('gives back consecutive instances as one group, so a larger lease fits again', async () => {
    const { jobs } = pool(anonymous(4));
    await jobs.lease(longOnes(2));
    await jobs.lease(longOnes(2));
    jobs.endRun();
    expect((await jobs.lease(longOnes(4)))?.[0]?.task).toMatchObject({ first: 0, count: 4, taskSize: 4 });
  });

  it('keeps every instance leased from a job that a TerminateJob named, and leases nothing more of it once one was accepted', async () => {
    const { jobs } = pool(anonymous(4));
    const [lease] = (await jobs.lease(longOnes(2))) ?? [];
    const jobId = lease?.task.jobId ?? '';
    jobs.noteCall('TerminateJob', { JobId: jobId }, false);
    jobs.endRun();
    expect((await jobs.lease(longOnes(2)))?.[0]?.task.first).toBe(2);
    jobs.noteCall('TerminateJob', { JobId: jobId }, true);
    jobs.endRun();
    expect(await jobs.lease(longOnes(1))).toBeUndefined();
  });

  it('takes the same positions of twin jobs for a twin lease, and single leases only from the main job past them', async () => {
    const { jobs, submitted } = pool(anonymous(2, 2));
    const twins = await jobs.lease(longOnes(2, { jobs: 2 }));
    expect(twins?.map((t) => t.task)).toEqual([
      { jobId: 'job-00000001', taskName: 'long', first: 0, count: 2, taskSize: 4 },
      { jobId: 'job-00000002', taskName: 'long', first: 0, count: 2, taskSize: 2 },
    ]);
    expect(submitted.map((s) => s.tasks.map((t) => t.count))).toEqual([[4], [2]]);
    expect((await jobs.lease(longOnes(2)))?.map((t) => t.task.first)).toEqual([2]);
    expect(await jobs.lease(longOnes(1, { jobs: 2 }))).toBeUndefined();
  });

  it('gives a twin position back only when no call named it in either job', async () => {
    const { jobs } = pool(anonymous(0, 2));
    const twins = (await jobs.lease(longOnes(2, { jobs: 2 }))) ?? [];
    jobs.noteCall('TerminateTaskInstance', terminate(twins[1]?.task.jobId ?? '', 0), true);
    jobs.endRun();
    expect((await jobs.lease(longOnes(1, { jobs: 2 })))?.[0]?.task.first).toBe(1);
  });

  it('has no twin to offer without a twin job, and no job for an environment not planned', async () => {
    const { jobs, submitted } = pool(anonymous(2));
    expect(await jobs.lease(longOnes(1, { jobs: 2 }))).toBeUndefined();
    expect(await jobs.lease(longOnes(1, { env: 'named' }))).toBeUndefined();
    expect(submitted).toHaveLength(1);
  });

  it('gives each invariant its share of what is free, and at least one lease', async () => {
    const { jobs } = pool(anonymous(5));
    jobs.beginShare(2); // floor(5 / 2) = 2 instances of the long lane
    for (let i = 0; i < 2; i++) {
      const [lease] = (await jobs.lease(longOnes(1))) ?? [];
      jobs.noteCall('TerminateTaskInstance', terminate(lease?.task.jobId ?? '', lease?.task.first ?? -1), true);
    }
    await expect(jobs.lease(longOnes(1))).rejects.toBeInstanceOf(RunSkipped);
    jobs.beginShare(1); // the last invariant: all 3 free (the 2 terminated are used up)
    const [last] = (await jobs.lease(longOnes(3))) ?? [];
    expect(last?.task).toMatchObject({ first: 2, count: 3 });
    for (let i = 2; i < 5; i++) jobs.noteCall('TerminateTaskInstance', terminate(last?.task.jobId ?? '', i), true);
    jobs.beginShare(5); // nothing free: a lane without room is undefined, as without shares
    expect(await jobs.lease(longOnes(1))).toBeUndefined();
  });

  it('counts what a run gave back as free again within the invariant’s share', async () => {
    const { jobs } = pool(anonymous(4));
    jobs.beginShare(2); // 2 each
    await jobs.lease(longOnes(2));
    jobs.endRun();
    expect((await jobs.lease(longOnes(2)))?.[0]?.task.first).toBe(0);
  });

  it('always allows an invariant its first lease of a lane, even when its share rounds down to nothing', async () => {
    const { jobs } = pool(anonymous(5));
    jobs.beginShare(10); // floor(5 / 10) = 0
    expect((await jobs.lease(longOnes(2)))?.[0]?.task.count).toBe(2);
    await expect(jobs.lease(longOnes(1))).rejects.toBeInstanceOf(RunSkipped);
  });

  it('serves a reuse key the same instances across runs and invariants, outside their shares, until renewed', async () => {
    const { jobs } = pool(anonymous(5));
    jobs.beginShare(5); // 1 instance each
    const pair = await jobs.lease(longOnes(2, { reuse: 'pair' }));
    await jobs.lease(longOnes(1));
    jobs.endRun();
    expect(await jobs.lease(longOnes(2, { reuse: 'pair' }))).toBe(pair);
    // The single instance went back when its run ended; the pair did not.
    const renewed = await jobs.lease(longOnes(2, { reuse: 'pair', renew: true }));
    expect(renewed?.[0]?.task.first).toBe(2);
    expect(await jobs.lease(longOnes(2, { reuse: 'pair' }))).toBe(renewed);
  });

  it('gates the gated lane behind the Gate task, in the environment’s own workloads', async () => {
    const { jobs, submitted } = pool({ named: { solo: { ...NONE, long: 1, gated: 2 }, twin: NONE, twinJob: false } });
    await jobs.lease({ workload: LANE_WORKLOADS.gated, env: 'named', count: 2 });
    expect(submitted[0]?.tasks.map((t) => [t.name, t.command, t.env])).toEqual([
      ['Gate', 'sleep 120', 'named'],
      ['long', 'sleep 120', 'named'],
      ['gated', 'true', 'named'],
    ]);
  });
});
