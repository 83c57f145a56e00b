import type { CatalogueInvariant } from '../../property-tests/catalogue.ts';
import { DEFAULT_MAX_INSTANCES } from '../../property-tests/planSharedJobs.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';
import { createLiveSession, type LiveSession } from './createLiveSession.ts';
import { fullRuns } from './fullRuns.ts';
import { liveHarnessOptionsOf } from './liveHarnessOptionsOf.ts';
import type { PreparedRun } from './prepareRun.ts';
import { isLive } from './runnerProfiles.ts';

/**
 * A live run's session (its one harness, shared jobs, turns and end), planned from the selected invariants that can
 * run; undefined on an emulator or a mock.
 */
export function openLiveSession(
  run: PreparedRun,
  options: ConformanceOptions,
  selected: readonly CatalogueInvariant[],
): LiveSession | undefined {
  const { profile } = run.resolved;
  if (!isLive(profile)) return undefined;
  return createLiveSession({
    profile,
    harness: liveHarnessOptionsOf(run, options),
    ledger: options.ledger,
    maxInstances: options.maxInstances ?? DEFAULT_MAX_INSTANCES,
    consistencyGraceMs: run.consistencyGraceMs,
    invariants: selected.filter(run.runnable).map((i) => ({
      id: i.id,
      runs: fullRuns(options, run.shard),
      stateful: i.requires.includes('state'),
    })),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}
