import { randomBytes } from 'node:crypto';
import { DEFAULT_TENANT, type TenantRequest } from '../control/controlPlane.ts';
import type { Credentials } from '../signing/Credentials.ts';
import type { CredentialStore } from '../signing/verifyRequest.ts';
import { seedFor } from './createRandom.ts';
import type { World, WorldOptions } from './createWorld.ts';

/** A world and the key pairs whose signatures reach it. */
export interface Tenant {
  readonly id: string;
  readonly secretIds: readonly string[];
  readonly world: World;
}

export type TenantCreation =
  { ok: true; tenant: Tenant; credentials: Credentials } | { ok: false; status: 409; error: string };

/**
 * Every tenant of one emulator, found by id (control plane) or by the SecretId that signed a request (API). The
 * default tenant holds the emulator's own credentials and can be neither created nor deleted.
 */
export interface Tenants {
  readonly defaultTenant: Tenant;
  get(id: string): Tenant | undefined;
  /** The tenant a verified SecretId belongs to. */
  bySecretId(secretId: string): Tenant | undefined;
  /** What the signature verifiers look keys up with: every tenant's key pairs. */
  readonly findCredentials: CredentialStore;
  create(request: TenantRequest): TenantCreation;
  /** Forgets a tenant and its key pairs; false for the default tenant or an unknown id. */
  delete(id: string): boolean;
  list(): Tenant[];
}

interface Key {
  credentials: Credentials;
  tenant: Tenant;
}

export interface TenantsOptions {
  /** The default tenant's key pairs (the emulator's `credentials` option). */
  defaultCredentials: readonly Credentials[];
  /** The emulator's start options, which a new tenant inherits where its request is silent. */
  worldDefaults: Omit<WorldOptions, 'seed'>;
  /** The emulator's seed: the default tenant's, and mixed with the id into every other tenant's. */
  seed: number;
  createWorld(options: WorldOptions): World;
}

export function createTenants(options: TenantsOptions): Tenants {
  const byId = new Map<string, Tenant>();
  const keys = new Map<string, Key>();
  let generated = 0;

  function register(id: string, credentials: readonly Credentials[], world: World): Tenant {
    const tenant: Tenant = { id, secretIds: credentials.map((c) => c.secretId), world };
    byId.set(id, tenant);
    for (const c of credentials) keys.set(c.secretId, { credentials: c, tenant });
    return tenant;
  }

  const defaultTenant = register(
    DEFAULT_TENANT,
    options.defaultCredentials,
    options.createWorld({ ...options.worldDefaults, seed: options.seed }),
  );

  function freeId(): string {
    for (;;) {
      const id = `t-${++generated}`;
      if (!byId.has(id)) return id;
    }
  }

  return {
    defaultTenant,
    get: (id) => byId.get(id),
    bySecretId: (secretId) => keys.get(secretId)?.tenant,
    findCredentials: (secretId) => keys.get(secretId)?.credentials,
    create(request) {
      const id = request.id ?? freeId();
      if (byId.has(id)) return { ok: false, status: 409, error: `Tenant ${id} exists.` };
      // Why a SecretId derived from the id: a log line then names the tenant; the key is random, answered once.
      const credentials = request.credentials ?? {
        secretId: `AKIDtbc-${id}`,
        secretKey: randomBytes(24).toString('base64url'),
      };
      const owner = keys.get(credentials.secretId)?.tenant;
      if (owner !== undefined) {
        return { ok: false, status: 409, error: `SecretId ${credentials.secretId} belongs to tenant ${owner.id}.` };
      }
      const defaults = options.worldDefaults;
      const world = options.createWorld({
        ...defaults,
        clock: request.clock ?? defaults.clock,
        docRevision: request.docRevision ?? defaults.docRevision,
        rateLimits: request.rateLimits ?? defaults.rateLimits,
        namedEnvs: request.namedEnvs ?? defaults.namedEnvs,
        seed: request.seed ?? seedFor(options.seed, id),
        eventualConsistency: { ...defaults.eventualConsistency, ...request.eventualConsistency },
      });
      return { ok: true, tenant: register(id, [credentials], world), credentials };
    },
    delete(id) {
      const tenant = byId.get(id);
      if (tenant === undefined || tenant === defaultTenant) return false;
      byId.delete(id);
      for (const secretId of tenant.secretIds) keys.delete(secretId);
      return true;
    },
    list: () => [...byId.values()],
  };
}
