import type { EmulatorSnapshot } from '../../control/controlPlane.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMED_ENV, startSdkHarness, task, type SdkHarness } from '../../test-only/startSdkHarness.ts';

// Default timings (emulator/Timings.ts DEFAULT_TIMINGS): accepted at 1 s, RUNNABLE at 2 s, STARTING (CVM creating) at 3 s,
// CVM created at 23 s, RUNNING at 28 s; a CVM termination takes 10 s.

function cvmOf(snap: EmulatorSnapshot, jobId: string, index = 0) {
  const cvm = snap.cvms.find((c) => c.jobId === jobId && c.instanceIndex === index);
  if (cvm === undefined) throw new Error(`no CVM for ${jobId}#${index}`);
  return cvm;
}

function historyOf(snap: EmulatorSnapshot, jobId: string, index = 0) {
  const inst = snap.jobs.find((j) => j.JobId === jobId)?.tasks[0]?.instances[index];
  if (inst === undefined) throw new Error(`no instance ${jobId}#${index}`);
  return inst;
}

describe('TerminateTaskInstance under doc revision seed (emulator, official SDK)', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness();
  });
  afterAll(() => h.close());

  const terminate = (jobId: string, index = 0) =>
    h.call('TerminateTaskInstance', { JobId: jobId, TaskName: 'A', TaskInstanceIndex: index });

  it('sets a SUBMITTED instance to FAILED at once and never starts a CVM for it', async () => {
    const job = await h.submit([task('sleep 100')]);
    expect(await h.state(job)).toBe('SUBMITTED');
    expect((await terminate(job)).ok).toBe(true);
    expect(await h.state(job)).toBe('FAILED');
    await h.advance(200);
    expect(await h.state(job)).toBe('FAILED');
    expect((await h.snapshot(job)).cvms).toEqual([]);
  });

  it('reports a task and job with an instance terminated while SUBMITTED as SUBMITTED without an EndTime until accepted', async () => {
    const job = await h.submit([task('sleep 100')]);
    expect((await terminate(job)).ok).toBe(true);
    // EndTime is set exactly when the state the same view reports is final.
    const views = async () => {
      const t = await h.call('DescribeTask', { JobId: job, TaskName: 'A' });
      const j = await h.call('DescribeJob', { JobId: job });
      if (!t.ok || !j.ok) throw new Error('Describe failed');
      const entry = (j.data['TaskSet'] as Record<string, unknown>[])[0] ?? {};
      return {
        task: [t.data['TaskState'], t.data['EndTime'] !== null],
        taskSet: [entry['TaskState'], entry['EndTime'] !== null],
        job: [j.data['JobState'], j.data['EndTime'] !== null],
        failedCount: (t.data['TaskInstanceMetrics'] as Record<string, number>)['FailedCount'],
      };
    };
    expect(await views()).toEqual({
      task: ['SUBMITTED', false],
      taskSet: ['SUBMITTED', false],
      job: ['SUBMITTED', false],
      failedCount: 1,
    });
    await h.advance(2);
    expect(await views()).toEqual({
      task: ['FAILED', true],
      taskSet: ['FAILED', true],
      job: ['FAILED', true],
      failedCount: 1,
    });
  });

  it('sets a RUNNABLE instance to FAILED at once and never starts a CVM for it', async () => {
    const job = await h.submit([task('sleep 100')]);
    await h.advance(2.5);
    expect(await h.state(job)).toBe('RUNNABLE');
    expect((await terminate(job)).ok).toBe(true);
    expect(await h.state(job)).toBe('FAILED');
    await h.advance(200);
    expect((await h.snapshot(job)).cvms).toEqual([]);
  });

  it('terminates the CVM of a RUNNING instance first, then sets FAILED, and never lets it SUCCEED', async () => {
    const job = await h.submit([task('sleep 5')]);
    await h.advance(30);
    expect(await h.state(job)).toBe('RUNNING');
    expect((await terminate(job)).ok).toBe(true);
    await h.advance(5);
    expect(await h.state(job)).toBe('RUNNING'); // "time-consuming": the CVM is still terminating
    await h.advance(5);
    expect(await h.state(job)).toBe('FAILED');
    const snap = await h.snapshot(job);
    const terminated = cvmOf(snap, job).history.find((e) => e.phase === 'terminated');
    const failed = historyOf(snap, job).history.find((e) => e.state === 'FAILED');
    expect(terminated && failed && terminated.seq < failed.seq).toBe(true);
    expect(historyOf(snap, job).history.map((e) => e.state)).not.toContain('SUCCEED');
  });

  it('defers termination while the CVM is being created: destroyed once created, the workload never runs', async () => {
    const job = await h.submit([task('sleep 1')]);
    await h.advance(5);
    expect(await h.state(job)).toBe('STARTING');
    expect(cvmOf(await h.snapshot(job), job).phase).toBe('creating');
    expect((await terminate(job)).ok).toBe(true);
    await h.advance(17); // t = 22: still being created
    expect(await h.state(job)).toBe('STARTING');
    await h.advance(100);
    expect(await h.state(job)).toBe('FAILED');
    const snap = await h.snapshot(job);
    expect(cvmOf(snap, job).history.map((e) => e.phase)).toEqual(['creating', 'running', 'terminating', 'terminated']);
    expect(cvmOf(snap, job).workloadStartedAt).toBeNull();
    expect(historyOf(snap, job).workloadRuns).toBe(0);
  });

  it('terminates a STARTING instance whose CVM already exists like a RUNNING one', async () => {
    const job = await h.submit([task('sleep 100')]);
    await h.advance(25);
    expect(await h.state(job)).toBe('STARTING');
    expect((await terminate(job)).ok).toBe(true);
    await h.advance(10);
    expect(await h.state(job)).toBe('FAILED');
    expect(historyOf(await h.snapshot(job), job).workloadRuns).toBe(0);
  });

  it("holds a FAILED_INTERRUPTED instance's CVM and quota until the termination has completed", async () => {
    const job = await h.submit([task('exit 1', { FailedAction: 'INTERRUPT' })]);
    await h.advance(30);
    expect(await h.state(job)).toBe('FAILED_INTERRUPTED');
    const before = await h.snapshot(job);
    expect(before.quota.cvmsInUse).toBe(1);
    expect((await terminate(job)).ok).toBe(true);
    await h.advance(9);
    expect((await h.snapshot(job)).quota.cvmsInUse).toBe(1);
    expect(await h.state(job)).toBe('FAILED_INTERRUPTED');
    await h.advance(1);
    expect(await h.state(job)).toBe('FAILED');
    expect((await h.snapshot(job)).quota.cvmsInUse).toBe(0);
  });

  it('answers success and changes nothing for SUCCEED and FAILED instances', async () => {
    const ok = await h.submit([task('true')]);
    const bad = await h.submit([task('exit 2')]);
    await h.advance(60);
    for (const [job, state] of [
      [ok, 'SUCCEED'],
      [bad, 'FAILED'],
    ] as const) {
      const before = await h.snapshot(job);
      expect((await terminate(job)).ok).toBe(true);
      await h.advance(60);
      expect(await h.state(job)).toBe(state);
      expect((await h.snapshot(job)).cvms).toEqual(before.cvms);
    }
  });

  it('rejects a named-environment instance with UnsupportedOperation.TerminateOperationWithEnvId and changes nothing', async () => {
    const job = await h.submit([task('sleep 100', { ComputeEnv: undefined, EnvId: NAMED_ENV })]);
    await h.advance(10);
    expect(await h.state(job)).toBe('RUNNING');
    const outcome = await terminate(job);
    expect(outcome.ok ? 'Success' : outcome.code).toBe('UnsupportedOperation.TerminateOperationWithEnvId');
    await h.advance(20);
    expect(await h.state(job)).toBe('RUNNING');
  });

  it('keeps FAILED reached by termination final, with retries left and days of time', async () => {
    const job = await h.submit([task('sleep 100', { MaxRetryCount: 5 })]);
    await h.advance(30);
    expect((await terminate(job)).ok).toBe(true);
    await h.advance(3 * 86_400);
    expect(await h.state(job)).toBe('FAILED');
    expect(historyOf(await h.snapshot(job), job).workloadRuns).toBe(1);
  });

  it('answers the same for a second termination and ends the same way', async () => {
    const job = await h.submit([task('sleep 100', { TaskInstanceNum: 2 })]);
    await h.advance(30);
    expect((await terminate(job, 0)).ok).toBe(true);
    expect((await terminate(job, 1)).ok).toBe(true);
    await h.advance(3);
    expect((await terminate(job, 1)).ok).toBe(true);
    await h.advance(30);
    expect((await h.instances(job)).map((i) => i.TaskInstanceState)).toEqual(['FAILED', 'FAILED']);
  });
});

describe('TerminateTaskInstance under doc revision current', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness({ docRevision: 'current' });
  });
  afterAll(() => h.close());

  it('sets a named-environment instance to FAILED and restarts (not destroys) its CVM', async () => {
    const job = await h.submit([task('sleep 100', { ComputeEnv: undefined, EnvId: NAMED_ENV })]);
    await h.advance(10);
    expect(await h.state(job)).toBe('RUNNING');
    const outcome = await h.call('TerminateTaskInstance', { JobId: job, TaskName: 'A', TaskInstanceIndex: 0 });
    expect(outcome.ok).toBe(true);
    await h.advance(10);
    expect(await h.state(job)).toBe('FAILED');
    expect(cvmOf(await h.snapshot(job), job).history.map((e) => e.phase)).toEqual(['running', 'restarting', 'running']);
  });
});
