import { ACTIONS } from '../../generated/actions.ts';
import type { DocRevision } from '../../generated/transitions.ts';
import { CATALOGUE } from '../../property-tests/catalogue.ts';
import { CAPABILITIES } from '../../property-tests/Capability.ts';
import { createLiveHarness, type LiveTiming } from '../../property-tests/createLiveHarness.ts';
import type { HarnessRuntime } from '../../property-tests/Harness.ts';
import type { Implementation } from '../Implementation.ts';
import { TbcError } from '../TbcError.ts';
import type { Credentials } from '../signing/Credentials.ts';
import { IN_PROCESS_ORIGIN, createTarget } from '../client/createTarget.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../client/Deadlines.ts';
import { createCircuitBreaker } from '../client/createCircuitBreaker.ts';
import { createHttpImplementation } from '../client/createHttpImplementation.ts';
import type { JobLedger } from './createJobLedger.ts';
import { createLiveSession } from './createLiveSession.ts';
import { DEFAULT_CONSISTENCY_GRACE_MS, mergeConsistency } from '../../property-tests/createPatience.ts';
import { DEFAULT_MAX_INSTANCES, type SharedJobsPlan } from '../../property-tests/planSharedJobs.ts';
import { MOCK_LIMITATIONS } from './mockLimitations.ts';
import { summarize } from './summarize.ts';
import { toInvariantReport } from './toInvariantReport.ts';
import { DEFAULT_TIME_BUDGET_MS } from './runnerProfiles.ts';
import { resolveProfile } from './resolveProfile.ts';
import { TOOL_VERSION } from './toolVersion.ts';
import { mergeCoverage, type Coverage } from '../../property-tests/createCoverage.ts';
import { openTenantHarness, type HarnessLease } from './openTenantHarness.ts';
import { runConcurrently } from './runConcurrently.ts';
import { availableParallelism } from 'node:os';
import type { InvariantId } from '../../property-tests/catalogue.ts';

type CatalogueInvariant = (typeof CATALOGUE)[number];
import type {
  ConsistencyReport,
  CoverageReport,
  InvariantReport,
  Report,
  ReplayData,
  RunnerProfile,
} from '../../generated/reportTypes.ts';

/** Runs per invariant in the smoke pass (see runConformance). */
export const SMOKE_RUNS = 3;

/** The named environment the runner declares on an emulator for TTI-06. */
const EMULATED_NAMED_ENV = 'env-tbcnamed';

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
  profile: RunnerProfile | 'auto';
  docRevision: DocRevision;
  runs: number;
  seed: number;
  only?: readonly InvariantId[];
  /** 1-based shard of n: this run makes its share of each invariant's runs, from its own seed. */
  shard?: { index: number; count: number };
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

/**
 * One invariant at a time on live profiles (the documented rate limits are shared by everything the run sends);
 * elsewhere one per CPU, at least 2 (a run waits on its target as much as it computes), at most 8.
 */
export function defaultConcurrency(profile: RunnerProfile): number {
  return profile.startsWith('live') ? 1 : Math.min(8, Math.max(2, availableParallelism()));
}

export type ProgressEvent =
  | { kind: 'start'; invariants: InvariantId[]; profile: RunnerProfile; concurrency: number }
  /** live-stateful, before the first SubmitJob: what the run will create. */
  | { kind: 'plan'; plan: SharedJobsPlan }
  | { kind: 'invariant-done'; id: InvariantId; status: InvariantReport['status'] };

/**
 * Runs the selected invariants against one target and returns the report as data. Throws TbcError only for setup
 * problems (unreachable target, a profile the target cannot support).
 */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const started = performance.now();
  // With a CA the probe and control calls go through node:https (fetch takes no CA); without one, through fetch.
  const implementation =
    options.implementation ??
    (options.ca === undefined ? (request: Request) => fetch(request) : createHttpImplementation({ ca: options.ca }));
  const baseUrl = options.implementation === undefined ? options.url : IN_PROCESS_ORIGIN;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const resolved = await resolveProfile(implementation, baseUrl, {
    profile: options.profile,
    allowDestructive: options.allowDestructive ?? false,
    maxJobs: options.maxJobs,
    namedEnvId: options.namedEnvId,
    requestTimeoutMs,
  });
  // Every client of the run shares it: once the target stops answering, the run stops instead of waiting out each
  // call's deadline again.
  const breaker = createCircuitBreaker();
  if (options.credentialsAreExample === true && resolved.profile.startsWith('live')) {
    throw new TbcError(
      `${options.url} is a live endpoint: give credentials (TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or --secret-id and --secret-key)`,
    );
  }
  // The kit's client always sends a Region (decision D-21); only an emulator or a mock may take the default one.
  if (options.region === undefined && resolved.profile.startsWith('live')) {
    throw new TbcError(
      `${options.url} is a live endpoint: give its region (--region or TENCENTCLOUD_REGION, e.g. ap-guangzhou)`,
    );
  }
  const common = {
    ...(options.implementation === undefined ? { endpoint: options.url } : { implementation: options.implementation }),
    ...(options.region === undefined ? {} : { region: options.region }),
    timeoutMs: requestTimeoutMs,
    breaker,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  };
  // A live endpoint is paced under its documented limits; the emulator and a local mock need no pacing.
  const live = resolved.profile === 'live-safe' || resolved.profile === 'live-stateful';
  const concurrency = options.concurrency ?? defaultConcurrency(resolved.profile);
  if (live && concurrency > 1) {
    throw new TbcError(`--concurrency ${concurrency}: a live run checks one invariant at a time (pacing rules there)`);
  }
  const pacing = live && options.pacing !== false ? {} : false;
  const target = createTarget({ ...common, credentials: options.credentials, pacing });
  const strict = options.strict === true || resolved.profile === 'emulated';
  const jobTag = `tbc-conformance-${options.seed}`;
  const newLiveHarness = (): HarnessRuntime =>
    createLiveHarness({
      target,
      burstTarget: live ? createTarget({ ...common, credentials: options.credentials, pacing: false }) : target,
      docRevision: options.docRevision,
      jobTag,
      capabilities: resolved.capabilities,
      strict,
      ...(options.maxJobs === undefined ? {} : { maxJobs: options.maxJobs }),
      ...(options.ledger === undefined ? {} : { jobEvents: options.ledger }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.liveTiming === undefined ? {} : { timing: options.liveTiming }),
      ...(options.namedEnvId === undefined ? {} : { namedEnvId: options.namedEnvId }),
    });
  const shard = options.shard ?? { index: 1, count: 1 };
  const selected = selectInvariants(options);
  const runnable = (invariant: CatalogueInvariant): boolean =>
    invariant.requires.every((c) => resolved.capabilities.has(c)) &&
    options.signal?.aborted !== true &&
    breaker.tripped === undefined;
  const grace = options.consistencyGraceMs ?? (live ? DEFAULT_CONSISTENCY_GRACE_MS : 0);
  // Live runs share one harness (its job pool and pacing span the run); a mock's harness holds nothing worth sharing.
  const session = live
    ? createLiveSession({
        profile: resolved.profile as 'live-safe' | 'live-stateful',
        harness: {
          target,
          burstTarget: createTarget({ ...common, credentials: options.credentials, pacing: false }),
          docRevision: options.docRevision,
          jobTag,
          capabilities: resolved.capabilities,
          strict,
          ...(options.maxJobs === undefined ? {} : { maxJobs: options.maxJobs }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          ...(options.liveTiming === undefined ? {} : { timing: options.liveTiming }),
          ...(options.namedEnvId === undefined ? {} : { namedEnvId: options.namedEnvId }),
        },
        ledger: options.ledger,
        maxInstances: options.maxInstances ?? DEFAULT_MAX_INSTANCES,
        consistencyGraceMs: grace,
        invariants: selected.filter(runnable).map((i) => ({
          id: i.id,
          runs: fullRuns(options, shard),
          stateful: i.requires.includes('state'),
        })),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      })
    : undefined;
  const liveHarness = session?.harness;
  const emulator = resolved.control;
  const used = new Set<HarnessRuntime>();
  const lease = async (id: InvariantId): Promise<HarnessLease> => {
    const leased: HarnessLease =
      emulator !== undefined
        ? await openTenantHarness({
            emulator,
            implementation,
            origin: baseUrl,
            target: common,
            name: `${jobTag}-${id}`,
            docRevision: options.docRevision,
            seed: options.seed,
            namedEnvId: EMULATED_NAMED_ENV,
            jobTag,
            consistencyGraceMs: grace,
          })
        : { harness: liveHarness ?? newLiveHarness(), release: () => Promise.resolve() };
    used.add(leased.harness);
    return leased;
  };

  options.onProgress?.({
    kind: 'start',
    invariants: selected.map((i) => i.id),
    profile: resolved.profile,
    concurrency,
  });
  if (session?.plan !== undefined) options.onProgress?.({ kind: 'plan', plan: session.plan });
  const budget = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS[resolved.profile];
  let stopped: string | undefined;
  // A live-stateful run keeps some of its budget back for its end: terminating its jobs and waiting for them.
  const reserve = session?.reserveMs(budget) ?? 0;
  const remaining = (): number => budget - reserve - (performance.now() - started);

  // The smoke pass: every invariant's first few runs before any full check, so a bug that early runs catch is
  // printed within seconds, not after the invariants before it. fast-check draws a run from the seed and its index
  // only, so a failure found here is exactly the one (runs, counterexample, shrinking, replay) the full check would
  // report, and stands; the others are checked in full after (their first runs again, on a fresh tenant). Not on live
  // profiles (repeated runs cost the user's requests and jobs), nor for a replay.
  const early = new Map<InvariantId, InvariantReport>();
  const smokeMs = new Map<InvariantId, number>();
  const smokeRuns = options.smokeRuns ?? SMOKE_RUNS;
  if (!live && options.replay === undefined && smokeRuns > 0 && fullRuns(options, shard) > smokeRuns) {
    await runConcurrently(selected.filter(runnable), concurrency, async (invariant) => {
      const budgetLeft = remaining();
      if (budgetLeft <= 0 || breaker.tripped !== undefined) return;
      const report = await checkLeased(invariant, lease, options, shard, {
        timeLimitMs: budgetLeft,
        runsCap: smokeRuns,
      });
      smokeMs.set(invariant.id, report.durationMs);
      if (report.status !== 'failed') return;
      early.set(invariant.id, report);
      options.onProgress?.({ kind: 'invariant-done', id: invariant.id, status: report.status });
    });
  }

  // Live runs check one invariant at a time against the time budget: each gets an equal share of what is left, so a
  // slow one (real waits, paced calls) cannot spend the budget of those after it. A share left unused passes on.
  let leftToCheck = selected.filter(runnable).length;
  const checkAll = (): Promise<InvariantReport[]> =>
    runConcurrently(selected, concurrency, async (invariant): Promise<InvariantReport> => {
      const limitation = resolved.profile === 'mock' ? MOCK_LIMITATIONS[invariant.id] : undefined;
      const withLimitation = (report: InvariantReport): InvariantReport =>
        limitation === undefined ? report : { ...report, mockLimitation: limitation };
      const found = early.get(invariant.id);
      if (found !== undefined) return withLimitation(found);
      const remainingMs = remaining();
      const shareMs = live && runnable(invariant) ? remainingMs / Math.max(1, leftToCheck--) : remainingMs;
      const missing = invariant.requires.find((c) => !resolved.capabilities.has(c));
      // Its jobs likewise (live-stateful): its runs within the machine budget, its share of the shared jobs.
      const turn = runnable(invariant)
        ? session?.turn(invariant.id, shareMs, invariant.requires.includes('state'))
        : undefined;
      const notRun = (status: 'skipped' | 'blocked', reason: string): InvariantReport => ({
        id: invariant.id,
        title: invariant.title,
        source: invariant.source,
        status,
        reason,
        durationMs: 0,
      });
      const skip = (reason: string): InvariantReport => notRun('skipped', reason);
      const report =
        missing !== undefined
          ? skip(CAPABILITIES[missing].whenMissing)
          : breaker.tripped !== undefined
            ? notRun('blocked', `not run: the target stopped answering (${breaker.tripped})`)
            : stopped !== undefined
              ? skip(stopped)
              : options.signal?.aborted === true
                ? skip('the run was interrupted')
                : remainingMs <= 0
                  ? skip(`the run's time budget (${Math.round(budget / 1000)} s) is spent`)
                  : turn?.skip !== undefined
                    ? skip(turn.skip)
                    : await checkLeased(invariant, lease, options, shard, {
                        timeLimitMs: shareMs,
                        live,
                        ...(turn?.runsCap === undefined ? {} : { runsCap: turn.runsCap }),
                      }).then((full) => ({
                        ...full,
                        durationMs: full.durationMs + (smokeMs.get(invariant.id) ?? 0),
                      }));
      options.onProgress?.({ kind: 'invariant-done', id: invariant.id, status: report.status });
      // A live-stateful run stops at its first (shrunk) failure: every further run costs the user's jobs and time.
      if (report.status === 'failed' && resolved.profile === 'live-stateful') {
        stopped = `not run: the live-stateful run stopped at the first failure (${invariant.id})`;
      }
      return withLimitation(report);
    });
  let reports: InvariantReport[];
  try {
    reports = await checkAll();
  } finally {
    // However the run ends, a bug of the kit included, the jobs it created are terminated (the ledger records each).
    if (session !== undefined) {
      // Its own client: the run's one may have stopped sending (the target stopped answering), and these calls are
      // worth their deadlines even then.
      const cleaner = createTarget({ ...common, breaker: undefined, credentials: options.credentials, pacing });
      await session.finish(cleaner, budget - (performance.now() - started));
    }
  }
  const harnesses = [...used];

  return {
    tool: 'tbc',
    version: TOOL_VERSION,
    target: options.url,
    profile: resolved.profile,
    docRevision: options.docRevision,
    seed: options.seed,
    ok: reports.every((r) => r.status !== 'failed') && breaker.tripped === undefined,
    ...(breaker.tripped === undefined ? {} : { stopped: breaker.tripped }),
    strict,
    durationMs: Math.round(performance.now() - started),
    shards: [`${shard.index}/${shard.count}`],
    summary: summarize(reports),
    invariants: reports,
    coverage: coverageReport(
      mergeCoverage(harnesses.map((h) => h.coverage())),
      harnesses.reduce((sum, h) => sum + h.requestCount(), 0),
    ),
    ...withConsistency(mergeConsistency(harnesses.map((h) => h.consistency()))),
    ...session?.report(),
  };
}

function selectInvariants(options: ConformanceOptions): CatalogueInvariant[] {
  if (options.replay !== undefined) return CATALOGUE.filter((i) => i.id === options.replay?.id);
  return options.only === undefined ? [...CATALOGUE] : CATALOGUE.filter((i) => options.only?.includes(i.id));
}

/** How far one check may go: its share of the time budget, a cap on its runs, whether it runs on a live target. */
interface CheckLimits {
  timeLimitMs?: number | undefined;
  runsCap?: number;
  /**
   * Live profiles: a run that observed nothing (a fleeting state missed) is replaced by a fresh draw (redrawsFor), and
   * a failure is shrunk for at most LIVE_SHRINK_LIMIT_MS (each step costs paced calls to a real service).
   */
  live?: boolean;
}

/**
 * How long a failure found on a live target is shrunk: at the documented 2 calls a second that is some 60 calls,
 * enough to drop most of what a failing input does not need, and the failure is on the console within a minute.
 */
export const LIVE_SHRINK_LIMIT_MS = 30_000;

/** Checks one invariant on a harness leased for it, released however the check ends. */
async function checkLeased(
  invariant: CatalogueInvariant,
  lease: (id: InvariantId) => Promise<HarnessLease>,
  options: ConformanceOptions,
  shard: { index: number; count: number },
  limits: CheckLimits,
): Promise<InvariantReport> {
  const leased = await lease(invariant.id);
  try {
    return await checkOne(invariant, leased.harness, options, shard, limits);
  } finally {
    await leased.release();
  }
}

async function checkOne(
  invariant: CatalogueInvariant,
  harness: HarnessRuntime,
  options: ConformanceOptions,
  shard: { index: number; count: number },
  { timeLimitMs, runsCap = Number.POSITIVE_INFINITY, live = false }: CheckLimits,
): Promise<InvariantReport> {
  const started = performance.now();
  const seed = options.replay?.seed ?? options.seed + shard.index - 1;
  const numRuns = options.replay?.numRuns ?? fullRuns(options, shard);
  const result = await invariant.check(harness, {
    seed,
    numRuns,
    ...(runsCap === Number.POSITIVE_INFINITY ? {} : { runsCap }),
    // A replay reruns its one case; otherwise this shard's share of the planned cells.
    ...(options.replay === undefined ? { shard } : {}),
    ...(options.replay?.cell === undefined ? {} : { cell: options.replay.cell }),
    ...(live && options.replay === undefined ? { redrawUnobserved: redrawsFor(numRuns) } : {}),
    ...(live ? { shrinkLimitMs: LIVE_SHRINK_LIMIT_MS, runsIncludeCells: true } : {}),
    ...(options.replay === undefined ? {} : { path: options.replay.path }),
    ...(options.replay?.commandsReplayPath === undefined
      ? {}
      : { commandsReplayPath: options.replay.commandsReplayPath }),
    ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
  });
  return toInvariantReport(invariant, result, Math.round(performance.now() - started), {
    docRevision: options.docRevision,
    numRuns,
  });
}

/**
 * Fresh draws an invariant may make on a live target in place of runs that observed nothing: twice its runs, at least
 * 3. A missed state costs a few requests (the shared jobs are already past it), and with few runs (a live run's usual
 * setting) one unlucky draw would otherwise leave the invariant unchecked.
 */
function redrawsFor(numRuns: number): number {
  return Math.max(3, 2 * numRuns);
}

/** The runs one invariant gets in this shard. */
function fullRuns(options: ConformanceOptions, shard: { index: number; count: number }): number {
  return Math.max(1, Math.ceil(options.runs / shard.count));
}

/** What an eventually consistent target needed, where the run had patience with it (live profiles, or a grace given). */
function withConsistency(consistency: ConsistencyReport | undefined): { consistency?: ConsistencyReport } {
  return consistency === undefined ? {} : { consistency };
}

function coverageReport(coverage: Coverage, requests: number): CoverageReport {
  const errorCodes = Object.fromEntries([...coverage.errorCodes.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return {
    requests,
    terminations: [...coverage.terminations.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([situation, outcomes]) => ({ situation, outcomes: Object.fromEntries(outcomes) })),
    errorCodes,
    terminateCodesNotExercised: ACTIONS.TerminateTaskInstance.errorCodes.filter((c) => !(c in errorCodes)),
  };
}
