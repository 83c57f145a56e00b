import type { ActionName } from '../generated/actions.ts';
import type { RequestOf } from '../generated/actionTypes.ts';
import type { DocRevision, EnvKind, TaskInstanceState } from '../generated/transitions.ts';
import type { CallResult } from '../conformance/client/CallResult.ts';
import type { RawCall } from '../conformance/client/createApiClient.ts';
import type { EmulatorSnapshot } from '../conformance/control/controlPlane.ts';
import type { Capability } from './Capability.ts';
import type { Expectation } from './Expectation.ts';
import type { Coverage } from './createCoverage.ts';
import type { InstanceGroup, InstanceRef } from './InstanceRef.ts';
import type { Workload } from './Workload.ts';
import type { ConsistencyReport, Exchange } from '../generated/reportTypes.ts';
import type { WireForm } from './coverage/WireForm.ts';

/** An instance as DescribeTask lists it (the fields the catalogue reads). */
export interface InstanceView {
  TaskInstanceIndex: number;
  TaskInstanceState: TaskInstanceState;
  ComputeNodeInstanceId?: string | null;
}

/** One task of a job the harness submits; `command` follows the emulator's workload grammar. */
export interface TaskSpec {
  name: string;
  command: string;
  count?: number;
  env?: EnvKind;
  /** More Task fields (FailedAction, MaxRetryCount, ...). */
  extra?: Record<string, unknown>;
}

/** What a scenario asks for: instances of a task running `workload` (see Harness.provide). */
export interface ProvideRequest {
  workload: Workload;
  env: EnvKind;
  count: number;
  /** Identical jobs (twins) to get the same instances in; default 1. */
  jobs?: number;
  /** Other tasks of the same job(s), independent of the scenario's task (bystanders for TTI-15). */
  siblings?: { workload: Workload; count: number }[];
  /**
   * Shared jobs only: the same instances for every request with this key, for bystanders every run checks unchanged
   * (a target that changed them fails that check).
   */
  reuse?: string;
  /**
   * With `reuse`: fresh instances for the key from now on, when the ones it had are no longer in the state its runs
   * need (on a target that is not an emulator a call may change them with only an observation, where "a rejected
   * call changes nothing" is a decision).
   */
  renew?: boolean;
}

/** The scenario's task in one job, and its sibling tasks in the order asked. */
export interface ProvidedJob {
  task: InstanceGroup;
  siblings: InstanceGroup[];
}

/** The log of one property run: the API exchanges plus notes on what else was observed. */
export interface RunLog {
  exchanges: Exchange[];
  notes: string[];
}

/**
 * What an invariant may call: the target's public API (state is created and observed only with SubmitJob,
 * DescribeTask and DescribeJob, as any client would), time, and — where the target offers it (the `control`
 * capability) — the emulator's snapshot of CVMs and quota. Two implementations: createEmulatedHarness (virtual time,
 * each run on a reset tenant world) and createLiveHarness (real time, the live-safety guard). An invariant asks
 * `capabilities`, never which implementation it has.
 */
export interface Harness {
  /** Which documentation wording the checks expect (spec/transitions.yaml revision). */
  readonly docRevision: DocRevision;
  readonly capabilities: ReadonlySet<Capability>;

  /**
   * A typed call; every answer comes back as data (CallResult), never thrown. `form`: the wire form it travels in
   * (default TC3 POST JSON, as the official SDKs send it); the same parameters must mean the same in each.
   */
  call<A extends ActionName>(action: A, request: RequestOf<A>, form?: WireForm): Promise<CallResult<A>>;
  /** A deliberately shaped (malformed) call. */
  raw<A extends string>(call: RawCall<A>): Promise<CallResult<A>>;
  /** Sends the calls at once, unpaced, and returns their answers in call order (TTI-09's bursts). */
  burst<A extends ActionName>(action: A, requests: readonly RequestOf<A>[], form?: WireForm): Promise<CallResult<A>[]>;

  /** Submits a job of the run (counted against --max-jobs); returns its JobId, or blocks the run when refused. */
  submit(tasks: TaskSpec[], dependences?: { StartTask: string; EndTask: string }[]): Promise<string>;
  /** Submits a job of the run and hands back the answer, whatever it is (TTI-10 judges SubmitJob's envelope too). */
  trySubmit(
    tasks: TaskSpec[],
    dependences?: { StartTask: string; EndTask: string }[],
  ): Promise<{ result: CallResult<'SubmitJob'>; jobId: string | undefined }>;
  /**
   * Instances for a scenario: on an emulator, fresh jobs submitted for it (`workload` exactly); on a live target, unused
   * instances of the run's shared jobs in the lane of `workload` (a job budget cannot pay a job per property run).
   * Undefined when none are left; blocks the run when a supporting call is refused.
   */
  provide(request: ProvideRequest): Promise<ProvidedJob[] | undefined>;
  /** DescribeTask's instances of a task, by index. */
  instances(jobId: string, taskName: string): Promise<InstanceView[]>;
  stateOf(ref: InstanceRef): Promise<TaskInstanceState>;
  /**
   * The states of several instances with one DescribeTask per task they belong to (not one per instance), read in the
   * order the tasks first appear, so the exchange log has a stable order.
   */
  statesOf(refs: readonly InstanceRef[]): Promise<TaskInstanceState[]>;

  /**
   * Lets time pass by one step: the next scheduled event on a virtual clock, else a poll interval of real time.
   * False when nothing more can happen (no pending event) or the wait budget is spent.
   */
  step(): Promise<boolean>;
  /** Lets `seconds` of (emulator or real) time pass. */
  wait(seconds: number): Promise<void>;
  /**
   * The situation `build` sets up, set up once per invariant and then reused: on an emulator, the world `build` leaves
   * is saved (a checkpoint) and a later run whose first act this is restores it instead of building again (the runs
   * stay independent: each starts from that same world). Elsewhere, and in a run that already did something, `build`
   * runs every time. For set-ups that cost many steps (an instance brought to RUNNING) and vary little.
   */
  reuse<T>(key: string, build: () => Promise<T | undefined>): Promise<T | undefined>;
  /** The emulator's snapshot of a job's CVMs and quota; undefined without the `control` capability. */
  snapshot(jobId: string): Promise<EmulatorSnapshot | undefined>;

  /**
   * Checks one expectation and returns whether it holds. When it does not, the run fails with a Violation naming the
   * expectation and its provenance — unless the expectation is a kit decision (provenance `decision`) and the target
   * is not a tbc emulator (without --strict): then the difference is recorded as an observation and false is
   * returned, so the run can go on.
   */
  check(expectation: Expectation, holds: boolean, message: string): boolean;

  /** Adds a note to the run's evidence (what was reached, what was seen besides the API). */
  note(text: string): void;
  /** Marks this run as not observed (nothing was checked); a property whose every run is skipped is `skipped`. */
  skipRun(reason: string): void;
  /** Records a fact the invariant states but this target cannot show (e.g. CVM order without a snapshot). */
  cannotObserve(fact: string): void;
}

/** A kit decision this target does not share: one line, how often, and the evidence of the first time. */
export interface Observation {
  expectation: Expectation;
  message: string;
  count: number;
  exchanges: Exchange[];
}

/** How one property run ended, besides failing: checked something, skipped (not observed), or blocked. */
export interface RunStatus {
  /** Expectations evaluated in this run; a run that evaluated none checked nothing. */
  checks: number;
  /** How many times each expectation (by id) was evaluated in this run. */
  checked: Map<string, number>;
  skipped?: string;
  blocked?: { reason: string; owner?: string };
}

/** What defineInvariant and the runner drive besides: the bookkeeping of runs, logs and coverage. */
export interface HarnessRuntime extends Harness {
  /**
   * Starts a fresh log (and, on an emulator, a fresh world) for one property run. `seesBrokenAnswers`: the run judges
   * answers that cannot be read, or never came, itself (TTI-10, their owner: ENVELOPE_OWNER); any other run is blocked
   * by them.
   */
  beginRun(rateLimits?: Record<string, number>, seesBrokenAnswers?: boolean): Promise<void>;
  /** Marks the current run blocked: a supporting call was unusable (see Blocked). */
  blockRun(reason: string, owner?: string): void;
  runStatus(): RunStatus;
  /** The observations recorded since the last call, which clears them. */
  takeObservations(): Observation[];
  /** The facts recorded by cannotObserve since the last call, which clears them. */
  takeUnobservable(): string[];
  takeLog(): RunLog;
  requestCount(): number;
  /** Frees what the harness holds besides jobs (an emulator's saved worlds); called once, when it is done. */
  dispose(): Promise<void>;
  /**
   * Before an invariant is checked: where jobs are shared (live-stateful), it may lease only its share of what is left
   * of them, `invariantsLeft` counting it (see createJobPool's beginShare); nothing where each run has its own jobs.
   */
  shareJobs(invariantsLeft: number): void;
  coverage(): Coverage;
  /** What an eventually consistent target needed of the run's patience (createPatience); undefined without grace. */
  consistency(): ConsistencyReport | undefined;
}
