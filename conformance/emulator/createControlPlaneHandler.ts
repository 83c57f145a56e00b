import {
  CONTROL_PREFIX,
  CONTROL_ROUTES,
  CHECKPOINT_ID_PATTERN,
  DEFAULT_TENANT,
  TENANT_ID_PATTERN,
  TENANT_PREFIX,
  type ControlRoute,
  type EmulatorRoute,
  type TenantCreated,
  type TenantRoute,
  type TenantSummary,
} from '../control/controlPlane.ts';
import type { RawRequest, RawResponse } from '../wire/RawExchange.ts';
import { CONTROL_VALIDATORS as V, invalid, json, quote, refuse } from './controlAnswers.ts';
import { createCheckpoints } from './createCheckpoints.ts';
import type { Tenant, Tenants } from './createTenants.ts';
import { infoOf } from './infoOf.ts';
import { serveTenantRoute } from './serveTenantRoute.ts';

const TENANT_ID = new RegExp(TENANT_ID_PATTERN);
const CHECKPOINT_ID = new RegExp(CHECKPOINT_ID_PATTERN);

interface RouteEntry {
  name: ControlRoute;
  method: string;
  scope: 'tenant' | 'emulator';
  segments: readonly string[];
}

const ROUTE_TABLE: readonly RouteEntry[] = Object.entries(CONTROL_ROUTES).map(([name, r]) => ({
  name: name as ControlRoute,
  method: r.method,
  scope: r.scope,
  segments: r.path.split('/'),
}));

/** The route `path` names (an `{id}` segment matches any one segment, handed back as `id`). */
function matchRoute(method: string, path: string): { entry: RouteEntry; id: string } | undefined {
  const segments = path.split('/');
  for (const entry of ROUTE_TABLE) {
    if (entry.method !== method || entry.segments.length !== segments.length) continue;
    let id = '';
    const fits = entry.segments.every((s, i) => {
      if (s !== '{id}') return s === segments[i];
      id = segments[i] ?? '';
      return true;
    });
    if (fits) return { entry, id };
  }
  return undefined;
}

function parseBody(raw: RawRequest): { ok: true; value: unknown } | { ok: false } {
  if (raw.body.length === 0) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(raw.body.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

function summaryOf(tenant: Tenant): TenantSummary {
  const { scheduler, config, state } = tenant.world;
  return {
    id: tenant.id,
    secretIds: [...tenant.secretIds],
    docRevision: config.docRevision,
    nowMs: scheduler.now(),
    jobs: state.jobs.size,
    pendingEvents: scheduler.pendingEvents(),
  };
}

const noRoute = (method: string, path: string): RawResponse =>
  refuse(404, `No control endpoint ${method} ${path}; see GET ${CONTROL_PREFIX}info.`);

/**
 * Serves the emulator's control plane (conformance/control/controlPlane.ts describes it): JSON under `/_emulator/`
 * on the same origin, ordinary HTTP statuses. A tenant's world is addressed by path, `/_emulator/tenants/{tenant}/`
 * plus a tenant route, or the default tenant's without the prefix. A refused call (400, 404, 409) changes nothing.
 */
export function createControlPlaneHandler(tenants: Tenants) {
  const checkpoints = createCheckpoints();

  function serveEmulatorRoute(route: EmulatorRoute, id: string, body: unknown): RawResponse {
    switch (route) {
      case 'listTenants':
        return json(200, { tenants: tenants.list().map(summaryOf) });
      case 'createTenant': {
        if (!V.createTenant(body)) return invalid(V.createTenant);
        const created = tenants.create(body);
        if (!created.ok) return refuse(created.status, created.error);
        const answer: TenantCreated = {
          id: created.tenant.id,
          credentials: { ...created.credentials },
          info: infoOf(created.tenant),
        };
        return json(200, answer);
      }
      case 'deleteTenant': {
        if (!TENANT_ID.test(id)) return malformedTenant(id);
        if (id === DEFAULT_TENANT) return refuse(409, 'The default tenant cannot be deleted; reset it instead.');
        return tenants.delete(id) ? json(200, { deleted: id }) : unknownTenant(id);
      }
      case 'deleteCheckpoint':
        if (!CHECKPOINT_ID.test(id)) return refuse(400, `Malformed checkpoint id ${quote(id)}; ids look like cp-1.`);
        return checkpoints.delete(id) ? json(200, { deleted: id }) : refuse(404, `No checkpoint ${id}.`);
    }
  }

  function handleSync(raw: RawRequest): RawResponse {
    const url = new URL(raw.url, 'http://emulator');
    let path = url.pathname.slice(CONTROL_PREFIX.length);
    let tenant = tenants.defaultTenant;
    // `tenants/{tenant}/...` addresses a tenant's world; `tenants` and `tenants/{id}` are emulator routes.
    const slash = path.indexOf('/', TENANT_PREFIX.length);
    const scoped = path.startsWith(TENANT_PREFIX) && slash !== -1;
    if (scoped) {
      const id = path.slice(TENANT_PREFIX.length, slash);
      if (!TENANT_ID.test(id)) return malformedTenant(id);
      const found = tenants.get(id);
      if (found === undefined) return unknownTenant(id);
      tenant = found;
      path = path.slice(slash + 1);
    }
    const match = matchRoute(raw.method, path);
    if (match === undefined || (scoped && match.entry.scope === 'emulator')) {
      return noRoute(raw.method, url.pathname.slice(CONTROL_PREFIX.length));
    }
    const body = parseBody(raw);
    if (!body.ok) return refuse(400, 'The body is not JSON.');
    return match.entry.scope === 'tenant'
      ? serveTenantRoute(
          match.entry.name as TenantRoute,
          tenant,
          { body: body.value, query: url.searchParams },
          checkpoints,
        )
      : serveEmulatorRoute(match.entry.name as EmulatorRoute, match.id, body.value);
  }

  return {
    handle: (raw: RawRequest): Promise<RawResponse> => Promise.resolve(handleSync(raw)),
  };
}

function malformedTenant(id: string): RawResponse {
  return refuse(400, `Malformed tenant id ${quote(id)}; tenant ids match ${TENANT_ID_PATTERN}.`);
}

function unknownTenant(id: string): RawResponse {
  return refuse(404, `No tenant ${id}; create it with POST ${CONTROL_PREFIX}tenants.`);
}
