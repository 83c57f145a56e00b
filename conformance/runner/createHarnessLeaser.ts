import type { InvariantId } from '../../property-tests/catalogue.ts';
import { createLiveHarness } from '../../property-tests/createLiveHarness.ts';
import type { HarnessRuntime } from '../../property-tests/Harness.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';
import type { LiveSession } from './createLiveSession.ts';
import { liveHarnessOptionsOf } from './liveHarnessOptionsOf.ts';
import { openTenantHarness, type HarnessLease } from './openTenantHarness.ts';
import type { PreparedRun } from './prepareRun.ts';

/** The named environment the runner declares on an emulator for TTI-06. */
export const EMULATED_NAMED_ENV = 'env-tbcnamed';

export interface HarnessLeaser {
  lease(id: InvariantId): Promise<HarnessLease>;
  /** Every harness leased so far: the report adds up their requests, coverage and consistency. */
  leased(): HarnessRuntime[];
}

/**
 * Where each check gets its harness: an emulator tenant of its own; the live session's one harness (its job pool and
 * pacing span the run); against a mock a fresh one each time (it holds nothing worth sharing).
 */
export function createHarnessLeaser(
  run: PreparedRun,
  options: ConformanceOptions,
  session: LiveSession | undefined,
): HarnessLeaser {
  const used = new Set<HarnessRuntime>();
  const emulator = run.resolved.control;
  const newMockHarness = (): HarnessRuntime =>
    createLiveHarness({
      ...liveHarnessOptionsOf(run, options),
      ...(options.ledger === undefined ? {} : { jobEvents: options.ledger }),
    });
  return {
    async lease(id) {
      const leased: HarnessLease =
        emulator !== undefined
          ? await openTenantHarness({
              emulator,
              implementation: run.implementation,
              origin: run.baseUrl,
              clientOptions: run.common,
              zone: run.zone,
              name: `${run.jobTag}-${id}`,
              docRevision: options.docRevision,
              seed: options.seed,
              namedEnvId: EMULATED_NAMED_ENV,
              jobTag: run.jobTag,
              consistencyGraceMs: run.consistencyGraceMs,
            })
          : { harness: session?.harness ?? newMockHarness(), release: () => Promise.resolve() };
      used.add(leased.harness);
      return leased;
    },
    leased: () => [...used],
  };
}
