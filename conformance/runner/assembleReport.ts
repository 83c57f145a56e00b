import { ACTIONS } from '../../generated/actions.ts';
import type { ConsistencyReport, CoverageReport, InvariantReport, Report } from '../../generated/reportTypes.ts';
import { mergeCoverage, type Coverage } from '../../property-tests/createCoverage.ts';
import { mergeConsistency } from '../../property-tests/createPatience.ts';
import type { HarnessRuntime } from '../../property-tests/Harness.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';
import type { LiveSession } from './createLiveSession.ts';
import type { PreparedRun } from './prepareRun.ts';
import { summarize } from './summarize.ts';
import { TOOL_VERSION } from '../toolVersion.ts';

export interface RunOutcome {
  reports: InvariantReport[];
  /** Every harness the run leased: their requests, coverage and consistency are the run's. */
  harnesses: readonly HarnessRuntime[];
  session: LiveSession | undefined;
  startedMs: number;
}

/** The run's report as data: its verdict, the invariants' reports and what the run covered. */
export function assembleReport(
  run: PreparedRun,
  options: ConformanceOptions,
  { reports, harnesses, session, startedMs }: RunOutcome,
): Report {
  const { breaker } = run;
  return {
    tool: 'tbc',
    version: TOOL_VERSION,
    target: options.url,
    profile: run.resolved.profile,
    docRevision: options.docRevision,
    seed: options.seed,
    ok: reports.every((r) => r.status !== 'failed') && breaker.tripped === undefined,
    ...(breaker.tripped === undefined ? {} : { stopped: breaker.tripped }),
    strict: run.strict,
    durationMs: Math.round(performance.now() - startedMs),
    shards: [`${run.shard.index}/${run.shard.count}`],
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
