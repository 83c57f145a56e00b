import { describe, expect, it } from 'vitest';
import type { RequestOf } from '../../../generated/actionTypes.ts';
import { createApiClient, type ApiClient } from '../../client/createApiClient.ts';
import { createEmulator } from '../../emulator/createEmulator.ts';
import { laggingReplica } from './laggingReplica.ts';
import { forwardTo } from './LiveRequest.ts';
import { BEHAVIOUR_KEYS, outcomeOfAnswer, responseOf, serveBehaviours } from './serveBehaviours.ts';
import { sleepingJob } from '../sleepingJob.ts';

const JOB = sleepingJob('lagging');

/** The replica in front of an emulator on a wall clock that moves only when told (20 s of job time per wall second). */
function setUp(lags: { afterSubmitMs: number; afterTerminationMs: number }) {
  let now = Date.now();
  const wallClock = () => now;
  const emulator = createEmulator({
    clock: 'real',
    timeScale: 20,
    credentials: [BEHAVIOUR_KEYS],
    rateLimits: false,
    wallClock,
  });
  const read = createApiClient({ implementation: emulator.implementation, credentials: BEHAVIOUR_KEYS, pacing: false });
  const { target } = serveBehaviours([laggingReplica({ read, wallClock, ...lags })], {
    base: forwardTo(emulator.implementation),
    wallClock,
  });
  return { t: target(), advance: (ms: number) => void (now += ms) };
}

async function submit(t: ApiClient): Promise<string> {
  return responseOf(await t.SubmitJob(JOB))['JobId'] as string;
}

async function states(t: ApiClient, jobId: string, extra: Partial<RequestOf<'DescribeTask'>> = {}): Promise<string[]> {
  const set = responseOf(await t.DescribeTask({ JobId: jobId, TaskName: 'A', ...extra }))['TaskInstanceSet'];
  return (set as { TaskInstanceState: string }[]).map((i) => i.TaskInstanceState);
}

describe('laggingReplica', () => {
  it('does not find a new job for afterSubmitMs: every action answers as for a job that does not exist', async () => {
    const { t, advance } = setUp({ afterSubmitMs: 1500, afterTerminationMs: 0 });
    const jobId = await submit(t);
    advance(1499);
    expect(outcomeOfAnswer(await t.DescribeJob({ JobId: jobId }))).toBe('ResourceNotFound.Job');
    expect(outcomeOfAnswer(await t.DescribeTask({ JobId: jobId, TaskName: 'A' }))).toBe('ResourceNotFound.Task');
    expect(outcomeOfAnswer(await t.TerminateJob({ JobId: jobId }))).toBe('ResourceNotFound.Job');
    expect(outcomeOfAnswer(await t.TerminateTaskInstance({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 }))).toBe(
      'ResourceNotFound.TaskInstance',
    );
    advance(1);
    expect(outcomeOfAnswer(await t.DescribeJob({ JobId: jobId }))).toBe('Success');
    // Nothing was terminated while the job was hidden: both instances run on.
    advance(2000);
    expect(await states(t, jobId)).toEqual(['RUNNING', 'RUNNING']);
  });

  it('checks the parameters before hiding a new job', async () => {
    const { t } = setUp({ afterSubmitMs: 1500, afterTerminationMs: 0 });
    const jobId = await submit(t);
    expect(outcomeOfAnswer(await t.raw({ action: 'DescribeTask', params: { JobId: jobId } }))).toBe('MissingParameter');
  });

  it('shows a task as it was before an accepted termination for afterTerminationMs, filters and pages included', async () => {
    const { t, advance } = setUp({ afterSubmitMs: 0, afterTerminationMs: 1500 });
    const jobId = await submit(t);
    advance(60); // 1.2 s of job time: accepted, PENDING
    expect(outcomeOfAnswer(await t.TerminateTaskInstance({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 }))).toBe(
      'Success',
    );
    advance(1499);
    expect(await states(t, jobId)).toEqual(['PENDING', 'PENDING']);
    const failedOnly = { Filters: [{ Name: 'task-instance-state' as const, Values: ['FAILED' as const] }] };
    expect(await states(t, jobId, failedOnly)).toEqual([]);
    expect(await states(t, jobId, { Offset: 1 })).toEqual(['PENDING']);
    advance(1);
    expect((await states(t, jobId))[0]).toBe('FAILED');
    expect(await states(t, jobId, failedOnly)).toEqual(['FAILED']);
  });

  it('keeps the first picture when a second termination comes within the window', async () => {
    const { t, advance } = setUp({ afterSubmitMs: 0, afterTerminationMs: 1000 });
    const jobId = await submit(t);
    advance(60);
    await t.TerminateTaskInstance({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 });
    advance(500);
    await t.TerminateJob({ JobId: jobId });
    advance(499);
    expect(await states(t, jobId)).toEqual(['PENDING', 'PENDING']);
    advance(1);
    // Now the up-to-date view: the first instance FAILED, the second on its way there (its CVM is being terminated).
    const [first, second] = await states(t, jobId);
    expect(first).toBe('FAILED');
    expect(second).not.toBe('PENDING');
  });

  it('answers at once with both lags at zero', async () => {
    const { t, advance } = setUp({ afterSubmitMs: 0, afterTerminationMs: 0 });
    const jobId = await submit(t);
    expect(outcomeOfAnswer(await t.DescribeJob({ JobId: jobId }))).toBe('Success');
    advance(60);
    await t.TerminateTaskInstance({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 });
    expect(await states(t, jobId)).toEqual(['FAILED', 'PENDING']);
  });
});
