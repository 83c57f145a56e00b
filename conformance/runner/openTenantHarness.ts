import type { DocRevision } from '../../generated/transitions.ts';
import { createEmulatedHarness } from '../../property-tests/createEmulatedHarness.ts';
import type { HarnessRuntime } from '../../property-tests/Harness.ts';
import { createApiClient, type ApiClientOptions } from '../client/createApiClient.ts';
import { ControlPlaneError, createControlClient, type ControlClient } from '../control/createControlClient.ts';
import type { TenantCreated } from '../control/controlPlane.ts';
import type { Implementation } from '../Implementation.ts';

/** A harness the run holds for one invariant; `release` frees what it holds. */
export interface HarnessLease {
  harness: HarnessRuntime;
  release(): Promise<void>;
}

export interface TenantHarnessOptions {
  /** The emulator's control plane (any tenant's client: tenants are created and deleted emulator-wide). */
  emulator: ControlClient;
  /** How API and control calls reach the emulator, and the Region the kit sends. */
  implementation: Implementation;
  origin: string;
  clientOptions: Omit<ApiClientOptions, 'credentials' | 'pacing'>;
  /** The zone of the jobs the harness submits; default the harness's. */
  zone: string | undefined;
  /** Names the tenant; the report never depends on it, a replay of one invariant gets the same tenant. */
  name: string;
  docRevision: DocRevision;
  seed: number;
  namedEnvId: string;
  jobTag: string;
  /** Patience with an emulator made eventually consistent on purpose (createPatience); 0: none, it is consistent. */
  consistencyGraceMs?: number;
}

/**
 * One invariant's own tenant of a tbc emulator: a world with a virtual clock (whatever the emulator's default clock,
 * so `tbc emulator` with defaults works), seeded from the run's seed, signed for with the tenant's own key pair. Why a
 * tenant per invariant: invariants then run concurrently without seeing each other, each starts from the same state
 * at any concurrency and in a replay, and the emulator's default tenant (its users' world) is never touched.
 */
export async function openTenantHarness(options: TenantHarnessOptions): Promise<HarnessLease> {
  const created = await createTenant(options);
  const control = createControlClient(options.implementation, options.origin, {
    tenant: created.id,
    ...(options.clientOptions.timeoutMs === undefined ? {} : { timeoutMs: options.clientOptions.timeoutMs }),
  });
  const harness = createEmulatedHarness({
    client: createApiClient({ ...options.clientOptions, credentials: created.credentials, pacing: false }),
    ...(options.zone === undefined ? {} : { zone: options.zone }),
    control,
    docRevision: options.docRevision,
    jobTag: options.jobTag,
    namedEnvId: options.namedEnvId,
    ...(options.consistencyGraceMs === undefined ? {} : { consistencyGraceMs: options.consistencyGraceMs }),
  });
  return {
    harness,
    release: async () => {
      await harness.dispose();
      await options.emulator.deleteTenant(created.id);
    },
  };
}

/** Another run may hold a tenant of the same name on a shared emulator: then the next free suffix. */
async function createTenant(options: TenantHarnessOptions): Promise<TenantCreated> {
  for (let attempt = 1; ; attempt++) {
    const id = attempt === 1 ? options.name : `${options.name}.${attempt}`;
    try {
      return await options.emulator.createTenant({
        id,
        clock: 'virtual',
        docRevision: options.docRevision,
        seed: options.seed,
        namedEnvs: [options.namedEnvId],
      });
    } catch (error) {
      if (!(error instanceof ControlPlaneError && error.status === 409) || attempt >= 100) throw error;
    }
  }
}
