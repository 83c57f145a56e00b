import type { ActionName } from '../generated/actions.ts';
import type { EnvKind, Profile, TaskInstanceState } from '../generated/transitions.ts';
import type { CallResult, Exchange } from '../conformance/client/CallResult.ts';
import type { RawCall, Target } from '../conformance/client/createTarget.ts';
import type { RequestOf } from '../conformance/client/ActionTypes.ts';
import type { Capability } from './Invariant.ts';
import type { EmulatorControl, Snapshot, SnapshotCvm } from '../conformance/control/createControlClient.ts';
import { isWellFormedJobId } from './arbitraries/malformedJobIdArb.ts';

/**
 * A broken promise of the API, found while a property runs. Thrown inside a property (fast-check's idiom for a
 * failing predicate) and turned into a Finding, as data, before it leaves the invariant.
 */
export class Violation extends Error {
  override readonly name = 'Violation';
}

/** The run cannot go on for a reason that is not the target's fault (e.g. the --max-jobs budget is spent). */
export class RunSkipped extends Error {
  override readonly name = 'RunSkipped';
}

export interface InstanceRef {
  jobId: string;
  taskName: string;
  index: number;
}

export interface InstanceView {
  TaskInstanceIndex: number;
  TaskInstanceState: TaskInstanceState;
  ComputeNodeInstanceId?: string | null;
}

export interface HarnessOptions {
  target: Target;
  /** The same target without pacing, for the calls TTI-09 fires in bursts on purpose; default `target`. */
  burstTarget?: Target;
  control: EmulatorControl | undefined;
  /** Which documentation wording the checks expect (spec/transitions.yaml profile). */
  docRevision: Profile;
  capabilities: ReadonlySet<Capability>;
  /** A named compute environment the run may submit to (TTI-06). */
  namedEnvId?: string;
  /** Without a control plane: how long to wait between polls, and at most in all, for "eventually" properties. */
  pollMs?: number;
  maxWaitMs?: number;
  /** A tag put into the JobName of every job the run creates, so people can recognise them. */
  jobTag?: string;
  /** At most this many SubmitJob calls in the whole session (live-stateful `--max-jobs`). */
  maxJobs?: number;
  /**
   * Live endpoints: never terminate a job this session did not create unless DescribeJob has just shown it does not
   * exist. Default: on whenever there is no emulator control plane.
   */
  guardForeignJobs?: boolean;
}

/** What the run exercised, for the report's coverage summary. */
export interface Coverage {
  /** `env/state` of the instance when TerminateTaskInstance was called → outcome (Success or code) → count. */
  terminations: Map<string, Map<string, number>>;
  /** Every error code answered, by any action → count. */
  errorCodes: Map<string, number>;
}

/** The log of one property run: the API exchanges plus notes on what else was observed. */
export interface RunLog {
  exchanges: Exchange[];
  notes: string[];
}

export const LONG_SLEEP = 'sleep 86400';
const ANONYMOUS_ENV = { EnvType: 'MANAGED', EnvData: { InstanceType: 'SA5.MEDIUM4' } };

/**
 * What every property talks through: the target's public API (state is created and observed only with SubmitJob,
 * DescribeTask and DescribeJob, as any client would) plus, when the target is the tbc emulator, its control plane for
 * virtual time and CVM/quota facts. Without a control plane, time passes for real and facts only a snapshot shows are
 * reported as not observable.
 */
export function createHarness(options: HarnessOptions) {
  const { target, control } = options;
  const pollMs = options.pollMs ?? 2_000;
  const maxWaitMs = options.maxWaitMs ?? 10 * 60_000;
  let log: RunLog = { exchanges: [], notes: [] };
  let requests = 0;
  let waited = 0;
  let skipped: string | undefined;
  const unobservable = new Set<string>();
  /** Jobs this session created (only these may be terminated without proof that they do not exist). */
  const created = new Map<string, EnvKind>();
  /** Last state seen of each instance, `jobId/task#index` → state. */
  const lastSeen = new Map<string, TaskInstanceState>();
  const coverage: Coverage = { terminations: new Map(), errorCodes: new Map() };

  function count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  /**
   * Safety for live targets: a terminate call carrying a well-formed JobId this session did not create is sent only
   * after DescribeJob has just answered ResourceNotFound.Job for it. Otherwise the call is not sent and the run is
   * skipped.
   */
  async function guard(action: string, params: unknown): Promise<void> {
    if (!(options.guardForeignJobs ?? control === undefined)) return;
    if (action !== 'TerminateTaskInstance' && action !== 'TerminateJob') return;
    const jobId =
      typeof params === 'object' && params !== null ? (params as Record<string, unknown>)['JobId'] : undefined;
    if (typeof jobId !== 'string' || !isWellFormedJobId(jobId) || created.has(jobId)) return;
    const probe = record(await target.call('DescribeJob', { JobId: jobId }));
    if (probe.kind !== 'error' || probe.code !== 'ResourceNotFound.Job') {
      throw new RunSkipped(
        `not sending ${action} for ${jobId}: this run did not create it and could not verify it does not exist`,
      );
    }
  }

  function observe<A extends string>(action: string, params: unknown, result: CallResult<A>): void {
    const outcome = result.kind === 'success' ? 'Success' : result.kind === 'error' ? result.code : `(${result.kind})`;
    if (result.kind === 'error') count(coverage.errorCodes, result.code);
    const p = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
    if (action === 'DescribeTask' && result.kind === 'success') {
      const data = result.data as { TaskInstanceSet?: InstanceView[] };
      for (const i of data.TaskInstanceSet ?? []) {
        lastSeen.set(`${String(p['JobId'])}/${String(p['TaskName'])}#${i.TaskInstanceIndex}`, i.TaskInstanceState);
      }
    }
    if (action === 'TerminateTaskInstance') {
      const key = `${String(p['JobId'])}/${String(p['TaskName'])}#${String(p['TaskInstanceIndex'])}`;
      const env = created.get(String(p['JobId']));
      const state = lastSeen.get(key);
      const situation = env === undefined || state === undefined ? 'no such instance' : `${env}/${state}`;
      let byOutcome = coverage.terminations.get(situation);
      if (byOutcome === undefined) coverage.terminations.set(situation, (byOutcome = new Map<string, number>()));
      count(byOutcome, outcome);
    }
  }

  function record<A extends string>(result: CallResult<A>): CallResult<A> {
    requests++;
    log.exchanges.push(result.exchange);
    return result;
  }

  async function call<A extends ActionName>(action: A, request: RequestOf<A>): Promise<CallResult<A>> {
    await guard(action, request);
    const result = record(await target.call(action, request));
    observe(action, request, result);
    return result;
  }

  async function raw<A extends string>(rawCall: RawCall<A>): Promise<CallResult<A>> {
    await guard(rawCall.action, rawCall.params);
    const result = record(await target.raw(rawCall));
    observe(rawCall.action, rawCall.params, result);
    return result;
  }

  /** Sends the calls at once, unpaced, and records their answers in call order. */
  async function burst<A extends ActionName>(action: A, requests: readonly RequestOf<A>[]): Promise<CallResult<A>[]> {
    const unpaced = options.burstTarget ?? target;
    for (const r of requests) await guard(action, r);
    const results = await Promise.all(requests.map((r) => unpaced.call(action, r)));
    return results.map((result, i) => {
      observe(action, requests[i], result);
      return record(result);
    });
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
    control,
    docRevision: options.docRevision,
    capabilities: options.capabilities,
    call,
    raw,
    burst,
    note(text: string): void {
      log.notes.push(text);
    },
    /** Starts a fresh log (and, with a control plane, a fresh emulator) for one property run. */
    async beginRun(rateLimits?: Record<string, number>): Promise<void> {
      log = { exchanges: [], notes: [] };
      waited = 0;
      skipped = undefined;
      if (control !== undefined) {
        await control.reset({ profile: options.docRevision, rateLimits: rateLimits ?? false });
        if (options.namedEnvId !== undefined) await control.declareEnv(options.namedEnvId);
      }
    },
    /** Marks this run as not observed (nothing was checked); a property whose every run is skipped is `skipped`. */
    skipRun(reason: string): void {
      skipped = reason;
      log.notes.push(`not observed: ${reason}`);
    },
    runSkipped: (): string | undefined => skipped,
    /** Records a fact the invariant states but this target cannot show (e.g. CVM order without a snapshot). */
    cannotObserve(fact: string): void {
      unobservable.add(fact);
    },
    /** The facts recorded by cannotObserve since the last call, which clears them. */
    takeUnobservable(): string[] {
      const facts = [...unobservable];
      unobservable.clear();
      return facts;
    },
    takeLog(): RunLog {
      return log;
    },
    requestCount: () => requests,

    /** Submits a job; each task runs `command` (the emulator's workload grammar) in an anonymous or named env. */
    async submit(
      tasks: {
        name: string;
        command: string;
        count?: number;
        env?: 'anonymous' | 'named';
        extra?: Record<string, unknown>;
      }[],
      dependences: { StartTask: string; EndTask: string }[] = [],
    ): Promise<string> {
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
            ...(t.env === 'named' ? { EnvId: options.namedEnvId ?? '' } : { ComputeEnv: ANONYMOUS_ENV }),
            ...t.extra,
          })),
          ...(dependences.length > 0 ? { Dependences: dependences } : {}),
        },
      });
      created.set(data.JobId, tasks[0]?.env ?? 'anonymous');
      return data.JobId;
    },

    /** Jobs this session created, for clean-up. */
    createdJobs: (): string[] => [...created.keys()],
    coverage: (): Coverage => coverage,

    instances,
    stateOf,

    /**
     * Lets time pass by one step: the next scheduled event on a virtual clock, else `pollMs` of real time.
     * Returns false when nothing more can happen (virtual clock with no pending event) or the wait budget is spent.
     */
    async step(): Promise<boolean> {
      if (control !== undefined) return control.advanceToNextEvent();
      if (waited >= maxWaitMs) return false;
      await new Promise((r) => setTimeout(r, pollMs));
      waited += pollMs;
      return true;
    },

    /** Lets `seconds` of (emulator or real) time pass. */
    async wait(seconds: number): Promise<void> {
      if (control !== undefined) await control.advanceBy(seconds);
      else await new Promise((r) => setTimeout(r, seconds * 1000));
    },

    async snapshot(jobId: string): Promise<Snapshot | undefined> {
      return control?.snapshot(jobId);
    },

    cvmsOf(snapshot: Snapshot, ref: InstanceRef): SnapshotCvm[] {
      return snapshot.cvms.filter(
        (c) => c.jobId === ref.jobId && c.taskName === ref.taskName && c.instanceIndex === ref.index,
      );
    },
  };
}

export type Harness = ReturnType<typeof createHarness>;

/** `Success`, the error code, or what else came back — the one thing a check compares. */
export function outcomeOf(result: CallResult<string>): string {
  switch (result.kind) {
    case 'success':
      return 'Success';
    case 'error':
      return result.code;
    case 'violation':
      return `(a response breaking the spec: ${result.problems.join('; ')})`;
    case 'transport':
      return `(no response: ${result.reason})`;
  }
}

export function describeRef(ref: InstanceRef): string {
  return `${ref.jobId}/${ref.taskName}#${ref.index}`;
}
