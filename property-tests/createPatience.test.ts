import { describe, expect, it } from 'vitest';
import type { CallResult } from '../conformance/client/CallResult.ts';
import { createApiClient, IN_PROCESS_ORIGIN } from '../conformance/client/createApiClient.ts';
import { createControlClient } from '../conformance/control/createControlClient.ts';
import type { EventualConsistency } from '../conformance/control/controlPlane.ts';
import { createEmulator } from '../conformance/emulator/createEmulator.ts';
import { EXAMPLE_CREDENTIALS } from '../conformance/signing/Credentials.ts';
import { createPatience, mergeConsistency } from './createPatience.ts';
import type { InstanceView } from './Harness.ts';
import { sleepingJob } from '../conformance/test-only/sleepingJob.ts';

const JOB = sleepingJob('patience');

const GRACE_MS = 10_000;

/**
 * Patience against an emulator made eventually consistent on purpose, on its virtual clock: the pauses move that
 * clock, and the wall clock of the patience stands still, so every wait is counted exactly.
 */
async function setUp(lag: Partial<EventualConsistency>) {
  const emulator = createEmulator({ clock: 'virtual', rateLimits: false, eventualConsistency: lag });
  const control = createControlClient(emulator.implementation, IN_PROCESS_ORIGIN);
  const api = createApiClient({
    implementation: emulator.implementation,
    credentials: EXAMPLE_CREDENTIALS,
    pacing: false,
  });
  const calls: string[] = [];
  const pauses: number[] = [];
  const patience = createPatience({
    graceMs: GRACE_MS,
    docRevision: 'seed',
    describeJob: (jobId) => {
      calls.push(`DescribeJob ${jobId}`);
      return api.DescribeJob({ JobId: jobId });
    },
    pause: async (ms) => {
      pauses.push(ms);
      await control.advanceBy(ms / 1000);
    },
    now: () => 0,
  });
  const submitted = await api.SubmitJob(JOB);
  if (submitted.kind !== 'success') throw new Error('SubmitJob failed');
  const jobId = submitted.data.JobId;
  return { api, control, patience, jobId, calls, pauses };
}

const outcome = (r: CallResult<string>): string =>
  r.kind === 'success' ? 'Success' : r.kind === 'error' ? r.code : r.kind;

async function readTask(api: Awaited<ReturnType<typeof setUp>>['api'], jobId: string): Promise<InstanceView[]> {
  const result = await api.DescribeTask({ JobId: jobId, TaskName: 'A' });
  return result.kind === 'success' ? result.data.TaskInstanceSet : [];
}

describe('createPatience: a new job of the run not found yet', () => {
  it('asks again with back-off once a DescribeJob finds it, and reports how long the target needed', async () => {
    const { api, patience, jobId, calls, pauses } = await setUp({ newJobMs: 1500 });
    patience.submitted(jobId, 'anonymous');
    const describe = () => api.DescribeTask({ JobId: jobId, TaskName: 'A' });
    const first = await describe();
    expect(outcome(first)).toBe('ResourceNotFound.Task');
    const settled = await patience.afterCall('DescribeTask', { JobId: jobId }, first, describe);
    expect(outcome(settled)).toBe('Success');
    expect(pauses).toEqual([250, 500, 1000]);
    expect(calls).toEqual([`DescribeJob ${jobId}`, `DescribeJob ${jobId}`, `DescribeJob ${jobId}`]);
    expect(patience.observations().newJobs).toEqual({ waitedFor: 1, longestMs: 1750, neverFound: 0 });
  });

  it('asks a DescribeJob itself again, with no other call in between', async () => {
    const { api, patience, jobId, calls } = await setUp({ newJobMs: 600 });
    patience.submitted(jobId, 'anonymous');
    const describe = () => api.DescribeJob({ JobId: jobId });
    const settled = await patience.afterCall('DescribeJob', { JobId: jobId }, await describe(), describe);
    expect(outcome(settled)).toBe('Success');
    expect(calls).toEqual([]);
  });

  it('takes the answer at its word once the grace is over, and from then on', async () => {
    const { api, patience, jobId, pauses } = await setUp({ newJobMs: 60_000 });
    patience.submitted(jobId, 'anonymous');
    const describe = () => api.DescribeTask({ JobId: jobId, TaskName: 'A' });
    expect(outcome(await patience.afterCall('DescribeTask', { JobId: jobId }, await describe(), describe))).toBe(
      'ResourceNotFound.Task',
    );
    expect(pauses.reduce((a, b) => a + b, 0)).toBe(GRACE_MS);
    expect(patience.observations().newJobs).toEqual({ waitedFor: 0, longestMs: 0, neverFound: 1 });
    const again = await patience.afterCall('DescribeTask', { JobId: jobId }, await describe(), describe);
    expect(outcome(again)).toBe('ResourceNotFound.Task');
    expect(pauses.reduce((a, b) => a + b, 0)).toBe(GRACE_MS);
  });

  it('takes a ResourceNotFound at its word for a job a read has found (an unknown task of a known job)', async () => {
    const { api, control, patience, jobId, pauses } = await setUp({ newJobMs: 500 });
    patience.submitted(jobId, 'anonymous');
    await control.advanceBy(1);
    const found = await api.DescribeJob({ JobId: jobId });
    await patience.afterCall('DescribeJob', { JobId: jobId }, found, () => api.DescribeJob({ JobId: jobId }));
    const unknownTask = () => api.DescribeTask({ JobId: jobId, TaskName: 'B' });
    const answer = await patience.afterCall('DescribeTask', { JobId: jobId }, await unknownTask(), unknownTask);
    expect(outcome(answer)).toBe('ResourceNotFound.Task');
    expect(pauses).toEqual([]);
  });

  it('has no patience with a job the run did not create', async () => {
    const { api, patience, pauses } = await setUp({ newJobMs: 500 });
    const other = () => api.DescribeJob({ JobId: 'job-abcdefgh' });
    expect(outcome(await patience.afterCall('DescribeJob', { JobId: 'job-abcdefgh' }, await other(), other))).toBe(
      'ResourceNotFound.Job',
    );
    expect(pauses).toEqual([]);
  });
});

describe('createPatience: a read that contradicts a termination the run just made', () => {
  it('reads again until the instance shows what the termination did, and reports how long that took', async () => {
    const { api, control, patience, jobId } = await setUp({ terminationMs: 1500 });
    patience.submitted(jobId, 'anonymous');
    await control.advanceBy(1.2); // PENDING
    const params = { JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 };
    expect(outcome(await api.TerminateTaskInstance(params))).toBe('Success');
    patience.terminated('TerminateTaskInstance', params);
    const stale = await readTask(api, jobId);
    expect(stale.map((i) => i.TaskInstanceState)).toEqual(['PENDING', 'PENDING']);
    const settled = await patience.settle(jobId, 'A', stale, () => readTask(api, jobId));
    expect(settled[0]?.TaskInstanceState).toBe('FAILED');
    expect(patience.observations().terminations).toEqual({ reread: 3, longestMs: 1750, unsettled: 0 });
  });

  it('reads once and hands back a state the termination does not change at once (a RUNNING instance)', async () => {
    const { api, control, patience, jobId } = await setUp({ terminationMs: 1500 });
    patience.submitted(jobId, 'anonymous');
    await control.advanceBy(120); // RUNNING
    const params = { JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 };
    await api.TerminateTaskInstance(params);
    patience.terminated('TerminateTaskInstance', params);
    const views = await readTask(api, jobId);
    let rereads = 0;
    const settled = await patience.settle(jobId, 'A', views, () => {
      rereads++;
      return readTask(api, jobId);
    });
    expect(settled).toBe(views);
    expect(rereads).toBe(0);
  });

  it('stops reading again once the grace is over, and says so', async () => {
    const { api, control, patience, jobId } = await setUp({ terminationMs: 60_000 });
    patience.submitted(jobId, 'anonymous');
    await control.advanceBy(1.2);
    const params = { JobId: jobId, TaskName: 'A', TaskInstanceIndex: 1 };
    await api.TerminateTaskInstance(params);
    patience.terminated('TerminateTaskInstance', params);
    const settled = await patience.settle(jobId, 'A', await readTask(api, jobId), () => readTask(api, jobId));
    expect(settled[1]?.TaskInstanceState).toBe('PENDING');
    expect(patience.observations().terminations.unsettled).toBe(1);
  });
});

describe('mergeConsistency', () => {
  it('adds the counts of several harnesses and keeps the longest waits', () => {
    const a = {
      graceMs: 1,
      newJobs: { waitedFor: 1, longestMs: 5, neverFound: 0 },
      terminations: { reread: 2, longestMs: 1, unsettled: 1 },
    };
    const b = {
      graceMs: 1,
      newJobs: { waitedFor: 2, longestMs: 3, neverFound: 1 },
      terminations: { reread: 0, longestMs: 9, unsettled: 0 },
    };
    expect(mergeConsistency([a, undefined, b])).toEqual({
      graceMs: 1,
      newJobs: { waitedFor: 3, longestMs: 5, neverFound: 1 },
      terminations: { reread: 2, longestMs: 9, unsettled: 1 },
    });
    expect(mergeConsistency([undefined])).toBeUndefined();
  });
});
