// The emulator's control plane, described once: the request bodies (and fault kinds, id patterns) in
// control.schema.json, the JSON Schemas its handler validates them with, whose types `npm run generate` writes to
// generated/controlTypes.ts; the routes, answer shapes and which codes a fault may answer here. The emulator serves it
// (emulator/createControlPlaneHandler.ts) and every caller talks to it through one typed client
// (createControlClient.ts). It is not part of the Tencent API.
import { ACTIONS, ACTION_NAMES, type ActionName } from '../../generated/actions.ts';
import CONTROL_SCHEMA from '../../generated/control.schema.json' with { type: 'json' };
import type { ControlRequests, EventualConsistencyChange, FaultSpec } from '../../generated/controlTypes.ts';
import type { DocRevision, EnvKind, TaskInstanceState } from '../../generated/transitions.ts';

export {
  FAULT_KINDS,
  type AdvanceRequest,
  type DeclareEnvRequest,
  type FaultKind,
  type FaultSpec,
  type RateLimitOverrides,
  type ResetRequest,
  type RestoreRequest,
  type TenantRequest,
} from '../../generated/controlTypes.ts';

/** Reserved prefix: no action lives under it, so control calls can never be confused with API calls. */
export const CONTROL_PREFIX = '/_emulator/';

/**
 * The tenant a request signed with the emulator's own credentials belongs to, and the one the unprefixed control routes
 * address: today's users, who know nothing of tenants, see exactly one world.
 */
export const DEFAULT_TENANT = 'default';

/** What a tenant id looks like (it travels in a path segment, so no `/`, `%` or spaces). */
export const TENANT_ID_PATTERN = CONTROL_SCHEMA.$defs.TenantId.pattern;

/** Tenant-scoped routes also answer under this prefix plus the tenant id: `/_emulator/tenants/{tenant}/reset`. */
export const TENANT_PREFIX = 'tenants/';

/** What a checkpoint id looks like (`cp-1`, `cp-2`, ...; given out by the emulator). */
export const CHECKPOINT_ID_PATTERN = CONTROL_SCHEMA.$defs.CheckpointId.pattern;

/**
 * Every control endpoint: method and path under CONTROL_PREFIX. `tenant` routes act on one tenant's world (the default
 * tenant's at `/_emulator/{path}`, any tenant's at `/_emulator/tenants/{tenant}/{path}`); `emulator` routes act on the
 * emulator as a whole and exist only at `/_emulator/{path}` (`{id}` is one path segment).
 */
export const CONTROL_ROUTES = {
  info: {
    method: 'GET',
    path: 'info',
    scope: 'tenant',
    summary: 'capabilities, tenant, clock, doc revision, rate limits, timings',
  },
  advance: { method: 'POST', path: 'clock/advance', scope: 'tenant', summary: '{"seconds":N} | {"toNextEvent":true}' },
  reset: {
    method: 'POST',
    path: 'reset',
    scope: 'tenant',
    summary: '{"docRevision"?,"rateLimits"?,"seed"?,"eventualConsistency"?}',
  },
  listEnvs: { method: 'GET', path: 'envs', scope: 'tenant', summary: 'named compute environments' },
  declareEnv: { method: 'POST', path: 'envs', scope: 'tenant', summary: '{"EnvId"}' },
  listFaults: { method: 'GET', path: 'faults', scope: 'tenant', summary: 'armed faults' },
  addFault: { method: 'POST', path: 'faults', scope: 'tenant', summary: 'a FaultSpec' },
  clearFaults: { method: 'DELETE', path: 'faults', scope: 'tenant', summary: 'disarm every fault' },
  snapshot: { method: 'GET', path: 'snapshot', scope: 'tenant', summary: '[?JobId=...] jobs, instances, CVMs, quota' },
  checkpoint: { method: 'POST', path: 'checkpoints', scope: 'tenant', summary: "save this tenant's world" },
  restore: { method: 'POST', path: 'restore', scope: 'tenant', summary: '{"checkpoint"} put a saved world back' },
  listTenants: { method: 'GET', path: 'tenants', scope: 'emulator', summary: 'every tenant' },
  createTenant: { method: 'POST', path: 'tenants', scope: 'emulator', summary: 'a TenantRequest' },
  deleteTenant: { method: 'DELETE', path: 'tenants/{id}', scope: 'emulator', summary: 'forget a tenant' },
  deleteCheckpoint: { method: 'DELETE', path: 'checkpoints/{id}', scope: 'emulator', summary: 'free a checkpoint' },
} as const;
export type ControlRoute = keyof typeof CONTROL_ROUTES;
type RoutesOf<S> = { [K in ControlRoute]: (typeof CONTROL_ROUTES)[K]['scope'] extends S ? K : never }[ControlRoute];
/** The routes that act on one tenant's world. */
export type TenantRoute = RoutesOf<'tenant'>;
/** The routes that act on the emulator as a whole (tenants, checkpoints). */
export type EmulatorRoute = RoutesOf<'emulator'>;

/** An armed fault (kinds and fields: FaultSpec, `$defs.FaultKind` of control.schema.json). */
export interface Fault extends FaultSpec {
  id: number;
}

/** The codes every action documents: all a fault for every action may answer. */
const CODES_OF_EVERY_ACTION: readonly string[] = ACTION_NAMES.map(
  (a): readonly string[] => ACTIONS[a].errorCodes,
).reduce((common, codes) => common.filter((code) => codes.includes(code)));

/**
 * Why a fault may not be armed, in one line, or undefined when it may: its code must be one the action it targets
 * documents (its own codes and the API 3.0 common ones), or, for a fault on every action, one every action documents.
 * A test set up with any other code checks a situation the real service cannot produce (decision D-26).
 */
export function faultCodeProblem(spec: FaultSpec): string | undefined {
  if (spec.code === undefined) return undefined;
  if (spec.action === undefined) {
    return CODES_OF_EVERY_ACTION.includes(spec.code)
      ? undefined
      : `${spec.code} is not documented for every action: name the "action" that documents it`;
  }
  const documented: readonly string[] = ACTIONS[spec.action].errorCodes;
  return documented.includes(spec.code)
    ? undefined
    : `${spec.code} is not documented for ${spec.action} (its codes: spec/${spec.action}.yaml)`;
}

/** CVM lifecycle (anonymous environments: created per instance attempt; named: a node of the environment). */
export type CvmLifecyclePhase = 'creating' | 'running' | 'restarting' | 'terminating' | 'terminated';

/**
 * How long a tenant's reads lag its writes: every field of the request shape (`$defs.EventualConsistencyChange` of
 * control.schema.json, which says what each means), all set.
 */
export type EventualConsistency = Required<EventualConsistencyChange>;

/** A consistent world: what a tenant has unless `eventualConsistency` says otherwise. */
export const CONSISTENT: Readonly<EventualConsistency> = Object.freeze({ newJobMs: 0, terminationMs: 0 });

export interface AdvanceResult {
  now: string;
  nowMs: number;
  /** Events fired by this advance. */
  processed: number;
  pending: number;
}

/** What `GET /_emulator/info` answers; a runner uses it to recognise an emulator and what it can do. */
export interface EmulatorInfo {
  /** `tbc` for this kit's emulator; anything else answering /_emulator/info is not one. */
  emulator: 'tbc';
  /** The tenant this answer describes (DEFAULT_TENANT on the unprefixed routes). */
  tenant: string;
  api: { service: string; version: string };
  clock: { kind: 'real' | 'virtual'; now: string; nowMs: number };
  docRevision: DocRevision;
  /**
   * The doc revision under its old wire name (before the kit called it docRevision). Why still sent: scripts written
   * against that emulator read it, and the control plane's answers only grow.
   */
  profile: DocRevision;
  docRevisions: DocRevision[];
  rateLimits: Record<ActionName, number | null>;
  timings: Record<string, number>;
  namedEnvs: string[];
  /** How long reads lag writes (all zeros: consistent, the default). */
  eventualConsistency: EventualConsistency;
  /** The `Application.Command` grammar the emulator runs (steps, separators, examples). */
  workloadGrammar: { steps: Record<string, string>; separators: readonly string[]; examples: Record<string, string> };
  actions: ActionName[];
  controlPlane: string[];
}

export interface SnapshotInstance {
  index: number;
  state: TaskInstanceState;
  attempt: number;
  terminating: boolean;
  workloadRuns: number;
  cvm: string | null;
  history: { state: TaskInstanceState; at: number; seq: number }[];
}

export type TaskEnv = { kind: Extract<EnvKind, 'anonymous'> } | { kind: Extract<EnvKind, 'named'>; envId: string };

export interface SnapshotCvm {
  id: string;
  env: TaskEnv;
  phase: CvmLifecyclePhase;
  jobId: string;
  taskName: string;
  instanceIndex: number;
  attempt: number;
  workloadStartedAt: number | null;
  history: { phase: CvmLifecyclePhase; at: number; seq: number }[];
}

/** What `GET /_emulator/snapshot` answers: every job, instance (with state history) and CVM, and the quota. */
export interface EmulatorSnapshot {
  now: string;
  nowMs: number;
  docRevision: DocRevision;
  jobs: {
    JobId: string;
    accepted: boolean;
    tasks: { TaskName: string; env: TaskEnv; instances: SnapshotInstance[] }[];
  }[];
  cvms: SnapshotCvm[];
  quota: { cvmsInUse: number };
}

/** The answer to `POST /_emulator/tenants`: the only answer that carries the tenant's SecretKey. */
export interface TenantCreated {
  id: string;
  credentials: { secretId: string; secretKey: string; token?: string };
  info: EmulatorInfo;
}

/** One line of `GET /_emulator/tenants` (SecretIds only, never keys). */
export interface TenantSummary {
  id: string;
  secretIds: string[];
  docRevision: DocRevision;
  nowMs: number;
  jobs: number;
  pendingEvents: number;
}

/** The answer to `POST .../checkpoints`: a saved world, kept by the emulator until deleted. */
export interface CheckpointCreated {
  checkpoint: string;
  /** The tenant it was saved from; any tenant following the same doc revision may restore it. */
  tenant: string;
  docRevision: DocRevision;
  nowMs: number;
  jobs: number;
}

/** Every refusal of the control plane: an ordinary HTTP status (400, 404, 409) and this body (one line). */
export interface ControlError {
  error: string;
}

/** The JSON Schema of one route's request body, as ajv compiles it. */
export interface ControlSchema {
  $defs: Readonly<Record<string, unknown>>;
  $ref: string;
}

/**
 * The route's `$defs` entry of generated/control.schema.json (control.schema.json with the spec's lists written in),
 * with the `$defs` it refers to. Why not the JSON's own type: the published .d.ts would then import the JSON file.
 */
function schemaOf(route: keyof ControlRequests): ControlSchema {
  return { $defs: CONTROL_SCHEMA.$defs, $ref: CONTROL_SCHEMA.properties[route].$ref };
}

/** Per route that takes a body, the JSON Schema its handler validates the body with. */
export const CONTROL_SCHEMAS: Record<keyof ControlRequests, ControlSchema> = {
  advance: schemaOf('advance'),
  reset: schemaOf('reset'),
  declareEnv: schemaOf('declareEnv'),
  createTenant: schemaOf('createTenant'),
  restore: schemaOf('restore'),
  addFault: schemaOf('addFault'),
};
