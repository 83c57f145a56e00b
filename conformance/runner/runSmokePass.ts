import type { InvariantReport } from '../../generated/reportTypes.ts';
import type { CatalogueInvariant, InvariantId } from '../../property-tests/catalogue.ts';
import type { CheckInvariant } from './checkLeased.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';
import type { TimeBudget } from './createTimeBudget.ts';
import { fullRuns } from './fullRuns.ts';
import type { PreparedRun } from './prepareRun.ts';
import { runConcurrently } from './runConcurrently.ts';
import { isLive } from './runnerProfiles.ts';

/** Runs per invariant in the smoke pass. */
export const SMOKE_RUNS = 3;

export interface SmokeResults {
  /** The failures the pass found: they stand as the invariants' reports. */
  failed: Map<InvariantId, InvariantReport>;
  /** How long each invariant's smoke runs took (its full check's duration includes them). */
  durationsMs: Map<InvariantId, number>;
}

/**
 * The smoke pass: every invariant's first few runs before any full check, so a bug that early runs catch is printed
 * within seconds, not after the invariants before it. fast-check draws a run from the seed and its index only, so a
 * failure found here is exactly the one (runs, counterexample, shrinking, replay) the full check would report, and
 * stands; the others are checked in full after (their first runs again, on a fresh tenant). Not on live profiles
 * (repeated runs cost the user's requests and jobs), nor for a replay.
 */
export async function runSmokePass(
  selected: readonly CatalogueInvariant[],
  run: PreparedRun,
  options: ConformanceOptions,
  time: TimeBudget,
  check: CheckInvariant,
): Promise<SmokeResults> {
  const results: SmokeResults = { failed: new Map(), durationsMs: new Map() };
  const smokeRuns = options.smokeRuns ?? SMOKE_RUNS;
  const on =
    !isLive(run.resolved.profile) &&
    options.replay === undefined &&
    smokeRuns > 0 &&
    fullRuns(options, run.shard) > smokeRuns;
  if (!on) return results;
  await runConcurrently(selected.filter(run.runnable), run.concurrency, async (invariant) => {
    const budgetLeft = time.forChecksMs();
    if (budgetLeft <= 0 || run.breaker.tripped !== undefined) return;
    const report = await check(invariant, { timeLimitMs: budgetLeft, runsCap: smokeRuns });
    results.durationsMs.set(invariant.id, report.durationMs);
    if (report.status !== 'failed') return;
    results.failed.set(invariant.id, report);
    options.onProgress?.({ kind: 'invariant-done', id: invariant.id, status: report.status });
  });
  return results;
}
