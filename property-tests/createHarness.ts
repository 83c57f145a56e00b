import { ANONYMOUS_COMPUTE_ENV } from '../conformance/client/anonymousComputeEnv.ts';
import type { ActionName } from '../generated/actions.ts';
import type { RequestOf } from '../generated/actionTypes.ts';
import type { DocRevision, EnvKind, TaskInstanceState } from '../generated/transitions.ts';
import type { CallResult } from '../conformance/client/CallResult.ts';
import type { RawCall, ApiClient } from '../conformance/client/createApiClient.ts';
import type { EmulatorSnapshot } from '../conformance/control/controlPlane.ts';
import type { Capability } from './Capability.ts';
import { createCoverage } from './createCoverage.ts';
import { createLiveSafetyGuard } from './createLiveSafetyGuard.ts';
import type {
  HarnessRuntime,
  InstanceView,
  Observation,
  ProvidedJob,
  ProvideRequest,
  RunLog,
  RunStatus,
  TaskSpec,
} from './Harness.ts';
import { createJobPool } from './createJobPool.ts';
import { createPatience } from './createPatience.ts';
import { planForEveryInvariant, type SharedJobsPlan } from './planSharedJobs.ts';
import { LONG_SLEEP } from './Workload.ts';
import { describeRef, type InstanceRef } from './InstanceRef.ts';
import { outcomeOf } from './outcomeOf.ts';
import { ENVELOPE_OWNER, LISTING_OWNER } from './owners.ts';
import { Blocked, RunSkipped, Violation } from './Violation.ts';
import { TC3_POST, type WireForm } from './coverage/WireForm.ts';
import { DEFAULT_ZONE } from '../generated/regions.ts';

/** A typed call in a wire form: the typed call itself for TC3 POST JSON, the same parameters raw for any other. */
function send<A extends ActionName>(
  client: ApiClient,
  action: A,
  request: RequestOf<A>,
  form: WireForm = TC3_POST,
): Promise<CallResult<A>> {
  if (form === TC3_POST) return client.call(action, request);
  return client.raw({ action, params: request, scheme: form.scheme, method: form.method });
}

export interface HarnessOptions {
  /** The kit's client of the target: every call an invariant makes goes through it. */
  client: ApiClient;
  /** The same client without pacing, for the calls TTI-09 fires in bursts on purpose; default `client`. */
  burstClient?: ApiClient;
  docRevision: DocRevision;
  /** SubmitJob's Placement.Zone for every job the session creates; default `DEFAULT_ZONE` (decision D-35). */
  zone?: string;
  capabilities: ReadonlySet<Capability>;
  /** A named compute environment the run may submit to (TTI-06). */
  namedEnvId?: string;
  /** A tag put into the JobName of every job the run creates, so people can recognise them. */
  jobTag?: string;
  /** At most this many SubmitJob calls in the whole session (live-stateful `--max-jobs`). */
  maxJobs?: number;
  /** At most this many instances (CVMs) in all the jobs of the session (live-stateful `--max-instances`). */
  maxInstances?: number;
  /** Where jobs are shared (a live target): the run's shared jobs (planSharedJobs); default one run of everything. */
  sharedJobs?: SharedJobsPlan;
  /**
   * How long (ms) the run's own new jobs may be "not found", and reads may lag its terminations, before an answer is
   * taken at its word (createPatience); default 0: none.
   */
  consistencyGraceMs?: number;
  /** Told about every job before and after it is submitted, so an interrupted run's jobs can be found (the ledger). */
  jobEvents?: JobEvents;
  /** Aborted (SIGINT, SIGTERM): no more jobs are submitted. */
  signal?: AbortSignal;
  /**
   * Kit decisions are enforced as failures (a tbc emulator implements them, or the user asked for --strict); otherwise
   * a target that differs from a decision is recorded as an observation.
   */
  strict: boolean;
}

/**
 * The run's job ledger, as the harness sees it: `submitting` is called (and must have recorded the intent) before a
 * SubmitJob goes out; the function it returns is called with the JobId, or undefined, once the answer is in.
 */
export interface JobEvents {
  submitting(jobName: string, job?: { instances: number; env: EnvKind }): (jobId: string | undefined) => void;
}

/** How time passes and what can be seen besides the API: the one thing the emulated and live harnesses differ in. */
export interface HarnessBackend {
  step(): Promise<boolean>;
  wait(seconds: number): Promise<void>;
  snapshot(jobId: string): Promise<EmulatorSnapshot | undefined>;
  /** Prepares the target for one property run (a fresh emulator world, say). */
  beginRun(rateLimits: Record<string, number> | undefined): Promise<void>;
  /** Live targets: terminate calls go through the live-safety guard (createLiveSafetyGuard). */
  guardsForeignJobs: boolean;
  /** Live targets with a job budget: scenarios share the run's jobs (createJobPool) instead of submitting their own. */
  sharesJobs: boolean;
  /** Each run starts in a world of its own (an emulator's reset tenant): nothing of an earlier run's jobs is there. */
  freshWorldPerRun: boolean;
  /**
   * An emulator: saves the world a fresh run's set-up left under a key (Harness.reuse), puts it back (false when
   * nothing is saved under the key), and frees what it saved.
   */
  saved?: { restore(key: string): Promise<boolean>; save(key: string): Promise<void>; dispose(): Promise<void> };
  /** Lets `ms` pass outside any run's waits (patience with a lagging target); default `wait`. */
  pause?(ms: number): Promise<void>;
}

/**
 * The Harness both implementations share: calls through the target, the run's log, coverage and job bookkeeping.
 * Use createEmulatedHarness or createLiveHarness.
 */
export function createHarness(options: HarnessOptions, world: HarnessBackend): HarnessRuntime {
  const { client } = options;
  let log: RunLog = { exchanges: [], notes: [] };
  let requests = 0;
  let status: RunStatus = { checks: 0, checked: new Map() };
  let seesBrokenAnswers = false;
  // Nothing has happened in this run yet: a saved world may still replace it (Harness.reuse).
  let pristine = false;
  const reused = new Map<string, unknown>();
  const observations = new Map<string, Observation>();
  const unobservable = new Set<string>();
  /** Jobs this session created (only these may be terminated without proof that they do not exist). */
  const created = new Set<string>();
  let submitted = 0;
  let instancesSubmitted = 0;
  const coverage = createCoverage();
  const isOwnJob = (jobId: string): boolean => created.has(jobId);

  function record<A extends string>(action: string, params: unknown, result: CallResult<A>): CallResult<A> {
    requests++;
    pristine = false;
    log.exchanges.push(result.exchange);
    coverage.observe(action, params, result);
    safety?.noteCall(action, params, result);
    // An answer that could not be read may still have been acted on.
    pool.noteCall(action, params, result.kind !== 'error');
    if (result.kind === 'success') patience?.terminated(action, params);
    // One fault, one finding: an answer nobody can read, or none at all, is the envelope owner's to report. Any other
    // invariant cannot judge the call it made, so its run is blocked (a target that stopped answering blocks them all).
    if (!seesBrokenAnswers && (result.kind === 'unreadable' || result.kind === 'transport')) {
      throw new Blocked(`${action} got ${outcomeOf(result)}`, ENVELOPE_OWNER);
    }
    return result;
  }

  const safety = world.guardsForeignJobs
    ? createLiveSafetyGuard({
        isOwnJob,
        describeJob: async (jobId) => {
          const request = { action: 'DescribeJob', params: { JobId: jobId } };
          return record('DescribeJob', request.params, await client.raw(request));
        },
      })
    : undefined;
  const guard = (action: string, params: unknown): Promise<void> =>
    safety === undefined ? Promise.resolve() : safety.check(action, params);

  async function call<A extends ActionName>(action: A, request: RequestOf<A>, form?: WireForm): Promise<CallResult<A>> {
    await guard(action, request);
    const attempt = async (): Promise<CallResult<A>> =>
      record(action, request, await send(client, action, request, form));
    const result = await attempt();
    return patience === undefined ? result : patience.afterCall(action, request, result, attempt);
  }

  const grace = options.consistencyGraceMs ?? 0;
  const patience =
    grace > 0
      ? createPatience({
          graceMs: grace,
          docRevision: options.docRevision,
          describeJob: async (jobId) => {
            const params = { JobId: jobId };
            return record('DescribeJob', params, await client.call('DescribeJob', params));
          },
          pause: (ms) => (world.pause === undefined ? world.wait(ms / 1000) : world.pause(ms)),
        })
      : undefined;

  /**
   * A supporting call that must succeed for the scenario to continue. Anything else blocks the run (Blocked): it is
   * not this invariant's fact. An answer that cannot be read, an undocumented code or no answer at all are the
   * envelope's owner's to report; a documented refusal (a quota, say) belongs to no invariant.
   */
  async function must<A extends ActionName>(action: A, request: RequestOf<A>) {
    const result = await call(action, request);
    if (result.kind === 'success') return result.data;
    const documented = result.kind === 'error' && !result.breaks.some((b) => b.fact === 'error-code');
    throw new Blocked(`${action} answered ${outcomeOf(result)}`, documented ? undefined : ENVELOPE_OWNER);
  }

  function submitRequest(tasks: TaskSpec[], dependences: { StartTask: string; EndTask: string }[]) {
    return {
      Placement: { Zone: options.zone ?? DEFAULT_ZONE },
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
    };
  }

  /** `shared`: one of the pool's jobs, planned for; any other job must leave room for those still to come. */
  async function trySubmit(
    tasks: TaskSpec[],
    dependences: { StartTask: string; EndTask: string }[] = [],
    shared = false,
  ) {
    if (options.signal?.aborted === true) throw new RunSkipped('the run was interrupted');
    // Attempts count, not successes: an answer that cannot be read may still have created a job.
    const reserved = shared ? undefined : sharedJobs;
    const jobsToCome = reserved === undefined ? 0 : reserved.jobs.length - pool.jobsCreated();
    if (options.maxJobs !== undefined && submitted + jobsToCome >= options.maxJobs) {
      throw new RunSkipped(`the job budget (--max-jobs ${options.maxJobs}) is spent`);
    }
    const instances = tasks.reduce((sum, t) => sum + (t.count ?? 1), 0);
    const instancesToCome = reserved === undefined ? 0 : pool.instancesToCome();
    if (options.maxInstances !== undefined && instancesSubmitted + instancesToCome + instances > options.maxInstances) {
      throw new RunSkipped(`the machine budget (--max-instances ${options.maxInstances}) is spent`);
    }
    submitted++;
    instancesSubmitted += instances;
    const env = tasks[0]?.env ?? 'anonymous';
    const request = submitRequest(tasks, dependences);
    const settled = options.jobEvents?.submitting(request.Job.JobName, { instances, env });
    let jobId: string | undefined;
    try {
      const result = await call('SubmitJob', request);
      jobId = result.kind === 'success' && typeof result.data.JobId === 'string' ? result.data.JobId : undefined;
      if (jobId !== undefined) {
        created.add(jobId);
        coverage.noteJob(jobId, env);
        patience?.submitted(jobId, env);
      }
      return { result, jobId };
    } finally {
      settled?.(jobId);
    }
  }

  async function submit(tasks: TaskSpec[], dependences: { StartTask: string; EndTask: string }[] = [], shared = false) {
    const { result, jobId } = await trySubmit(tasks, dependences, shared);
    if (jobId !== undefined) return jobId;
    const documented = result.kind === 'error' && !result.breaks.some((b) => b.fact === 'error-code');
    throw new Blocked(`SubmitJob answered ${outcomeOf(result)}`, documented ? undefined : ENVELOPE_OWNER);
  }

  /** On an emulator: a fresh job (or twins) for the scenario, with its exact workload. */
  async function provideBySubmitting(request: ProvideRequest): Promise<ProvidedJob[]> {
    const { workload, env, count } = request;
    const gated = workload.lane === 'gated';
    const siblings = request.siblings ?? [];
    const tasks: TaskSpec[] = [
      ...(gated ? [{ name: 'Gate', command: LONG_SLEEP, env }] : []),
      {
        name: 'A',
        command: workload.command,
        count,
        env,
        ...(workload.extra === undefined ? {} : { extra: workload.extra }),
      },
      ...siblings.map((t, i) => ({
        name: String.fromCharCode(66 + i),
        command: t.workload.command,
        count: t.count,
        env,
        ...(t.workload.extra === undefined ? {} : { extra: t.workload.extra }),
      })),
    ];
    const provided: ProvidedJob[] = [];
    for (let j = 0; j < (request.jobs ?? 1); j++) {
      const jobId = await submit(tasks, gated ? [{ StartTask: 'Gate', EndTask: 'A' }] : []);
      provided.push({
        task: { jobId, taskName: 'A', first: 0, count, taskSize: count },
        siblings: siblings.map((t, i) => ({
          jobId,
          taskName: String.fromCharCode(66 + i),
          first: 0,
          count: t.count,
          taskSize: t.count,
        })),
      });
    }
    return provided;
  }

  const sharedJobs = world.sharesJobs
    ? (options.sharedJobs ?? planForEveryInvariant(options.maxJobs ?? 1, options.namedEnvId !== undefined))
    : undefined;
  const pool = createJobPool({
    submit: (tasks, dependences) => submit(tasks, dependences, true),
    layouts: sharedJobs?.layouts ?? {},
    jobs: sharedJobs?.jobs ?? [],
  });

  async function instances(jobId: string, taskName: string): Promise<InstanceView[]> {
    const read = async (): Promise<InstanceView[]> => {
      const data = await must('DescribeTask', { JobId: jobId, TaskName: taskName, Limit: 1000 });
      return [...(data.TaskInstanceSet as InstanceView[])].sort((a, b) => a.TaskInstanceIndex - b.TaskInstanceIndex);
    };
    const views = await read();
    return patience === undefined ? views : patience.settle(jobId, taskName, views, read);
  }

  async function statesOf(refs: readonly InstanceRef[]): Promise<TaskInstanceState[]> {
    const listed = new Map<string, InstanceView[]>();
    const states: TaskInstanceState[] = [];
    for (const ref of refs) {
      const task = `${ref.jobId}\u0000${ref.taskName}`;
      const views = listed.get(task) ?? (await instances(ref.jobId, ref.taskName));
      listed.set(task, views);
      const found = views.find((i) => i.TaskInstanceIndex === ref.index);
      if (found === undefined)
        throw new Blocked(`DescribeTask does not list instance ${describeRef(ref)}`, LISTING_OWNER);
      states.push(found.TaskInstanceState);
    }
    return states;
  }

  async function stateOf(ref: InstanceRef): Promise<TaskInstanceState> {
    const [state] = await statesOf([ref]);
    return state as TaskInstanceState;
  }

  return {
    docRevision: options.docRevision,
    capabilities: options.capabilities,
    call,
    async raw<A extends string>(rawCall: RawCall<A>): Promise<CallResult<A>> {
      await guard(rawCall.action, rawCall.params);
      return record(rawCall.action, rawCall.params, await client.raw(rawCall));
    },
    async burst<A extends ActionName>(
      action: A,
      batch: readonly RequestOf<A>[],
      form?: WireForm,
    ): Promise<CallResult<A>[]> {
      const unpaced = options.burstClient ?? client;
      for (const r of batch) await guard(action, r);
      const results = await Promise.all(batch.map((r) => send(unpaced, action, r, form)));
      return results.map((result, i) => record(action, batch[i], result));
    },
    submit: (tasks, dependences) => submit(tasks, dependences),
    trySubmit: (tasks, dependences) => trySubmit(tasks, dependences),
    provide: (request) => (sharedJobs === undefined ? provideBySubmitting(request) : pool.lease(request)),
    instances,
    stateOf,
    statesOf,
    step: () => {
      pristine = false;
      return world.step();
    },
    wait: (seconds) => {
      pristine = false;
      return world.wait(seconds);
    },
    async reuse<T>(key: string, build: () => Promise<T | undefined>): Promise<T | undefined> {
      const { saved } = world;
      if (saved === undefined || !pristine) return build();
      if (reused.has(key) && (await saved.restore(key))) {
        log.notes.push(`restored the world saved after "${key}" was first set up`);
        pristine = false;
        return reused.get(key) as T;
      }
      const value = await build();
      if (value !== undefined) {
        await saved.save(key);
        reused.set(key, value);
      }
      return value;
    },
    snapshot: (jobId) => world.snapshot(jobId),
    check(expectation, holds, message) {
      status.checks++;
      status.checked.set(expectation.id, (status.checked.get(expectation.id) ?? 0) + 1);
      if (holds) return true;
      if (options.strict || expectation.provenance.kind !== 'decision') throw new Violation(message, expectation);
      const seen = observations.get(expectation.id);
      if (seen === undefined) {
        observations.set(expectation.id, { expectation, message, count: 1, exchanges: log.exchanges.slice(-3) });
      } else seen.count++;
      log.notes.push(`observed (${expectation.provenance.decision}): ${message}`);
      return false;
    },
    note(text) {
      log.notes.push(text);
    },
    skipRun(reason) {
      status.skipped = reason;
      log.notes.push(`not observed: ${reason}`);
    },
    blockRun(reason, owner) {
      status.blocked = owner === undefined ? { reason } : { reason, owner };
      log.notes.push(`blocked: ${reason}`);
    },
    cannotObserve(fact) {
      unobservable.add(fact);
    },

    async beginRun(rateLimits, brokenAnswers = false) {
      log = { exchanges: [], notes: [] };
      status = { checks: 0, checked: new Map() };
      seesBrokenAnswers = brokenAnswers;
      pristine = true;
      if (world.freshWorldPerRun) patience?.forgetWorld();
      pool.endRun();
      await world.beginRun(rateLimits);
    },
    runStatus: () => status,
    takeObservations() {
      const all = [...observations.values()];
      observations.clear();
      return all;
    },
    takeUnobservable() {
      const facts = [...unobservable];
      unobservable.clear();
      return facts;
    },
    takeLog: () => log,
    requestCount: () => requests,
    dispose: () => world.saved?.dispose() ?? Promise.resolve(),
    shareJobs: (invariantsLeft) => pool.beginShare(invariantsLeft),
    consistency: () => patience?.observations(),
    coverage: () => coverage.coverage,
  };
}
