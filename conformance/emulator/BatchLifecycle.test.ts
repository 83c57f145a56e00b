import { describe, expect, it } from 'vitest';
import { anonymousTask, createBatchDomain, namedTask, T0 } from '../test-only/createBatchDomain.ts';
import type { Stamp } from './Job.ts';

/** A history as `[value, ms after T0]` pairs, so a timeline reads like the timings that made it. */
const timeline = <T>(history: readonly Stamp<T>[]): [T, number][] => history.map((s) => [s.value, s.at - T0]);

describe('BatchLifecycle', () => {
  it('moves an anonymous instance through every state on the default timings, then destroys its CVM', () => {
    const d = createBatchDomain();
    const jobId = d.submit([anonymousTask()]);
    d.at(100_000);
    const inst = d.instance(jobId);
    expect(timeline(inst.history)).toEqual([
      ['SUBMITTED', 0],
      ['PENDING', 1_000],
      ['RUNNABLE', 2_000],
      ['STARTING', 3_000],
      ['RUNNING', 28_000],
      ['SUCCEED', 58_000],
    ]);
    expect(inst).toMatchObject({ exitCode: 0, stateReason: '', workloadRuns: 1, launchAt: T0 + 3_000 });
    expect(timeline(d.state.cvms[0]?.history ?? [])).toEqual([
      ['creating', 3_000],
      ['running', 23_000],
      ['terminating', 58_000],
      ['terminated', 68_000],
    ]);
    expect(d.scheduler.pendingEvents()).toBe(0);
  });

  it('runs a named environment instance on a node that is already up and keeps the node afterwards', () => {
    const d = createBatchDomain();
    const jobId = d.submit([namedTask()]);
    d.at(100_000);
    expect(timeline(d.instance(jobId).history)).toEqual([
      ['SUBMITTED', 0],
      ['PENDING', 1_000],
      ['RUNNABLE', 2_000],
      ['STARTING', 3_000],
      ['RUNNING', 8_000],
      ['SUCCEED', 38_000],
    ]);
    expect(timeline(d.state.cvms[0]?.history ?? [])).toEqual([['running', 3_000]]);
  });

  it('retries a failed workload MaxRetryCount times on a new CVM each, then fails with the exit code', () => {
    const d = createBatchDomain();
    const jobId = d.submit([
      anonymousTask({ Application: { DeliveryForm: 'LOCAL', Command: 'sleep 1; exit 3' }, MaxRetryCount: 1 }),
    ]);
    d.at(200_000);
    const inst = d.instance(jobId);
    expect(inst).toMatchObject({
      state: 'FAILED',
      attempt: 1,
      workloadRuns: 2,
      exitCode: 3,
      stateReason: 'Exit code 3',
    });
    expect(timeline(inst.history).map(([state]) => state)).toEqual([
      'SUBMITTED',
      'PENDING',
      'RUNNABLE',
      'STARTING',
      'RUNNING',
      'RUNNABLE',
      'STARTING',
      'RUNNING',
      'FAILED',
    ]);
    expect(d.state.cvms.map((c) => [c.attempt, c.phase])).toEqual([
      [0, 'terminated'],
      [1, 'terminated'],
    ]);
  });

  it('keeps the CVM of a task with FailedAction INTERRUPT: FAILED_INTERRUPTED, the CVM still running', () => {
    const d = createBatchDomain();
    const jobId = d.submit([
      anonymousTask({ Application: { DeliveryForm: 'LOCAL', Command: 'exit 1' }, FailedAction: 'INTERRUPT' }),
    ]);
    d.at(100_000);
    expect(d.instance(jobId)).toMatchObject({
      state: 'FAILED_INTERRUPTED',
      stateReason: 'Exit code 1',
      detailedReason: 'interrupted; compute instance kept',
      endAt: null,
    });
    expect(d.state.cvms[0]?.phase).toBe('running');
  });

  it('ends a workload that outlives Timeout at the timeout, FAILED for Timeout', () => {
    const d = createBatchDomain();
    const jobId = d.submit([
      anonymousTask({ Application: { DeliveryForm: 'LOCAL', Command: 'sleep 60' }, Timeout: 10 }),
    ]);
    d.at(100_000);
    expect(d.instance(jobId)).toMatchObject({
      state: 'FAILED',
      exitCode: null,
      stateReason: 'Timeout',
      detailedReason: 'timeout',
      endAt: T0 + 38_000,
    });
  });

  it('holds a dependent task PENDING until its prerequisite SUCCEED, then schedules it', () => {
    const d = createBatchDomain();
    const jobId = d.submit(
      [anonymousTask({ TaskName: 'A' }), anonymousTask({ TaskName: 'B' })],
      [{ StartTask: 'A', EndTask: 'B' }],
    );
    d.at(57_999);
    expect(d.instance(jobId, 'B').state).toBe('PENDING');
    d.at(58_000);
    expect(d.instance(jobId, 'A').state).toBe('SUCCEED');
    d.at(60_000);
    expect(timeline(d.instance(jobId, 'B').history).slice(1, 3)).toEqual([
      ['PENDING', 1_000],
      ['RUNNABLE', 59_000],
    ]);
  });

  it('fails a dependent task for good when its prerequisite fails, without starting it', () => {
    const d = createBatchDomain();
    const jobId = d.submit(
      [
        anonymousTask({ TaskName: 'A', Application: { DeliveryForm: 'LOCAL', Command: 'exit 2' } }),
        anonymousTask({ TaskName: 'B' }),
      ],
      [{ StartTask: 'A', EndTask: 'B' }],
    );
    d.at(100_000);
    expect(d.instance(jobId, 'B')).toMatchObject({
      state: 'FAILED',
      stateReason: 'Dependency failed',
      launchAt: null,
      cvm: undefined,
    });
    expect(d.state.cvms.map((c) => c.taskName)).toEqual(['A']);
  });

  it('draws ids from its seeded random source, so a seed repeats them and another seed does not', () => {
    const ids = (seed: number) => {
      const d = createBatchDomain({ seed });
      const jobId = d.submit([anonymousTask()]);
      d.at(10_000);
      return [jobId, d.state.cvms[0]?.id];
    };
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7)[0]).toMatch(/^job-[a-z0-9]{8}$/);
    expect(ids(7)[1]).toMatch(/^ins-[a-z0-9]{8}$/);
    expect(ids(8)).not.toEqual(ids(7));
  });
});
