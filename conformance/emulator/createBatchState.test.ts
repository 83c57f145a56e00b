import { describe, expect, it } from 'vitest';
import type { TaskInstanceState } from '../../generated/transitions.ts';
import { anonymousTask, createBatchDomain, namedTask, T0, type BatchDomain } from '../test-only/createBatchDomain.ts';

/** One instance's terminate request. */
const terminate = (d: BatchDomain, JobId: string, TaskName = 'A', TaskInstanceIndex = 0) =>
  d.state.terminateTaskInstance({ JobId, TaskName, TaskInstanceIndex }, d.scheduler.now());

const states = (d: BatchDomain, jobId: string, taskName = 'A') =>
  d.instance(jobId, taskName).history.map((s) => `${s.value}@${s.at - T0}`);

describe('BatchState actions', () => {
  describe('submitJob', () => {
    it('stores a SUBMITTED job with one instance per TaskInstanceNum and schedules only its acceptance', () => {
      const d = createBatchDomain();
      const jobId = d.submit([anonymousTask({ TaskInstanceNum: 3 })]);
      const job = d.state.jobs.get(jobId);
      expect(job?.accepted).toBe(false);
      expect(job?.tasks.get('A')?.instances.map((i) => i.state)).toEqual(['SUBMITTED', 'SUBMITTED', 'SUBMITTED']);
      expect(d.scheduler.pendingEvents()).toBe(1);
    });

    it('names an unnamed task Task<position>', () => {
      const d = createBatchDomain();
      const jobId = d.submit([anonymousTask({ TaskName: 'A' }), anonymousTask({ TaskName: undefined })]);
      expect([...(d.state.jobs.get(jobId)?.tasks.keys() ?? [])]).toEqual(['A', 'Task1']);
    });

    it.each([
      ['a duplicate TaskName', [anonymousTask(), anonymousTask()], undefined, 'InvalidParameter.TaskName'],
      [
        'an EnvId that is not declared',
        [namedTask({ EnvId: 'env-unknown' })],
        undefined,
        'ResourceNotFound.ComputeEnv',
      ],
      [
        'a dependence on an unknown task',
        [anonymousTask()],
        [{ StartTask: 'Z', EndTask: 'A' }],
        'InvalidParameterValue.DependenceNotFoundTaskName',
      ],
      [
        'dependences that form a cycle',
        [anonymousTask({ TaskName: 'A' }), anonymousTask({ TaskName: 'B' })],
        [
          { StartTask: 'A', EndTask: 'B' },
          { StartTask: 'B', EndTask: 'A' },
        ],
        'InvalidParameterValue.DependenceUnfeasible',
      ],
    ] as const)('refuses %s and keeps nothing', (_what, tasks, dependences, code) => {
      const d = createBatchDomain();
      const before = structuredClone(d.state.data);
      const outcome = d.state.submitJob(
        {
          Placement: { Zone: 'ap-guangzhou-2' },
          Job: { Tasks: [...tasks], ...(dependences === undefined ? {} : { Dependences: [...dependences] }) },
        },
        d.scheduler.now(),
      );
      expect(outcome).toMatchObject({ ok: false, code });
      expect(d.state.data).toEqual(before);
      expect(d.scheduler.pendingEvents()).toBe(0);
    });
  });

  describe('terminateTaskInstance (doc revision seed, anonymous environment)', () => {
    it.each<[TaskInstanceState, number]>([
      ['SUBMITTED', 0],
      ['PENDING', 1_500],
      ['RUNNABLE', 2_500],
    ])('fails a %s instance at once, and nothing it had scheduled happens later', (state, at) => {
      const d = createBatchDomain();
      const jobId = d.submit([anonymousTask()]);
      d.at(at);
      expect(d.instance(jobId).state).toBe(state);
      expect(terminate(d, jobId)).toEqual({ ok: true, data: {} });
      expect(d.instance(jobId)).toMatchObject({ state: 'FAILED', stateReason: 'Terminated', endAt: T0 + at });
      d.at(200_000);
      expect(states(d, jobId).at(-1)).toBe(`FAILED@${at}`);
      expect(d.state.cvms).toEqual([]);
    });

    it('lets a STARTING instance whose CVM is being created wait for the CVM, then terminates it and fails', () => {
      const d = createBatchDomain();
      const jobId = d.submit([anonymousTask()]);
      d.at(3_500);
      expect(terminate(d, jobId).ok).toBe(true);
      expect(d.instance(jobId)).toMatchObject({ state: 'STARTING', terminating: true });
      d.at(200_000);
      expect(states(d, jobId).slice(3)).toEqual(['STARTING@3000', 'FAILED@33000']);
      expect(d.state.cvms[0]?.history.map((s) => `${s.value}@${s.at - T0}`)).toEqual([
        'creating@3000',
        'running@23000',
        'terminating@23000',
        'terminated@33000',
      ]);
      expect(d.instance(jobId).workloadRuns).toBe(0);
    });

    it('terminates the CVM of a RUNNING instance first, fails it when the CVM is gone, and ignores the workload end', () => {
      const d = createBatchDomain();
      const jobId = d.submit([anonymousTask()]);
      d.at(30_000);
      expect(terminate(d, jobId).ok).toBe(true);
      expect(d.instance(jobId).state).toBe('RUNNING');
      expect(d.state.cvms[0]?.phase).toBe('terminating');
      d.at(200_000);
      expect(states(d, jobId).slice(4)).toEqual(['RUNNING@28000', 'FAILED@40000']);
      expect(d.instance(jobId)).toMatchObject({
        exitCode: null,
        detailedReason: 'terminated by TerminateTaskInstance',
      });
    });

    it('terminates the kept CVM of a FAILED_INTERRUPTED instance and then fails it', () => {
      const d = createBatchDomain();
      const jobId = d.submit([
        anonymousTask({ Application: { DeliveryForm: 'LOCAL', Command: 'exit 1' }, FailedAction: 'INTERRUPT' }),
      ]);
      d.at(29_000);
      expect(d.instance(jobId).state).toBe('FAILED_INTERRUPTED');
      expect(terminate(d, jobId).ok).toBe(true);
      d.at(200_000);
      expect(states(d, jobId).slice(-2)).toEqual(['FAILED_INTERRUPTED@28000', 'FAILED@39000']);
      expect(d.state.cvms[0]?.phase).toBe('terminated');
    });

    it('answers Success for a finished instance and changes nothing', () => {
      const d = createBatchDomain();
      const jobId = d.submit([anonymousTask()]);
      d.at(100_000);
      const before = structuredClone(d.state.data);
      expect(terminate(d, jobId)).toEqual({ ok: true, data: {} });
      expect(d.state.data).toEqual(before);
      expect(d.scheduler.pendingEvents()).toBe(0);
    });

    it('starts one CVM termination however often a termination is repeated while it runs', () => {
      const d = createBatchDomain();
      const jobId = d.submit([anonymousTask()]);
      d.at(30_000);
      terminate(d, jobId);
      d.at(31_000);
      expect(terminate(d, jobId).ok).toBe(true);
      d.at(200_000);
      expect(d.state.cvms[0]?.history.filter((s) => s.value === 'terminating')).toHaveLength(1);
      expect(states(d, jobId).at(-1)).toBe('FAILED@40000');
    });

    it.each([
      ['an unknown job', 'job-unknown0', 'A', 0],
      ['an unknown task', undefined, 'B', 0],
      ['an index past TaskInstanceNum', undefined, 'A', 1],
    ] as const)('returns ResourceNotFound.TaskInstance for %s', (_what, jobId, taskName, index) => {
      const d = createBatchDomain();
      const submitted = d.submit([anonymousTask()]);
      expect(terminate(d, jobId ?? submitted, taskName, index)).toMatchObject({
        ok: false,
        code: 'ResourceNotFound.TaskInstance',
      });
    });
  });

  describe('terminateTaskInstance (named environment)', () => {
    it('refuses under doc revision seed with UnsupportedOperation.TerminateOperationWithEnvId and changes nothing', () => {
      const d = createBatchDomain({ docRevision: 'seed' });
      const jobId = d.submit([namedTask()]);
      d.at(10_000);
      expect(terminate(d, jobId)).toMatchObject({
        ok: false,
        code: 'UnsupportedOperation.TerminateOperationWithEnvId',
      });
      d.at(100_000);
      expect(d.instance(jobId).state).toBe('SUCCEED');
    });

    it('fails a RUNNING instance under doc revision current when its node has restarted', () => {
      const d = createBatchDomain({ docRevision: 'current' });
      const jobId = d.submit([namedTask()]);
      d.at(10_000);
      expect(terminate(d, jobId).ok).toBe(true);
      expect(d.state.cvms[0]?.phase).toBe('restarting');
      d.at(100_000);
      expect(states(d, jobId).slice(-2)).toEqual(['RUNNING@8000', 'FAILED@20000']);
      expect(d.instance(jobId).detailedReason).toBe('terminated by TerminateTaskInstance; node restarted');
      expect(d.state.cvms[0]?.phase).toBe('running');
    });
  });

  describe('terminateJob', () => {
    it('terminates every instance of every task of an accepted job', () => {
      const d = createBatchDomain();
      const jobId = d.submit([anonymousTask({ TaskName: 'A', TaskInstanceNum: 2 }), anonymousTask({ TaskName: 'B' })]);
      d.at(1_500);
      expect(d.state.terminateJob({ JobId: jobId }, d.scheduler.now())).toEqual({ ok: true, data: {} });
      const job = d.state.jobs.get(jobId);
      expect([...(job?.tasks.values() ?? [])].flatMap((t) => t.instances.map((i) => i.state))).toEqual([
        'FAILED',
        'FAILED',
        'FAILED',
      ]);
    });

    it('refuses a SUBMITTED job with UnsupportedOperation and changes nothing', () => {
      const d = createBatchDomain();
      const jobId = d.submit([anonymousTask()]);
      expect(d.state.terminateJob({ JobId: jobId }, d.scheduler.now())).toMatchObject({
        ok: false,
        code: 'UnsupportedOperation',
      });
      expect(d.instance(jobId).state).toBe('SUBMITTED');
    });

    it('refuses a job with a named environment task under seed, SUBMITTED or not, leaving its other tasks alone (D-25)', () => {
      const d = createBatchDomain({ docRevision: 'seed' });
      const jobId = d.submit([anonymousTask({ TaskName: 'A' }), namedTask({ TaskName: 'N' })]);
      const refused = { ok: false, code: 'UnsupportedOperation.TerminateOperationWithEnvId' };
      expect(d.state.terminateJob({ JobId: jobId }, d.scheduler.now())).toMatchObject(refused);
      d.at(1_500);
      expect(d.state.terminateJob({ JobId: jobId }, d.scheduler.now())).toMatchObject(refused);
      expect(d.instance(jobId, 'A').state).toBe('PENDING');
    });

    it('returns ResourceNotFound.Job for an unknown job', () => {
      const d = createBatchDomain();
      expect(d.state.terminateJob({ JobId: 'job-unknown0' }, d.scheduler.now())).toMatchObject({
        ok: false,
        code: 'ResourceNotFound.Job',
      });
    });
  });

  describe('describeJob and describeTask', () => {
    it('describes a job as it is at the time asked', () => {
      const d = createBatchDomain();
      const jobId = d.submit([anonymousTask()]);
      expect(d.state.describeJob({ JobId: jobId })).toMatchObject({
        ok: true,
        data: {
          JobId: jobId,
          JobName: 'test',
          JobState: 'SUBMITTED',
          CreateTime: '2026-01-01T00:00:00Z',
          EndTime: null,
        },
      });
      d.at(100_000);
      expect(d.state.describeJob({ JobId: jobId })).toMatchObject({
        ok: true,
        data: {
          JobState: 'SUCCEED',
          EndTime: '2026-01-01T00:00:58Z',
          TaskSet: [{ TaskName: 'A', TaskState: 'SUCCEED' }],
        },
      });
    });

    it('returns ResourceNotFound.Job for an unknown job', () => {
      expect(createBatchDomain().state.describeJob({ JobId: 'job-unknown0' })).toMatchObject({
        ok: false,
        code: 'ResourceNotFound.Job',
      });
    });

    it('describes a task with its instances, filtered and paged as asked', () => {
      const d = createBatchDomain();
      const jobId = d.submit([anonymousTask({ TaskInstanceNum: 3 })]);
      d.at(1_500);
      terminate(d, jobId, 'A', 1);
      const described = d.state.describeTask({
        JobId: jobId,
        TaskName: 'A',
        Filters: [{ Name: 'task-instance-state', Values: ['PENDING'] }],
        Offset: 1,
        Limit: 5,
      });
      expect(described).toMatchObject({
        ok: true,
        data: {
          TaskState: 'PENDING',
          TaskInstanceTotalCount: 2,
          TaskInstanceSet: [{ TaskInstanceIndex: 2, TaskInstanceState: 'PENDING' }],
        },
      });
    });

    it.each([
      ['an unknown job', 'job-unknown0', 'A'],
      ['an unknown task', undefined, 'B'],
    ] as const)('returns ResourceNotFound.Task for %s', (_what, jobId, taskName) => {
      const d = createBatchDomain();
      const submitted = d.submit([anonymousTask()]);
      expect(d.state.describeTask({ JobId: jobId ?? submitted, TaskName: taskName })).toMatchObject({
        ok: false,
        code: 'ResourceNotFound.Task',
      });
    });
  });
});
