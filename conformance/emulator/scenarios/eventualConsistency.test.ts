import { describe, expect, it } from 'vitest';
import { createApiClient, IN_PROCESS_ORIGIN, type ApiClient } from '../../client/createApiClient.ts';
import type { CallResult } from '../../client/CallResult.ts';
import { ControlPlaneError, createControlClient } from '../../control/createControlClient.ts';
import { EXAMPLE_CREDENTIALS } from '../../signing/Credentials.ts';
import { createEmulator, type EmulatorOptions } from '../createEmulator.ts';
import { sleepingJob } from '../../test-only/sleepingJob.ts';

// Eventual consistency on purpose (control plane `eventualConsistency`): a tenant whose reads lag its writes, on a
// virtual clock so that every lag is stepped exactly.

const JOB = sleepingJob('lagging');

function setUp(options: EmulatorOptions = {}) {
  const emulator = createEmulator({ clock: 'virtual', rateLimits: false, ...options });
  const control = createControlClient(emulator.implementation, IN_PROCESS_ORIGIN);
  const api = createApiClient({
    implementation: emulator.implementation,
    credentials: EXAMPLE_CREDENTIALS,
    pacing: false,
  });
  return { emulator, control, api };
}

const outcome = (result: CallResult<string>): string =>
  result.kind === 'success' ? 'Success' : result.kind === 'error' ? result.code : result.kind;

async function submit(api: ApiClient): Promise<string> {
  const result = await api.SubmitJob(JOB);
  if (result.kind !== 'success') throw new Error(`SubmitJob answered ${outcome(result)}`);
  return result.data.JobId;
}

async function states(api: ApiClient, jobId: string): Promise<string[]> {
  const result = await api.DescribeTask({ JobId: jobId, TaskName: 'A' });
  if (result.kind !== 'success') return [outcome(result)];
  return result.data.TaskInstanceSet.map((i) => i.TaskInstanceState);
}

describe('an eventually consistent emulator (control plane eventualConsistency)', () => {
  it('is consistent unless told otherwise, and says so in info', async () => {
    const { control, api } = setUp();
    expect((await control.info()).eventualConsistency).toEqual({ newJobMs: 0, terminationMs: 0 });
    const jobId = await submit(api);
    expect(outcome(await api.DescribeJob({ JobId: jobId }))).toBe('Success');
  });

  it('does not find a new job for newJobMs of emulator time, whatever the action, and changes nothing meanwhile', async () => {
    const { control, api } = setUp({ eventualConsistency: { newJobMs: 1500 } });
    const jobId = await submit(api);
    await control.advanceBy(1.499);
    expect(outcome(await api.DescribeJob({ JobId: jobId }))).toBe('ResourceNotFound.Job');
    expect(outcome(await api.DescribeTask({ JobId: jobId, TaskName: 'A' }))).toBe('ResourceNotFound.Task');
    expect(outcome(await api.TerminateJob({ JobId: jobId }))).toBe('ResourceNotFound.Job');
    expect(outcome(await api.TerminateTaskInstance({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 }))).toBe(
      'ResourceNotFound.TaskInstance',
    );
    await control.advanceBy(0.001);
    expect(outcome(await api.DescribeJob({ JobId: jobId }))).toBe('Success');
    // The snapshot (the truth, not a replica) had the job all along, and no call changed it.
    const [job] = (await control.snapshot(jobId)).jobs;
    expect(job?.tasks[0]?.instances.every((i) => !i.terminating && i.state !== 'FAILED')).toBe(true);
  });

  it('shows a task as it was before an accepted termination for terminationMs, then as it is', async () => {
    const { control, api } = setUp({ eventualConsistency: { terminationMs: 1500 } });
    const jobId = await submit(api);
    await control.advanceBy(1.2); // accepted: PENDING
    expect(outcome(await api.TerminateTaskInstance({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 }))).toBe(
      'Success',
    );
    expect(await states(api, jobId)).toEqual(['PENDING', 'PENDING']);
    const failed = await api.DescribeTask({
      JobId: jobId,
      TaskName: 'A',
      Filters: [{ Name: 'task-instance-state', Values: ['FAILED'] }],
    });
    expect(failed.kind === 'success' && failed.data.TaskInstanceTotalCount).toBe(0);
    await control.advanceBy(1.5);
    expect((await states(api, jobId))[0]).toBe('FAILED');
  });

  it('is set per tenant at creation, changed by a reset, and forgotten with the world a reset clears', async () => {
    const { control, emulator } = setUp();
    const created = await control.createTenant({ eventualConsistency: { newJobMs: 2000 } });
    expect(created.info.eventualConsistency).toEqual({ newJobMs: 2000, terminationMs: 0 });
    const tenant = createControlClient(emulator.implementation, IN_PROCESS_ORIGIN, { tenant: created.id });
    const api = createApiClient({
      implementation: emulator.implementation,
      credentials: created.credentials,
      pacing: false,
    });
    const jobId = await submit(api);
    expect(outcome(await api.DescribeJob({ JobId: jobId }))).toBe('ResourceNotFound.Job');
    const info = await tenant.reset({ eventualConsistency: { terminationMs: 500 } });
    expect(info.eventualConsistency).toEqual({ newJobMs: 2000, terminationMs: 500 });
    expect(
      (await tenant.reset({ eventualConsistency: { newJobMs: 0, terminationMs: 0 } })).eventualConsistency,
    ).toEqual({
      newJobMs: 0,
      terminationMs: 0,
    });
    const next = await submit(api);
    expect(outcome(await api.DescribeJob({ JobId: next }))).toBe('Success');
    // The default tenant was never told: consistent.
    expect((await control.info()).eventualConsistency).toEqual({ newJobMs: 0, terminationMs: 0 });
  });

  it('refuses a negative or unknown lag with HTTP 400, changing nothing', async () => {
    const { control } = setUp();
    for (const eventualConsistency of [{ newJobMs: -1 }, { lagMs: 5 }]) {
      const refused = control.reset({ eventualConsistency });
      await expect(refused).rejects.toBeInstanceOf(ControlPlaneError);
    }
    expect((await control.info()).eventualConsistency).toEqual({ newJobMs: 0, terminationMs: 0 });
  });
});
