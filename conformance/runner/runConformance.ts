import { ACTIONS } from '../../generated/actions.ts';
import type { DocRevision } from '../../generated/transitions.ts';
import { CATALOGUE } from '../../property-tests/catalogue.ts';
import { CAPABILITIES } from '../../property-tests/Capability.ts';
import { createEmulatedHarness } from '../../property-tests/createEmulatedHarness.ts';
import { createLiveHarness } from '../../property-tests/createLiveHarness.ts';
import type { HarnessRuntime } from '../../property-tests/Harness.ts';
import type { Implementation } from '../Implementation.ts';
import { TbcError } from '../TbcError.ts';
import type { Credentials } from '../signing/Credentials.ts';
import { IN_PROCESS_ORIGIN, createTarget } from '../client/createTarget.ts';
import { MOCK_LIMITATIONS } from './mockLimitations.ts';
import { resolveProfile } from './resolveProfile.ts';
import { TOOL_VERSION } from './toolVersion.ts';
import type { Coverage } from '../../property-tests/createCoverage.ts';
import type { InvariantId } from '../../property-tests/catalogue.ts';

type CatalogueInvariant = (typeof CATALOGUE)[number];
import type {
  CoverageReport,
  InvariantReport,
  Report,
  ReplayData,
  RunnerProfile,
} from '../../generated/reportTypes.ts';

/** The named environment the runner declares on an emulator for TTI-06. */
const EMULATED_NAMED_ENV = 'env-tbcnamed';

export interface ConformanceOptions {
  /** The target's origin, e.g. http://127.0.0.1:4310; with `implementation` only what the report names. */
  url: string;
  /** In process instead of HTTP (tests): the target as a value. */
  implementation?: Implementation;
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
  /** Overrides pacing (default: off for an emulator, the documented limits for anything else). Tests only. */
  pacing?: false;
  maxJobs?: number;
  namedEnvId?: string;
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { kind: 'start'; invariants: InvariantId[]; profile: RunnerProfile }
  | { kind: 'invariant-done'; id: InvariantId; status: InvariantReport['status'] };

/**
 * Runs the selected invariants against one target and returns the report as data. Throws TbcError only for setup
 * problems (unreachable target, a profile the target cannot support).
 */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const started = performance.now();
  const implementation = options.implementation ?? ((request: Request) => fetch(request));
  const baseUrl = options.implementation === undefined ? options.url : IN_PROCESS_ORIGIN;
  const resolved = await resolveProfile(implementation, baseUrl, {
    profile: options.profile,
    allowDestructive: options.allowDestructive ?? false,
    maxJobs: options.maxJobs,
    namedEnvId: options.namedEnvId,
  });
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
    credentials: options.credentials,
    ...(options.region === undefined ? {} : { region: options.region }),
  };
  // A live endpoint is paced under its documented limits; the emulator and a local mock need no pacing.
  const live = resolved.profile === 'live-safe' || resolved.profile === 'live-stateful';
  const target = createTarget({ ...common, pacing: live && options.pacing !== false ? {} : false });
  const shared = {
    target,
    docRevision: options.docRevision,
    jobTag: `tbc-conformance-${options.seed}`,
    ...(options.maxJobs === undefined ? {} : { maxJobs: options.maxJobs }),
  };
  const harness: HarnessRuntime =
    resolved.control === undefined
      ? createLiveHarness({
          ...shared,
          burstTarget: live ? createTarget({ ...common, pacing: false }) : target,
          capabilities: resolved.capabilities,
          ...(options.namedEnvId === undefined ? {} : { namedEnvId: options.namedEnvId }),
        })
      : createEmulatedHarness({ ...shared, control: resolved.control, namedEnvId: EMULATED_NAMED_ENV });

  const selected = selectInvariants(options);
  options.onProgress?.({ kind: 'start', invariants: selected.map((i) => i.id), profile: resolved.profile });
  const shard = options.shard ?? { index: 1, count: 1 };
  const reports: InvariantReport[] = [];
  for (const invariant of selected) {
    const missing = invariant.requires.find((c) => !resolved.capabilities.has(c));
    const report =
      missing === undefined
        ? await checkOne(invariant, harness, options, shard)
        : {
            id: invariant.id,
            title: invariant.title,
            source: invariant.source,
            status: 'skipped' as const,
            reason: CAPABILITIES[missing].whenMissing,
            durationMs: 0,
          };
    const limitation = resolved.profile === 'mock' ? MOCK_LIMITATIONS[invariant.id] : undefined;
    reports.push(limitation === undefined ? report : { ...report, mockLimitation: limitation });
    options.onProgress?.({ kind: 'invariant-done', id: invariant.id, status: report.status });
  }
  if (resolved.profile === 'live-stateful') await cleanUp(harness);

  return {
    tool: 'tbc',
    version: TOOL_VERSION,
    target: options.url,
    profile: resolved.profile,
    docRevision: options.docRevision,
    seed: options.seed,
    ok: reports.every((r) => r.status !== 'failed'),
    durationMs: Math.round(performance.now() - started),
    shards: [`${shard.index}/${shard.count}`],
    invariants: reports,
    coverage: coverageReport(harness.coverage(), harness.requestCount()),
  };
}

function selectInvariants(options: ConformanceOptions): CatalogueInvariant[] {
  if (options.replay !== undefined) return CATALOGUE.filter((i) => i.id === options.replay?.id);
  return options.only === undefined ? [...CATALOGUE] : CATALOGUE.filter((i) => options.only?.includes(i.id));
}

async function checkOne(
  invariant: CatalogueInvariant,
  harness: HarnessRuntime,
  options: ConformanceOptions,
  shard: { index: number; count: number },
): Promise<InvariantReport> {
  const started = performance.now();
  const seed = options.replay?.seed ?? options.seed + shard.index - 1;
  const numRuns = options.replay?.numRuns ?? Math.max(1, Math.ceil(options.runs / shard.count));
  const result = await invariant.check(harness, {
    seed,
    numRuns,
    ...(options.replay === undefined ? {} : { path: options.replay.path }),
    ...(options.replay?.commandsReplayPath === undefined
      ? {}
      : { commandsReplayPath: options.replay.commandsReplayPath }),
  });
  const base = {
    id: invariant.id,
    title: invariant.title,
    source: invariant.source,
    durationMs: Math.round(performance.now() - started),
  };
  switch (result.status) {
    case 'passed':
      return {
        ...base,
        status: 'passed',
        runs: result.runs,
        requests: result.requests,
        ...(result.notObserved.length > 0 ? { notObserved: result.notObserved } : {}),
      };
    case 'skipped':
      return { ...base, status: 'skipped', reason: result.reason, requests: result.requests };
    case 'failed': {
      const { finding } = result;
      const { evidence } = finding;
      return {
        ...base,
        status: 'failed',
        reason: finding.message,
        runs: result.runs,
        requests: result.requests,
        counterexample: {
          input: evidence.counterexample,
          text: evidence.counterexampleText,
          exchanges: evidence.exchanges,
          notes: evidence.notes,
          reproduced: evidence.reproduced,
        },
        replay: {
          id: invariant.id,
          docRevision: options.docRevision,
          seed: evidence.seed,
          path: evidence.path,
          numRuns,
          ...(evidence.commandsReplayPath === undefined ? {} : { commandsReplayPath: evidence.commandsReplayPath }),
        },
      };
    }
  }
}

/** live-stateful: every job this run submitted is terminated before the run ends (only those, never others). */
async function cleanUp(harness: HarnessRuntime): Promise<void> {
  for (const jobId of harness.createdJobs()) await harness.call('TerminateJob', { JobId: jobId });
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
