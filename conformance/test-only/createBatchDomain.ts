// Test support: one world's Batch domain on a virtual clock, wired as createWorld wires it, to drive the model
// (createBatchState.ts, BatchLifecycle.ts) directly, without requests.
import type { RequestOf } from '../../generated/actionTypes.ts';
import type { DocRevision } from '../../generated/transitions.ts';
import { ANONYMOUS_COMPUTE_ENV } from '../client/anonymousComputeEnv.ts';
import type { BatchEvent } from '../emulator/BatchLifecycle.ts';
import { createBatchState, type BatchState } from '../emulator/createBatchState.ts';
import { createRandom } from '../emulator/createRandom.ts';
import { createScheduler, type Scheduler } from '../emulator/createScheduler.ts';
import type { Instance } from '../emulator/Job.ts';
import { DEFAULT_TIMINGS } from '../emulator/Timings.ts';

/** When the domain's clock starts (2026-01-01T00:00:00Z), so view timestamps read plainly. */
export const T0 = Date.UTC(2026, 0, 1);

export type TaskSpec = RequestOf<'SubmitJob'>['Job']['Tasks'][number];

export interface BatchDomain {
  state: BatchState;
  scheduler: Scheduler<BatchEvent>;
  /** Moves the clock to `T0 + ms`, firing every event due on the way. */
  at(ms: number): void;
  /** SubmitJob now; throws unless it succeeds. */
  submit(tasks: TaskSpec[], dependences?: { StartTask: string; EndTask: string }[]): string;
  instance(jobId: string, taskName?: string, index?: number): Instance;
}

/** A task on an anonymous compute environment, `sleep 30` unless told otherwise. */
export function anonymousTask(overrides: Partial<TaskSpec> = {}): TaskSpec {
  return {
    TaskName: 'A',
    Application: { DeliveryForm: 'LOCAL', Command: 'sleep 30' },
    ComputeEnv: ANONYMOUS_COMPUTE_ENV,
    ...overrides,
  } as TaskSpec;
}

/** A task on the named environment `env-named` (declare it with `namedEnvs`). */
export function namedTask(overrides: Partial<TaskSpec> = {}): TaskSpec {
  return {
    TaskName: 'A',
    Application: { DeliveryForm: 'LOCAL', Command: 'sleep 30' },
    EnvId: 'env-named',
    ...overrides,
  } as TaskSpec;
}

export function createBatchDomain(
  options: { docRevision?: DocRevision; namedEnvs?: string[]; seed?: number } = {},
): BatchDomain {
  const holder: { state?: BatchState } = {};
  const scheduler = createScheduler<BatchEvent>({
    kind: 'virtual',
    wallClock: () => T0,
    fire: (event, at) => {
      holder.state?.lifecycle.fire(event, at);
    },
  });
  const state = createBatchState({
    scheduler,
    timings: DEFAULT_TIMINGS,
    docRevision: options.docRevision ?? 'seed',
    namedEnvs: new Set(options.namedEnvs ?? ['env-named']),
    random: createRandom(options.seed ?? 1),
  });
  holder.state = state;
  return {
    state,
    scheduler,
    at(ms) {
      const wait = T0 + ms - scheduler.now();
      if (wait < 0) throw new Error(`the clock is already past T0 + ${ms} ms`);
      scheduler.advanceBy(wait);
    },
    submit(tasks, dependences) {
      const submitted = state.submitJob(
        {
          Placement: { Zone: 'ap-guangzhou-2' },
          Job: { JobName: 'test', Tasks: tasks, ...(dependences === undefined ? {} : { Dependences: dependences }) },
        },
        scheduler.now(),
      );
      if (!submitted.ok) throw new Error(`SubmitJob failed: ${submitted.code} ${submitted.message}`);
      return submitted.data.JobId;
    },
    instance(jobId, taskName = 'A', index = 0) {
      const found = state.jobs.get(jobId)?.tasks.get(taskName)?.instances[index];
      if (found === undefined) throw new Error(`no instance ${jobId}/${taskName}/${index}`);
      return found;
    },
  };
}
