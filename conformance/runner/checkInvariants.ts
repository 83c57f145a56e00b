import type { InvariantReport } from '../../generated/reportTypes.ts';
import { CAPABILITIES } from '../../property-tests/Capability.ts';
import type { CatalogueInvariant } from '../../property-tests/catalogue.ts';
import type { CheckInvariant } from './checkLeased.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';
import type { LiveSession, Turn } from './createLiveSession.ts';
import type { TimeBudget } from './createTimeBudget.ts';
import { MOCK_LIMITATIONS } from './mockLimitations.ts';
import type { PreparedRun } from './prepareRun.ts';
import { runConcurrently } from './runConcurrently.ts';
import { isLive } from './runnerProfiles.ts';
import type { SmokeResults } from './runSmokePass.ts';

export interface FullCheckInputs {
  selected: readonly CatalogueInvariant[];
  session: LiveSession | undefined;
  /** The smoke pass's failures stand; its durations are added to the full checks'. */
  smoke: SmokeResults;
  time: TimeBudget;
  check: CheckInvariant;
}

/**
 * Every selected invariant's report, in catalogue order: checked in full, or why it was not (a capability the target
 * lacks, the target stopped answering, the run interrupted, stopped or out of time, no jobs left for it).
 */
export function checkInvariants(
  run: PreparedRun,
  options: ConformanceOptions,
  { selected, session, smoke, time, check }: FullCheckInputs,
): Promise<InvariantReport[]> {
  const live = isLive(run.resolved.profile);
  let stopped: string | undefined;
  // Live runs check one invariant at a time against the time budget: each gets an equal share of what is left, so a
  // slow one (real waits, paced calls) cannot spend the budget of those after it. A share left unused passes on.
  let leftToCheck = selected.filter(run.runnable).length;

  const whyNotRun = (
    invariant: CatalogueInvariant,
    remainingMs: number,
    turn: Turn | undefined,
  ): Pick<InvariantReport, 'status' | 'reason'> | undefined => {
    const missing = invariant.requires.find((c) => !run.resolved.capabilities.has(c));
    if (missing !== undefined) return { status: 'skipped', reason: CAPABILITIES[missing].whenMissing };
    if (run.breaker.tripped !== undefined) {
      return { status: 'blocked', reason: `not run: the target stopped answering (${run.breaker.tripped})` };
    }
    if (stopped !== undefined) return { status: 'skipped', reason: stopped };
    if (options.signal?.aborted === true) return { status: 'skipped', reason: 'the run was interrupted' };
    if (remainingMs <= 0) {
      return { status: 'skipped', reason: `the run's time budget (${Math.round(time.budgetMs / 1000)} s) is spent` };
    }
    return turn?.skip === undefined ? undefined : { status: 'skipped', reason: turn.skip };
  };

  return runConcurrently(selected, run.concurrency, async (invariant): Promise<InvariantReport> => {
    const limitation = run.resolved.profile === 'mock' ? MOCK_LIMITATIONS[invariant.id] : undefined;
    const withLimitation = (report: InvariantReport): InvariantReport =>
      limitation === undefined ? report : { ...report, mockLimitation: limitation };
    const found = smoke.failed.get(invariant.id);
    if (found !== undefined) return withLimitation(found);
    const runnable = run.runnable(invariant);
    const remainingMs = time.forChecksMs();
    const shareMs = live && runnable ? remainingMs / Math.max(1, leftToCheck--) : remainingMs;
    // Its jobs likewise (live-stateful): its runs within the machine budget, its share of the shared jobs.
    const turn = runnable ? session?.turn(invariant.id, shareMs, invariant.requires.includes('state')) : undefined;
    const notRun = whyNotRun(invariant, remainingMs, turn);
    const report: InvariantReport =
      notRun !== undefined
        ? { id: invariant.id, title: invariant.title, source: invariant.source, ...notRun, durationMs: 0 }
        : await check(invariant, {
            timeLimitMs: shareMs,
            live,
            ...(turn?.runsCap === undefined ? {} : { runsCap: turn.runsCap }),
          }).then((full) => ({ ...full, durationMs: full.durationMs + (smoke.durationsMs.get(invariant.id) ?? 0) }));
    options.onProgress?.({ kind: 'invariant-done', id: invariant.id, status: report.status });
    // A live-stateful run stops at its first (shrunk) failure: every further run costs the user's jobs and time.
    if (report.status === 'failed' && run.resolved.profile === 'live-stateful') {
      stopped = `not run: the live-stateful run stopped at the first failure (${invariant.id})`;
    }
    return withLimitation(report);
  });
}
