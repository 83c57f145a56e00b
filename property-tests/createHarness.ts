import { ANONYMOUS_COMPUTE_ENV } from '../conformance/client/anonymousComputeEnv.ts';
import type { ActionName } from '../generated/actions.ts';
import type { RequestOf } from '../generated/actionTypes.ts';
import type { DocRevision, TaskInstanceState } from '../generated/transitions.ts';
import type { CallResult } from '../conformance/client/CallResult.ts';
import type { RawCall, Target } from '../conformance/client/createTarget.ts';
import type { EmulatorSnapshot } from '../conformance/control/controlPlane.ts';
import type { Capability } from './Capability.ts';
import { createCoverage } from './createCoverage.ts';
import { createLiveSafetyGuard } from './createLiveSafetyGuard.ts';
import type { HarnessRuntime, InstanceView, RunLog, TaskSpec } from './Harness.ts';
import { describeRef, type InstanceRef } from './InstanceRef.ts';
import { outcomeOf } from './outcomeOf.ts';
import { RunSkipped, Violation } from './Violation.ts';

export const LONG_SLEEP = 'sleep 86400';

export interface HarnessOptions {
  target: Target;
  /** The same target without pacing, for the calls TTI-09 fires in bursts on purpose; default `target`. */
  burstTarget?: Target;
  docRevision: DocRevision;
  capabilities: ReadonlySet<Capability>;
  /** A named compute environment the run may submit to (TTI-06). */
  namedEnvId?: string;
  /** A tag put into the JobName of every job the run creates, so people can recognise them. */
  jobTag?: string;
  /** At most this many SubmitJob calls in the whole session (live-stateful `--max-jobs`). */
  maxJobs?: number;
}

/** How time passes and what can be seen besides the API: the one thing the emulated and live harnesses differ in. */
export interface HarnessWorld {
  step(): Promise<boolean>;
  wait(seconds: number): Promise<void>;
  snapshot(jobId: string): Promise<EmulatorSnapshot | undefined>;
  /** Prepares the target for one property run (a fresh emulator world, say). */
  beginRun(rateLimits: Record<string, number> | undefined): Promise<void>;
  /** Live targets: terminate calls go through the live-safety guard (createLiveSafetyGuard). */
  guardsForeignJobs: boolean;
}

/**
 * The Harness both implementations share: calls through the target, the run's log, coverage and job bookkeeping.
 * Use createEmulatedHarness or createLiveHarness.
 */
export function createHarness(options: HarnessOptions, world: HarnessWorld): HarnessRuntime {
  const { target } = options;
  let log: RunLog = { exchanges: [], notes: [] };
  let requests = 0;
  let skipped: string | undefined;
  const unobservable = new Set<string>();
  /** Jobs this session created (only these may be terminated without proof that they do not exist). */
  const created = new Set<string>();
  const coverage = createCoverage();
  const isOwnJob = (jobId: string): boolean => created.has(jobId);

  function record<A extends string>(action: string, params: unknown, result: CallResult<A>): CallResult<A> {
    requests++;
    log.exchanges.push(result.exchange);
    coverage.observe(action, params, result);
    return result;
  }

  const guard = world.guardsForeignJobs
    ? createLiveSafetyGuard({
        isOwnJob,
        describeJob: async (jobId) =>
          record('DescribeJob', { JobId: jobId }, await target.DescribeJob({ JobId: jobId })),
      })
    : () => Promise.resolve();

  async function call<A extends ActionName>(action: A, request: RequestOf<A>): Promise<CallResult<A>> {
    await guard(action, request);
    return record(action, request, await target.call(action, request));
  }

  /** A call that must succeed for the scenario to continue; anything else is itself a violation of the API. */
  async function must<A extends ActionName>(action: A, request: RequestOf<A>) {
    const result = await call(action, request);
    if (result.kind === 'success') return result.data;
    const detail = result.kind === 'error' ? ` (${result.message})` : '';
    throw new Violation(`${action} failed: ${outcomeOf(result)}${detail}`);
  }

  async function instances(jobId: string, taskName: string): Promise<InstanceView[]> {
    const data = await must('DescribeTask', { JobId: jobId, TaskName: taskName, Limit: 1000 });
    return [...(data.TaskInstanceSet as InstanceView[])].sort((a, b) => a.TaskInstanceIndex - b.TaskInstanceIndex);
  }

  async function stateOf(ref: InstanceRef): Promise<TaskInstanceState> {
    const found = (await instances(ref.jobId, ref.taskName)).find((i) => i.TaskInstanceIndex === ref.index);
    if (found === undefined) throw new Violation(`DescribeTask does not list instance ${describeRef(ref)}`);
    return found.TaskInstanceState;
  }

  return {
    docRevision: options.docRevision,
    capabilities: options.capabilities,
    call,
    async raw<A extends string>(rawCall: RawCall<A>): Promise<CallResult<A>> {
      await guard(rawCall.action, rawCall.params);
      return record(rawCall.action, rawCall.params, await target.raw(rawCall));
    },
    async burst<A extends ActionName>(action: A, batch: readonly RequestOf<A>[]): Promise<CallResult<A>[]> {
      const unpaced = options.burstTarget ?? target;
      for (const r of batch) await guard(action, r);
      const results = await Promise.all(batch.map((r) => unpaced.call(action, r)));
      return results.map((result, i) => record(action, batch[i], result));
    },
    async submit(tasks: TaskSpec[], dependences: { StartTask: string; EndTask: string }[] = []): Promise<string> {
      if (options.maxJobs !== undefined && created.size >= options.maxJobs) {
        throw new RunSkipped(`the job budget (--max-jobs ${options.maxJobs}) is spent`);
      }
      const data = await must('SubmitJob', {
        Placement: { Zone: 'ap-guangzhou-2' },
        Job: {
          JobName: options.jobTag ?? 'tbc-conformance',
          Tasks: tasks.map((t) => ({
            TaskName: t.name,
            TaskInstanceNum: t.count ?? 1,
            Application: { DeliveryForm: 'LOCAL' as const, Command: t.command },
            ...(t.env === 'named' ? { EnvId: options.namedEnvId ?? '' } : { ComputeEnv: ANONYMOUS_COMPUTE_ENV }),
            ...t.extra,
          })),
          ...(dependences.length > 0 ? { Dependences: dependences } : {}),
        },
      });
      created.add(data.JobId);
      coverage.noteJob(data.JobId, tasks[0]?.env ?? 'anonymous');
      return data.JobId;
    },
    instances,
    stateOf,
    step: () => world.step(),
    wait: (seconds) => world.wait(seconds),
    snapshot: (jobId) => world.snapshot(jobId),
    note(text) {
      log.notes.push(text);
    },
    skipRun(reason) {
      skipped = reason;
      log.notes.push(`not observed: ${reason}`);
    },
    cannotObserve(fact) {
      unobservable.add(fact);
    },

    async beginRun(rateLimits) {
      log = { exchanges: [], notes: [] };
      skipped = undefined;
      await world.beginRun(rateLimits);
    },
    runSkipped: () => skipped,
    takeUnobservable() {
      const facts = [...unobservable];
      unobservable.clear();
      return facts;
    },
    takeLog: () => log,
    requestCount: () => requests,
    createdJobs: () => [...created],
    coverage: () => coverage.coverage,
  };
}
