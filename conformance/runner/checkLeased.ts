import type { InvariantReport } from '../../generated/reportTypes.ts';
import type { CatalogueInvariant } from '../../property-tests/catalogue.ts';
import type { HarnessRuntime } from '../../property-tests/Harness.ts';
import type { ConformanceOptions, Shard } from './ConformanceOptions.ts';
import type { HarnessLeaser } from './createHarnessLeaser.ts';
import { fullRuns } from './fullRuns.ts';
import { toInvariantReport } from './toInvariantReport.ts';

/** How far one check may go: its share of the time budget, a cap on its runs, whether it runs on a live target. */
export interface CheckLimits {
  timeLimitMs?: number | undefined;
  runsCap?: number;
  /**
   * Live profiles: a run that observed nothing (a fleeting state missed) is replaced by a fresh draw (redrawsFor), and
   * a failure is shrunk for at most LIVE_SHRINK_LIMIT_MS (each step costs paced calls to a real service).
   */
  live?: boolean;
}

/** One invariant checked within limits; the phases of a run (smoke pass, full checks) call it. */
export type CheckInvariant = (invariant: CatalogueInvariant, limits: CheckLimits) => Promise<InvariantReport>;

/**
 * How long a failure found on a live target is shrunk: at the documented 2 calls a second that is some 60 calls,
 * enough to drop most of what a failing input does not need, and the failure is on the console within a minute.
 */
const LIVE_SHRINK_LIMIT_MS = 30_000;

/** Checks one invariant on a harness leased for it, released however the check ends. */
export async function checkLeased(
  invariant: CatalogueInvariant,
  leaser: HarnessLeaser,
  options: ConformanceOptions,
  shard: Shard,
  limits: CheckLimits,
): Promise<InvariantReport> {
  const leased = await leaser.lease(invariant.id);
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
  shard: Shard,
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
