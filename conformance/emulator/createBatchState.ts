import type { DocRevision } from '../../generated/transitions.ts';
import type { ErrorCode } from '../../generated/errorCodes.ts';
import type { RequestOf } from '../../generated/actionTypes.ts';
import type { ACTIONS, ActionName } from '../../generated/actions.ts';
import type { Cvm, Job, Task } from './Job.ts';
import type { Timings } from './Timings.ts';
import type { Scheduler } from './createScheduler.ts';
import type { Random } from './createRandom.ts';
import { BatchLifecycle, type BatchData, type BatchEvent } from './BatchLifecycle.ts';
import { parseWorkload } from './parseWorkload.ts';
import { describeJobView, describeTaskView } from './describeViews.ts';

export type Outcome<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string };

/** Every action but SubmitJob, each of which names a job. */
type JobAction = Exclude<ActionName, 'SubmitJob'>;

/** What each action answers for a job that does not exist (and so for a new job a lagging replica has not seen yet). */
export const NOT_FOUND = {
  DescribeJob: { code: 'ResourceNotFound.Job', message: 'The job does not exist.' },
  DescribeTask: { code: 'ResourceNotFound.Task', message: 'The task does not exist.' },
  TerminateJob: { code: 'ResourceNotFound.Job', message: 'The job does not exist.' },
  TerminateTaskInstance: { code: 'ResourceNotFound.TaskInstance', message: 'The task instance does not exist.' },
} as const satisfies { [A in JobAction]: { code: (typeof ACTIONS)[A]['errorCodes'][number]; message: string } };

function notFound(action: JobAction): { ok: false; code: ErrorCode; message: string } {
  return { ok: false, ...NOT_FOUND[action] };
}

export interface BatchStateOptions {
  scheduler: Scheduler<BatchEvent>;
  timings: Timings;
  docRevision: DocRevision;
  /** Named compute environments that exist (declared by flag or control plane). */
  namedEnvs: Set<string>;
  /** Random source for ids, so a seeded emulator is reproducible. */
  random: Random;
  /** A world to carry on from (a restored checkpoint); default: an empty one. */
  data?: BatchData;
}

/**
 * The Batch domain's actions, one method per API action (the model that createEmulator's dispatch maps each request
 * to): each judges a validated request against the domain as it is at the request's time and answers, and an
 * accepted one hands what follows to the lifecycle (BatchLifecycle.ts). A refused request changes nothing.
 */
export class BatchState {
  /** How the domain moves on the clock; the world's scheduler fires its events. */
  readonly lifecycle: BatchLifecycle;
  private readonly namedEnvs: Set<string>;

  constructor(options: BatchStateOptions) {
    this.lifecycle = new BatchLifecycle({
      scheduler: options.scheduler,
      timings: options.timings,
      docRevision: options.docRevision,
      random: options.random,
      data: options.data ?? { jobs: new Map(), cvms: [], seq: 0 },
    });
    this.namedEnvs = options.namedEnvs;
  }

  /** Everything this domain holds; a checkpoint copies it. */
  get data(): BatchData {
    return this.lifecycle.data;
  }

  get jobs(): Map<string, Job> {
    return this.lifecycle.data.jobs;
  }

  get cvms(): Cvm[] {
    return this.lifecycle.data.cvms;
  }

  submitJob(params: RequestOf<'SubmitJob'>, at: number): Outcome<{ JobId: string }> {
    const { lifecycle } = this;
    const tasks = new Map<string, Task>();
    const counts = new Map<string, number>();
    for (const [position, t] of params.Job.Tasks.entries()) {
      const name = t.TaskName ?? `Task${position}`;
      if (tasks.has(name)) return fail('InvalidParameter.TaskName', `Duplicate TaskName ${name}.`);
      if (t.EnvId !== undefined && !this.namedEnvs.has(t.EnvId)) {
        return fail('ResourceNotFound.ComputeEnv', `Compute environment ${t.EnvId} does not exist.`);
      }
      counts.set(name, t.TaskInstanceNum ?? 1);
      tasks.set(name, {
        name,
        env: t.EnvId === undefined ? { kind: 'anonymous' } : { kind: 'named', envId: t.EnvId },
        workload: parseWorkload(t.Application.Command),
        failedAction: t.FailedAction ?? 'TERMINATE',
        maxRetryCount: t.MaxRetryCount ?? 0,
        timeoutMs: (t.Timeout ?? 86_400) * 1000,
        createdAt: at,
        after: [],
        // Filled once the request is accepted: a new instance takes a number from the domain's sequence.
        instances: [],
      });
    }
    const dependences = params.Job.Dependences ?? [];
    for (const d of dependences) {
      const end = tasks.get(d.EndTask);
      if (!tasks.has(d.StartTask) || end === undefined) {
        return fail('InvalidParameterValue.DependenceNotFoundTaskName', 'A dependence names an unknown task.');
      }
      end.after.push(d.StartTask);
    }
    if (hasCycle(tasks)) return fail('InvalidParameterValue.DependenceUnfeasible', 'The dependences form a cycle.');
    for (const [name, task] of tasks) {
      task.instances = Array.from({ length: counts.get(name) ?? 1 }, (_, index) => lifecycle.newInstance(index, at));
    }
    const job: Job = {
      id: lifecycle.newId('job', (id) => lifecycle.data.jobs.has(id)),
      name: params.Job.JobName ?? '',
      zone: params.Placement.Zone,
      createdAt: at,
      accepted: false,
      tasks,
      dependences,
    };
    lifecycle.admit(job, at);
    return { ok: true, data: { JobId: job.id } };
  }

  terminateTaskInstance(
    params: { JobId: string; TaskName: string; TaskInstanceIndex: number },
    at: number,
  ): Outcome<Record<string, never>> {
    const job = this.jobs.get(params.JobId);
    const task = job?.tasks.get(params.TaskName);
    const inst = task?.instances[params.TaskInstanceIndex];
    // Why one code for an unknown job, task or index: only ResourceNotFound.TaskInstance is documented (reference §6.3).
    if (job === undefined || task === undefined || inst === undefined) {
      return notFound('TerminateTaskInstance');
    }
    const { response } = this.lifecycle.outcomeFor(task, inst);
    if (response !== 'Success')
      return fail(response, 'Not supported for task instances of a named compute environment.');
    this.lifecycle.applyTermination(job, task, inst, at);
    return { ok: true, data: {} };
  }

  /** "Equivalent to running TerminateTaskInstance on every task instance of the job." All or nothing. */
  terminateJob(params: { JobId: string }, at: number): Outcome<Record<string, never>> {
    const job = this.jobs.get(params.JobId);
    if (job === undefined) return notFound('TerminateJob');
    // Why the named-environment rule first: the seed's "TerminateJob operations are not supported" has no exception
    // for a SUBMITTED job (decision D-25).
    for (const task of job.tasks.values()) {
      for (const inst of task.instances) {
        const { response } = this.lifecycle.outcomeFor(task, inst);
        if (response !== 'Success') return fail(response, 'Not supported for jobs in a named compute environment.');
      }
    }
    if (!job.accepted) return fail('UnsupportedOperation', 'A SUBMITTED job cannot be terminated.');
    for (const task of job.tasks.values())
      for (const inst of task.instances) this.lifecycle.applyTermination(job, task, inst, at);
    return { ok: true, data: {} };
  }

  describeJob(params: RequestOf<'DescribeJob'>): Outcome<Record<string, unknown>> {
    const job = this.jobs.get(params.JobId);
    return job === undefined ? notFound('DescribeJob') : ok(describeJobView(job));
  }

  describeTask(params: RequestOf<'DescribeTask'>): Outcome<Record<string, unknown>> {
    const job = this.jobs.get(params.JobId);
    const task = job?.tasks.get(params.TaskName);
    // Why ResourceNotFound.Task for an unknown job too: it is the only code documented (reference §6.3).
    return job === undefined || task === undefined ? notFound('DescribeTask') : ok(describeTaskView(job, task, params));
  }
}

/** The domain of one world. */
export function createBatchState(options: BatchStateOptions): BatchState {
  return new BatchState(options);
}

function ok<T>(data: T): { ok: true; data: T } {
  return { ok: true, data };
}

function fail(code: ErrorCode, message: string): { ok: false; code: ErrorCode; message: string } {
  return { ok: false, code, message };
}

function hasCycle(tasks: Map<string, Task>): boolean {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): boolean => {
    const s = state.get(name);
    if (s === 'done') return false;
    if (s === 'visiting') return true;
    state.set(name, 'visiting');
    const cyclic = (tasks.get(name)?.after ?? []).some(visit);
    state.set(name, 'done');
    return cyclic;
  };
  return [...tasks.keys()].some(visit);
}
