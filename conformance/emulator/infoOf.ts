import { ACTION_NAMES, API_VERSION, SERVICE, type ActionName } from '../../generated/actions.ts';
import { DOC_REVISIONS } from '../../generated/transitions.ts';
import { CONTROL_PREFIX, CONTROL_ROUTES, TENANT_PREFIX, type EmulatorInfo } from '../control/controlPlane.ts';
import { isoTime } from './describeViews.ts';
import { effectiveRateLimit } from './createWorld.ts';
import type { Tenant } from './createTenants.ts';
import { WORKLOAD_GRAMMAR } from './parseWorkload.ts';

const ROUTE_LINES = Object.values(CONTROL_ROUTES).map((r) => {
  const where = r.scope === 'tenant' ? `[${TENANT_PREFIX}{tenant}/]${r.path}` : r.path;
  return `${r.method} ${CONTROL_PREFIX}${where} ${r.summary}`;
});

/** `GET /_emulator/info`: what this tenant's world can do and how it is set, so a runner can adapt to it. */
export function infoOf(tenant: Tenant): EmulatorInfo {
  const { scheduler, config, timings } = tenant.world;
  return {
    emulator: 'tbc',
    tenant: tenant.id,
    api: { service: SERVICE, version: API_VERSION },
    clock: { kind: scheduler.kind, now: isoTime(scheduler.now()), nowMs: scheduler.now() },
    docRevision: config.docRevision,
    profile: config.docRevision,
    docRevisions: DOC_REVISIONS,
    rateLimits: Object.fromEntries(ACTION_NAMES.map((a) => [a, effectiveRateLimit(config, a) ?? null])) as Record<
      ActionName,
      number | null
    >,
    timings: { ...timings },
    namedEnvs: [...config.namedEnvs],
    eventualConsistency: { ...config.eventualConsistency },
    workloadGrammar: WORKLOAD_GRAMMAR,
    actions: ACTION_NAMES,
    controlPlane: ROUTE_LINES,
  };
}
