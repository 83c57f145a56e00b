import type { ActionName } from '../../generated/actions.ts';
import type { RequestOf } from '../../generated/actionTypes.ts';
import { NOT_FOUND, type BatchState, type Outcome } from './createBatchState.ts';
import type { World } from './createWorld.ts';
import { describeTaskView } from './describeViews.ts';

/** A DescribeTask view with every instance of the task (no filter, no page). */
export type WholeTaskView = Record<string, unknown> & { TaskInstanceSet: readonly { TaskInstanceState: string }[] };

/** The instances a DescribeTask request selects from a whole task's view, the way the API filters and pages them. */
export function pageTaskView(view: WholeTaskView, params: RequestOf<'DescribeTask'>): Record<string, unknown> {
  let selected = view.TaskInstanceSet;
  for (const filter of params.Filters ?? []) {
    const wanted = new Set<string>(filter.Values);
    selected = selected.filter((i) => wanted.has(i.TaskInstanceState));
  }
  const offset = params.Offset ?? 0;
  return {
    ...view,
    TaskInstanceTotalCount: selected.length,
    TaskInstanceSet: selected.slice(offset, offset + (params.Limit ?? 100)),
  };
}

/** What a lagging world remembers: when new jobs become visible, and task views from before a termination. */
interface Lag {
  visibleAt: Map<string, number>;
  stale: Map<string, { view: WholeTaskView; until: number }>;
}

// Keyed by the world's Batch domain: a reset or a restore replaces it, and what its reads lagged is forgotten with it.
const lags = new WeakMap<BatchState, Lag>();

const taskKey = (jobId: string, taskName: string): string => `${jobId}\u0000${taskName}`;

/** Every task a termination touches, as DescribeTask would show it whole just before. */
function viewsBefore(state: BatchState, action: 'TerminateTaskInstance' | 'TerminateJob', params: unknown) {
  const { JobId } = params as RequestOf<'TerminateJob'>;
  const job = state.jobs.get(JobId);
  const views = new Map<string, WholeTaskView>();
  if (job === undefined) return views;
  const names =
    action === 'TerminateJob' ? [...job.tasks.keys()] : [(params as RequestOf<'TerminateTaskInstance'>).TaskName];
  for (const name of names) {
    const task = job.tasks.get(name);
    if (task === undefined) continue;
    const whole = { JobId, TaskName: name, Limit: task.instances.length };
    views.set(taskKey(JobId, name), describeTaskView(job, task, whole) as WholeTaskView);
  }
  return views;
}

/**
 * Runs an action (`act`) in a world whose reads may lag its writes (`world.config.eventualConsistency`, the control
 * plane's EventualConsistency): a new job is not found for `newJobMs` after SubmitJob, and DescribeTask shows a task
 * as it was before an accepted termination for `terminationMs`. A consistent world (the default) just acts.
 */
export function readsLagWrites(
  world: World,
  action: ActionName,
  params: unknown,
  at: number,
  act: () => Outcome<Record<string, unknown>>,
): Outcome<Record<string, unknown>> {
  const { newJobMs, terminationMs } = world.config.eventualConsistency;
  if (newJobMs <= 0 && terminationMs <= 0) return act();
  const lag: Lag = lags.get(world.state) ?? { visibleAt: new Map(), stale: new Map() };
  lags.set(world.state, lag);
  const jobId = (params as { JobId?: unknown }).JobId;
  if (action !== 'SubmitJob' && typeof jobId === 'string' && (lag.visibleAt.get(jobId) ?? 0) > at) {
    return { ok: false, ...NOT_FOUND[action] };
  }
  const terminating = action === 'TerminateTaskInstance' || action === 'TerminateJob';
  const before = terminating && terminationMs > 0 ? viewsBefore(world.state, action, params) : undefined;
  const outcome = act();
  if (!outcome.ok) return outcome;
  const created = outcome.data['JobId'];
  if (action === 'SubmitJob' && typeof created === 'string' && newJobMs > 0) lag.visibleAt.set(created, at + newJobMs);
  for (const [key, view] of before ?? []) {
    // A later termination within the window keeps the first picture: the replica has not caught up yet.
    if ((lag.stale.get(key)?.until ?? 0) <= at) lag.stale.set(key, { view, until: at + terminationMs });
  }
  if (action !== 'DescribeTask') return outcome;
  const describe = params as RequestOf<'DescribeTask'>;
  const stale = lag.stale.get(taskKey(describe.JobId, describe.TaskName));
  if (stale === undefined || stale.until <= at) return outcome;
  return { ok: true, data: pageTaskView(stale.view, describe) };
}
