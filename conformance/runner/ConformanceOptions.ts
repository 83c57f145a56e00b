import type { DocRevision } from '../../generated/transitions.ts';
import type { InvariantReport, ReplayData, RunnerProfile } from '../../generated/reportTypes.ts';
import type { InvariantId } from '../../property-tests/catalogue.ts';
import type { LiveTiming } from '../../property-tests/createLiveHarness.ts';
import type { SharedJobsPlan } from '../../property-tests/planSharedJobs.ts';
import type { Implementation } from '../Implementation.ts';
import type { Credentials } from '../signing/Credentials.ts';
import type { JobLedger } from './createJobLedger.ts';

/** 1-based shard of n. */
export interface Shard {
  index: number;
  count: number;
}

export interface ConformanceOptions {
  /** The target's origin, e.g. http://127.0.0.1:4310; with `implementation` only what the report names. */
  url: string;
  /** In process instead of HTTP (tests): the target as a value. */
  implementation?: Implementation;
  /** An https:// `url`: PEM of the CA(s) to trust instead of Node's own, for every call the run makes (`--ca`). */
  ca?: string;
  credentials: Credentials;
  /** True when `credentials` is Tencent's public example pair: fine for an emulator or mock, refused for live targets. */
  credentialsAreExample?: boolean;
  /** X-TC-Region to send; required for live profiles, default `DEFAULT_REGION` otherwise (decision D-21). */
  region?: string;
  /**
   * SubmitJob's Placement.Zone for the jobs the run creates (decision D-35): default `DEFAULT_ZONE` in `DEFAULT_REGION`
   * (and against an emulator or a mock, which judge no zone); a live-stateful run in another region needs one.
   */
  zone?: string;
  profile: RunnerProfile | 'auto';
  docRevision: DocRevision;
  runs: number;
  seed: number;
  only?: readonly InvariantId[];
  /** This run makes its share of each invariant's runs, from its own seed. */
  shard?: Shard;
  /** Reruns one recorded case instead of searching. */
  replay?: ReplayData;
  allowDestructive?: boolean;
  /**
   * Each call's deadline, the whole exchange (`--request-timeout`; headers and pauses in the body get half each);
   * default DEFAULT_REQUEST_TIMEOUT_MS. A target that lets it run out has stopped answering: the run stops.
   */
  requestTimeoutMs?: number;
  /** Overrides pacing (default: off for an emulator, the documented limits for anything else). Tests only. */
  pacing?: false;
  /**
   * Kit decisions a target does not share count as failures, not observations. Always so against a tbc emulator,
   * which implements them (`--strict`).
   */
  strict?: boolean;
  maxJobs?: number;
  /** live-stateful: the CVMs the run may create in all (`--max-instances`); default DEFAULT_MAX_INSTANCES. */
  maxInstances?: number;
  /**
   * How long the run's own new jobs may be "not found" and its reads lag its terminations before an answer is taken
   * at its word (`--consistency-grace`); default DEFAULT_CONSISTENCY_GRACE_MS on live profiles, 0 elsewhere.
   */
  consistencyGraceMs?: number;
  namedEnvId?: string;
  /**
   * Wall time the run may take; an invariant that would start after it is skipped, one running when it runs out stops
   * after its current run. Default: DEFAULT_TIME_BUDGET_MS of the profile.
   */
  timeBudgetMs?: number;
  /** live-stateful: the cleanup ledger every job is written to before it is submitted. */
  ledger?: JobLedger;
  /** Aborts the run (SIGINT, SIGTERM): no more jobs are submitted. */
  signal?: AbortSignal;
  /** Live profiles: how time is let pass (tests shorten it). */
  liveTiming?: Partial<LiveTiming>;
  /**
   * How many invariants run at once (default `defaultConcurrency`): each on its own emulator tenant, or its own
   * stateless harness against a mock. Live profiles run one at a time: pacing rules there.
   */
  concurrency?: number;
  /** Runs per invariant in the smoke pass (default SMOKE_RUNS); 0 turns the pass off. */
  smokeRuns?: number;
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { kind: 'start'; invariants: InvariantId[]; profile: RunnerProfile; concurrency: number }
  /** live-stateful, before the first SubmitJob: what the run will create. */
  | { kind: 'plan'; plan: SharedJobsPlan }
  | { kind: 'invariant-done'; id: InvariantId; status: InvariantReport['status'] };
