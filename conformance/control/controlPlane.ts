// The emulator's control plane, described once: routes, request and response shapes, fault kinds and the JSON
// Schemas its handler validates requests with. The emulator serves it (emulator/createControlPlaneHandler.ts) and
// every caller talks to it through one typed client (createControlClient.ts). It is not part of the Tencent API.
import { ACTIONS, ACTION_NAMES, ID_PATTERNS, type ActionName } from '../../generated/actions.ts';
import { ERROR_CODES, type ErrorCode } from '../../generated/errorCodes.ts';
import { DOC_REVISIONS, type DocRevision, type EnvKind, type TaskInstanceState } from '../../generated/transitions.ts';

/** Reserved prefix: no action lives under it, so control calls can never be confused with API calls. */
export const CONTROL_PREFIX = '/_emulator/';

/** Every control endpoint: method and path under CONTROL_PREFIX. */
export const CONTROL_ROUTES = {
  info: { method: 'GET', path: 'info', summary: 'capabilities, clock, doc revision, rate limits, timings' },
  advance: { method: 'POST', path: 'clock/advance', summary: '{"seconds":N} | {"toNextEvent":true}' },
  reset: { method: 'POST', path: 'reset', summary: '{"docRevision"?,"rateLimits"?}' },
  listEnvs: { method: 'GET', path: 'envs', summary: 'named compute environments' },
  declareEnv: { method: 'POST', path: 'envs', summary: '{"EnvId"}' },
  listFaults: { method: 'GET', path: 'faults', summary: 'armed faults' },
  addFault: { method: 'POST', path: 'faults', summary: 'a FaultSpec' },
  clearFaults: { method: 'DELETE', path: 'faults', summary: 'disarm every fault' },
  snapshot: { method: 'GET', path: 'snapshot', summary: '[?JobId=...] jobs, instances, CVMs, quota' },
} as const;
export type ControlRoute = keyof typeof CONTROL_ROUTES;

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

export interface ResetRequest {
  docRevision?: DocRevision;
  /** The old name of `docRevision`, still accepted. */
  profile?: DocRevision;
  rateLimits?: RateLimitOverrides;
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
  api: { service: string; version: string };
  clock: { kind: 'real' | 'virtual'; now: string; nowMs: number };
  docRevision: DocRevision;
  /** The old name of `docRevision`, still sent. */
  profile: DocRevision;
  docRevisions: DocRevision[];
  rateLimits: Record<ActionName, number | null>;
  timings: Record<string, number>;
  namedEnvs: string[];
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

/** Every refusal of the control plane: an ordinary HTTP status (400, 404, 409) and this body. */
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
    },
    // One name at a time: `profile` is the old name of `docRevision`.
    not: { required: ['docRevision', 'profile'], properties: { docRevision: true, profile: true } },
  },
  declareEnv: {
    type: 'object',
    additionalProperties: false,
    required: ['EnvId'],
    properties: { EnvId: { type: 'string', pattern: ID_PATTERNS.EnvId } },
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
