import { NOT_FOUND } from '../../emulator/createBatchState.ts';
import { pageTaskView } from '../../emulator/readsLagWrites.ts';
import type { RequestOf } from '../../../generated/actionTypes.ts';
import type { SuccessData } from '../../client/CallResult.ts';
import type { ApiClient } from '../../client/createApiClient.ts';
import { errorAnswer, type Behaviour, type LiveAnswer } from './LiveRequest.ts';

/** DescribeTask's maximum `Limit` (DescribeTask.yaml): the page size when the replica reads a whole task. */
const TASK_PAGE = 1000;

type TaskView = SuccessData<'DescribeTask'>;
type TerminateAction = 'TerminateTaskInstance' | 'TerminateJob';

export interface LaggingReplicaOptions {
  /** Reads the service's own (up-to-date) state: DescribeJob and DescribeTask of the wrapped emulator. */
  read: Pick<ApiClient, 'DescribeJob' | 'DescribeTask'>;
  wallClock: () => number;
  /**
   * Wall ms after an accepted TerminateTaskInstance or TerminateJob during which DescribeTask answers for the affected
   * task(s) as they were just before it (states, metrics and filters all from that moment); 0: at once.
   */
  afterTerminationMs: number;
  /**
   * Wall ms after SubmitJob answered during which the new job is not found: DescribeJob, DescribeTask,
   * TerminateTaskInstance and TerminateJob naming it answer ResourceNotFound (.Job, .Task, .TaskInstance) as for a
   * job that does not exist; 0: found at once.
   */
  afterSubmitMs: number;
}

const taskKey = (jobId: string, taskName: string): string => `${jobId}\u0000${taskName}`;

/**
 * Eventual consistency, as many cloud control planes have it (reads are served by a replica that lags the writes): a
 * new job is not found for `afterSubmitMs`, and a task just terminated is shown as it was for `afterTerminationMs`.
 */
export function laggingReplica(options: LaggingReplicaOptions): Behaviour {
  const { read, wallClock } = options;
  /** Task views as they were before an accepted termination, by `JobId \0 TaskName`, served until `until`. */
  const stale = new Map<string, { view: TaskView; until: number }>();
  /** When each new job becomes visible to reads. */
  const visibleAt = new Map<string, number>();

  /** A whole task as DescribeTask shows it now (every page), or undefined when it cannot be read. */
  async function readTask(jobId: string, taskName: string): Promise<TaskView | undefined> {
    const instances: TaskView['TaskInstanceSet'] = [];
    for (;;) {
      const result = await read.DescribeTask({
        JobId: jobId,
        TaskName: taskName,
        Offset: instances.length,
        Limit: TASK_PAGE,
      });
      if (result.kind !== 'success') return undefined;
      instances.push(...result.data.TaskInstanceSet);
      if (result.data.TaskInstanceSet.length === 0 || instances.length >= result.data.TaskInstanceTotalCount) {
        return { ...result.data, TaskInstanceSet: instances };
      }
    }
  }

  /** The views of the tasks a termination touches, read just before it is forwarded. */
  async function tasksBefore(action: TerminateAction, params: unknown): Promise<Map<string, TaskView>> {
    const { JobId } = params as RequestOf<TerminateAction>;
    let names: string[];
    if (action === 'TerminateTaskInstance') {
      names = [(params as RequestOf<'TerminateTaskInstance'>).TaskName];
    } else {
      const job = await read.DescribeJob({ JobId });
      names = job.kind === 'success' ? job.data.TaskSet.map((t) => t.TaskName) : [];
    }
    const views = new Map<string, TaskView>();
    for (const name of names) {
      const view = await readTask(JobId, name);
      if (view !== undefined) views.set(taskKey(JobId, name), view);
    }
    return views;
  }

  return async (request, next): Promise<LiveAnswer> => {
    const { call } = request;
    const params = call?.reading.outcome.ok === true ? call.reading.outcome.params : undefined;
    if (call === undefined || params === undefined) return next();
    const { action, jobId } = call;
    if (action !== 'SubmitJob' && jobId !== undefined && (visibleAt.get(jobId) ?? 0) > wallClock()) {
      return errorAnswer(NOT_FOUND[action].code);
    }
    const terminating = action === 'TerminateTaskInstance' || action === 'TerminateJob';
    const before = terminating ? await tasksBefore(action, params) : undefined;
    const answer = await next();
    if (answer.response['Error'] !== undefined) return answer;
    const now = wallClock();
    const created = answer.response['JobId'];
    if (action === 'SubmitJob' && typeof created === 'string' && options.afterSubmitMs > 0) {
      visibleAt.set(created, now + options.afterSubmitMs);
    }
    for (const [key, view] of before ?? []) {
      // A later termination within the window keeps the first picture: the replica has not caught up yet.
      if ((stale.get(key)?.until ?? 0) <= now && options.afterTerminationMs > 0) {
        stale.set(key, { view, until: now + options.afterTerminationMs });
      }
    }
    if (action !== 'DescribeTask') return answer;
    const describe = params as RequestOf<'DescribeTask'>;
    const lagging = stale.get(taskKey(describe.JobId, describe.TaskName));
    if (lagging === undefined || lagging.until <= now) return answer;
    return {
      ...answer,
      response: { ...pageTaskView(lagging.view, describe), RequestId: answer.response['RequestId'] },
    };
  };
}
