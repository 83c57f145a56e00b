// The emulator's control plane, described once: routes, request and response shapes, fault kinds and the JSON
// Schemas its handler validates requests with. The emulator serves it (emulator/createControlPlaneHandler.ts) and
// every caller talks to it through one typed client (createControlClient.ts). It is not part of the Tencent API.
import { ACTIONS, ACTION_NAMES, ID_PATTERNS, type ActionName } from '../../generated/actions.ts';
import { ERROR_CODES, type ErrorCode } from '../../generated/errorCodes.ts';
import { DOC_REVISIONS, type DocRevision, type EnvKind, type TaskInstanceState } from '../../generated/transitions.ts';

/** Reserved prefix: no action lives under it, so control calls can never be confused with API calls. */
export const CONTROL_PREFIX = '/_emulator/';

/**
 * The tenant a request signed with the emulator's own credentials belongs to, and the one the unprefixed control routes
 * address: today's users, who know nothing of tenants, see exactly one world.
 */
export const DEFAULT_TENANT = 'default';

/** What a tenant id looks like (it travels in a path segment, so no `/`, `%` or spaces). */
export const TENANT_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';

/** Tenant-scoped routes also answer under this prefix plus the tenant id: `/_emulator/tenants/{tenant}/reset`. */
export const TENANT_PREFIX = 'tenants/';

/** What a checkpoint id looks like (`cp-1`, `cp-2`, ...; given out by the emulator). */
export const CHECKPOINT_ID_PATTERN = '^cp-[1-9][0-9]{0,15}$';

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

/**
 * Injected faults, for testing how clients cope:
 * - `error`: answer with a documented error code (default InternalError) instead of processing; nothing changes;
 * - `latency`: delay the answer by `ms` of wall time (client timeouts are wall-clock);
 * - `http-status`: a transport-level failure, HTTP `status` (default 500) with a plain-text body;
 * - `non-json`: HTTP 200 with a body that is not JSON.
 * A fault applies to one action or all, with a probability (default 1) and for the next `count` calls (default all).
 */
export const FAULT_KINDS = ['error', 'latency', 'http-status', 'non-json'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  kind: FaultKind;
  action?: ActionName;
  code?: ErrorCode;
  ms?: number;
  status?: number;
  probability?: number;
  count?: number;
}

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

/** Requests per second per action and credential; `false` turns every limit off, `{}` restores the spec's. */
export type RateLimitOverrides = false | Partial<Record<ActionName, number>>;

/**
 * Eventual consistency on purpose (the docs are silent; many cloud control planes are eventually consistent after a
 * write), so that clients — and the kit's own patience with such targets — can be tested against it. Emulator ms
 * (wall ms times `timeScale` on a real clock), 0 for none; a tenant is consistent unless told otherwise.
 */
export interface EventualConsistency {
  /**
   * After SubmitJob answered, the new job is not found for this long: DescribeJob and TerminateJob answer
   * ResourceNotFound.Job, DescribeTask ResourceNotFound.Task, TerminateTaskInstance ResourceNotFound.TaskInstance, as
   * for a job that does not exist, and nothing changes.
   */
  newJobMs: number;
  /**
   * After an accepted TerminateTaskInstance or TerminateJob, DescribeTask shows the affected task(s) as they were just
   * before it (states, metrics, filters and pages all from that moment) for this long. A termination within the window
   * keeps the first picture.
   */
  terminationMs: number;
}

/** A consistent world: what a tenant has unless `eventualConsistency` says otherwise. */
export const CONSISTENT: Readonly<EventualConsistency> = Object.freeze({ newJobMs: 0, terminationMs: 0 });

export interface ResetRequest {
  docRevision?: DocRevision;
  /** The old name of `docRevision`, still accepted. */
  profile?: DocRevision;
  rateLimits?: RateLimitOverrides;
  /**
   * Re-seeds the tenant's ids and probabilistic faults, so a run from this reset is reproducible whatever ran before.
   * Without it the random sequence continues.
   */
  seed?: number;
  /** Makes the tenant eventually consistent (or consistent again, with zeros); fields left out keep their value. */
  eventualConsistency?: Partial<EventualConsistency>;
}

export type AdvanceRequest = { seconds: number } | { toNextEvent: true };

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
  /** The old name of `docRevision`, still sent. */
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

/**
 * `POST /_emulator/tenants`: a new tenant with its own world. Every field is optional: the id is given out
 * (`t-1`, ...), the key pair generated (and answered once), the rest inherited from the emulator's start options.
 */
export interface TenantRequest {
  id?: string;
  /** The key pair that signs this tenant's API requests; its SecretId must not belong to another tenant. */
  credentials?: { secretId: string; secretKey: string; token?: string };
  docRevision?: DocRevision;
  rateLimits?: RateLimitOverrides;
  namedEnvs?: string[];
  /**
   * This tenant's clock (default: the emulator's). Why per tenant: `tbc conformance` needs a virtual clock and gets
   * one in its own tenant of an emulator started with the default real clock, leaving the other tenants' time alone.
   */
  clock?: 'real' | 'virtual';
  /** Seeds ids and probabilistic faults; default derived from the emulator's seed and the tenant id. */
  seed?: number;
  /** How long this tenant's reads lag its writes (default: the emulator's, consistent unless started otherwise). */
  eventualConsistency?: Partial<EventualConsistency>;
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

export interface RestoreRequest {
  checkpoint: string;
}

/** Every refusal of the control plane: an ordinary HTTP status (400, 404, 409) and this body (one line). */
export interface ControlError {
  error: string;
}

// ---- request schemas (the handler validates with these; clients are typed by the interfaces above) ----------------

const rateLimitsSchema = {
  anyOf: [
    { const: false },
    {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(ACTION_NAMES.map((a) => [a, { type: 'number', exclusiveMinimum: 0 }])),
    },
  ],
};

const seedSchema = { type: 'integer', minimum: 0, maximum: 2 ** 32 - 1 };
const lagSchema = { type: 'number', minimum: 0, maximum: 3_600_000 };
const eventualConsistencySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { newJobMs: lagSchema, terminationMs: lagSchema },
};
const envIdSchema = { type: 'string', pattern: ID_PATTERNS.EnvId };

export const CONTROL_SCHEMAS = {
  advance: {
    type: 'object',
    additionalProperties: false,
    properties: { seconds: { type: 'number', minimum: 0 }, toNextEvent: { const: true } },
    minProperties: 1,
    maxProperties: 1,
  },
  reset: {
    type: 'object',
    additionalProperties: false,
    properties: {
      docRevision: { enum: DOC_REVISIONS },
      profile: { enum: DOC_REVISIONS },
      rateLimits: rateLimitsSchema,
      seed: seedSchema,
      eventualConsistency: eventualConsistencySchema,
    },
    // One name at a time: `profile` is the old name of `docRevision`.
    not: { required: ['docRevision', 'profile'], properties: { docRevision: true, profile: true } },
  },
  declareEnv: {
    type: 'object',
    additionalProperties: false,
    required: ['EnvId'],
    properties: { EnvId: envIdSchema },
  },
  createTenant: {
    type: 'object',
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: TENANT_ID_PATTERN },
      credentials: {
        type: 'object',
        additionalProperties: false,
        required: ['secretId', 'secretKey'],
        properties: {
          // Why printable ASCII without `/` or spaces: the SecretId travels inside TC3's `Credential=` scope.
          secretId: { type: 'string', pattern: '^[\\x21-\\x2e\\x30-\\x7e]{1,128}$' },
          secretKey: { type: 'string', minLength: 1, maxLength: 256 },
          token: { type: 'string', minLength: 1, maxLength: 4096 },
        },
      },
      docRevision: { enum: DOC_REVISIONS },
      rateLimits: rateLimitsSchema,
      namedEnvs: { type: 'array', items: envIdSchema, maxItems: 1000 },
      clock: { enum: ['real', 'virtual'] },
      seed: seedSchema,
      eventualConsistency: eventualConsistencySchema,
    },
  },
  restore: {
    type: 'object',
    additionalProperties: false,
    required: ['checkpoint'],
    properties: { checkpoint: { type: 'string', pattern: CHECKPOINT_ID_PATTERN } },
  },
  addFault: {
    type: 'object',
    additionalProperties: false,
    required: ['kind'],
    properties: {
      kind: { enum: FAULT_KINDS },
      action: { enum: ACTION_NAMES },
      code: { enum: Object.keys(ERROR_CODES) },
      ms: { type: 'number', minimum: 0, maximum: 600_000 },
      status: { type: 'integer', minimum: 100, maximum: 599 },
      probability: { type: 'number', minimum: 0, maximum: 1 },
      count: { type: 'integer', minimum: 1 },
    },
  },
} as const;
