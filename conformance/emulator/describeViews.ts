import { TASK_INSTANCE_STATES, type TaskInstanceState } from '../../generated/transitions.ts';
import type { RequestOf } from '../../generated/actionTypes.ts';
import { aggregateState, taskStateOf } from './aggregateState.ts';
import type { Instance, Job, Task } from './Job.ts';

/** ISO 8601 UTC without fractions, the API's timestamp form (reference §2). */
export function isoTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

const METRIC_FIELDS: Record<TaskInstanceState, string> = {
  SUBMITTED: 'SubmittedCount',
  PENDING: 'PendingCount',
  RUNNABLE: 'RunnableCount',
  STARTING: 'StartingCount',
  RUNNING: 'RunningCount',
  SUCCEED: 'SucceedCount',
  FAILED_INTERRUPTED: 'FailedInterruptedCount',
  FAILED: 'FailedCount',
};

function metrics(states: readonly TaskInstanceState[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of TASK_INSTANCE_STATES) out[METRIC_FIELDS[s]] = 0;
  for (const s of states) out[METRIC_FIELDS[s]] = (out[METRIC_FIELDS[s]] ?? 0) + 1;
  return out;
}

/** Set only when the state the view reports is final, so a view's EndTime never contradicts its state. */
function endTime(state: TaskInstanceState, instances: readonly Instance[]): string | null {
  if (state !== 'SUCCEED' && state !== 'FAILED') return null;
  return isoTime(Math.max(...instances.map((i) => i.endAt ?? 0)));
}

export function describeJobView(job: Job): Record<string, unknown> {
  const tasks = [...job.tasks.values()];
  const taskStates = tasks.map((t) => taskStateOf(job, t));
  const instances = tasks.flatMap((t) => t.instances);
  const jobState = job.accepted ? aggregateState(taskStates) : 'SUBMITTED';
  return {
    JobId: job.id,
    JobName: job.name,
    Zone: job.zone,
    Priority: 0,
    JobState: jobState,
    CreateTime: isoTime(job.createdAt),
    EndTime: endTime(jobState, instances),
    TaskSet: tasks.map((t, i) => ({
      TaskName: t.name,
      TaskState: taskStates[i],
      CreateTime: isoTime(t.createdAt),
      EndTime: endTime(taskStates[i] as TaskInstanceState, t.instances),
    })),
    DependenceSet: job.dependences,
    TaskMetrics: metrics(taskStates),
    TaskInstanceMetrics: metrics(instances.map((i) => i.state)),
    StateReason: '',
    Tags: null,
    NextAction: '',
  };
}

function instanceView(job: Job, task: Task, inst: Instance): Record<string, unknown> {
  const cvm = inst.cvm;
  return {
    TaskInstanceIndex: inst.index,
    TaskInstanceState: inst.state,
    ExitCode: inst.exitCode,
    StateReason: inst.stateReason,
    StateDetailedReason: inst.detailedReason,
    // "Empty if the instance is not running or has finished" (reference §2.3).
    ComputeNodeInstanceId:
      cvm !== undefined && cvm.phase !== 'terminated' && inst.state !== 'SUCCEED' && inst.state !== 'FAILED'
        ? cvm.id
        : null,
    CreateTime: isoTime(inst.createdAt),
    LaunchTime: inst.launchAt === null ? null : isoTime(inst.launchAt),
    RunningTime: inst.runningAt === null ? null : isoTime(inst.runningAt),
    EndTime: inst.endAt === null ? null : isoTime(inst.endAt),
    RedirectInfo: {
      StdoutRedirectPath: '',
      StderrRedirectPath: '',
      StdoutRedirectFileName: `stdout.${job.id}.${task.name}.${inst.index}.log`,
      StderrRedirectFileName: `stderr.${job.id}.${task.name}.${inst.index}.log`,
    },
  };
}

export function describeTaskView(job: Job, task: Task, params: RequestOf<'DescribeTask'>): Record<string, unknown> {
  const states = task.instances.map((i) => i.state);
  const state = taskStateOf(job, task);
  let selected = task.instances;
  for (const filter of params.Filters ?? []) {
    const wanted = new Set<string>(filter.Values);
    selected = selected.filter((i) => wanted.has(i.state));
  }
  const offset = params.Offset ?? 0;
  const limit = params.Limit ?? 100;
  return {
    JobId: job.id,
    TaskName: task.name,
    TaskState: state,
    CreateTime: isoTime(task.createdAt),
    EndTime: endTime(state, task.instances),
    TaskInstanceTotalCount: selected.length,
    TaskInstanceSet: selected.slice(offset, offset + limit).map((i) => instanceView(job, task, i)),
    TaskInstanceMetrics: metrics(states),
  };
}
