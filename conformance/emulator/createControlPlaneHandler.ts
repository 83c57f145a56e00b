import { ACTIONS, ACTION_NAMES, API_VERSION, SERVICE, type ActionName } from '../../generated/actions.ts';
import { ERROR_CODES } from '../../generated/errorCodes.ts';
import { TERMINATE_OUTCOMES, type Profile, type TaskInstanceState } from '../../generated/transitions.ts';
import type { RawRequest, RawResponse } from '../wire/RawExchange.ts';
import { createAjv } from '../schema/createAjv.ts';
import type { Cvm, Timings } from './Job.ts';
import type { BatchState } from './createBatchState.ts';
import type { Faults, FaultSpec } from './createFaults.ts';
import type { Scheduler } from './createScheduler.ts';
import { isoTime } from './describeViews.ts';
import { WORKLOAD_GRAMMAR } from './parseWorkload.ts';

/** Reserved prefix: no action lives under it, so control calls can never be confused with API calls. */
export const CONTROL_PREFIX = '/_emulator/';

export interface ControlConfig {
  profile: Profile;
  rateLimits: false | Partial<Record<ActionName, number>> | undefined;
  namedEnvs: Set<string>;
}

/**
 * Requests per second per credential that `action` is held to now, or undefined when unlimited: the override if
 * one is set, else the spec's limit. One rule for the limiter and for `info`, so what is reported is what is enforced.
 */
export function effectiveRateLimit(config: ControlConfig, action: ActionName): number | undefined {
  const limits = config.rateLimits;
  if (limits === false) return undefined;
  return limits?.[action] ?? ACTIONS[action].rateLimitPerSecond;
}

/** What `GET /_emulator/snapshot` answers. */
export interface EmulatorSnapshot {
  now: string;
  nowMs: number;
  profile: Profile;
  jobs: {
    JobId: string;
    accepted: boolean;
    tasks: {
      TaskName: string;
      env: Cvm['env'];
      instances: {
        index: number;
        state: TaskInstanceState;
        attempt: number;
        terminating: boolean;
        workloadRuns: number;
        cvm: string | null;
        history: { state: TaskInstanceState; at: number; seq: number }[];
      }[];
    }[];
  }[];
  cvms: {
    id: string;
    env: Cvm['env'];
    phase: Cvm['phase'];
    jobId: string;
    taskName: string;
    instanceIndex: number;
    attempt: number;
    workloadStartedAt: number | null;
    history: { phase: Cvm['phase']; at: number; seq: number }[];
  }[];
  quota: { cvmsInUse: number };
}

export interface ControlPlaneDeps {
  scheduler: Scheduler;
  timings: Timings;
  faults: Faults;
  config: ControlConfig;
  getState: () => BatchState;
  reset(next: { profile?: Profile; rateLimits?: false | Partial<Record<ActionName, number>> }): void;
}

const ajv = createAjv();
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
const validateAdvance = ajv.compile<{ seconds?: number; toNextEvent?: boolean }>({
  type: 'object',
  additionalProperties: false,
  properties: { seconds: { type: 'number', minimum: 0 }, toNextEvent: { const: true } },
  minProperties: 1,
  maxProperties: 1,
});
const validateReset = ajv.compile<{ profile?: Profile; rateLimits?: false | Partial<Record<ActionName, number>> }>({
  type: 'object',
  additionalProperties: false,
  properties: { profile: { enum: Object.keys(TERMINATE_OUTCOMES) }, rateLimits: rateLimitsSchema },
});
const validateEnv = ajv.compile<{ EnvId: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['EnvId'],
  properties: { EnvId: { type: 'string', pattern: '^env[-_][a-z0-9]{8}$' } },
});
const validateFault = ajv.compile<FaultSpec>({
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    kind: { enum: ['error', 'latency', 'http-status', 'non-json'] },
    action: { enum: ACTION_NAMES },
    code: { enum: Object.keys(ERROR_CODES) },
    ms: { type: 'number', minimum: 0, maximum: 600_000 },
    status: { type: 'integer', minimum: 100, maximum: 599 },
    probability: { type: 'number', minimum: 0, maximum: 1 },
    count: { type: 'integer', minimum: 1 },
  },
});

function json(status: number, body: unknown): RawResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * The emulator's control plane, `/_emulator/*` on the same origin (JSON, ordinary HTTP statuses; it is not part of
 * the Tencent API). Documented in the README; `info` tells a runner what this target can do.
 */
export function createControlPlane(deps: ControlPlaneDeps) {
  const { scheduler, faults, config } = deps;

  function info(): Record<string, unknown> {
    return {
      emulator: 'tbc',
      api: { service: SERVICE, version: API_VERSION },
      clock: { kind: scheduler.kind, now: isoTime(scheduler.now()), nowMs: scheduler.now() },
      profile: config.profile,
      profiles: Object.keys(TERMINATE_OUTCOMES),
      rateLimits: Object.fromEntries(ACTION_NAMES.map((a) => [a, effectiveRateLimit(config, a) ?? null])),
      timings: deps.timings,
      namedEnvs: [...config.namedEnvs],
      workloadGrammar: WORKLOAD_GRAMMAR,
      actions: ACTION_NAMES,
      controlPlane: [
        'GET /_emulator/info',
        'POST /_emulator/clock/advance {"seconds":N} | {"toNextEvent":true}',
        'POST /_emulator/reset {"profile"?,"rateLimits"?}',
        'GET|POST /_emulator/envs {"EnvId"}',
        'GET|POST|DELETE /_emulator/faults',
        'GET /_emulator/snapshot[?JobId=...]',
      ],
    };
  }

  function snapshot(jobId: string | null): EmulatorSnapshot {
    const state = deps.getState();
    scheduler.runDue();
    const jobs = [...state.jobs.values()].filter((j) => jobId === null || j.id === jobId);
    const cvms = state.cvms.filter((c) => jobId === null || c.jobId === jobId);
    return {
      now: isoTime(scheduler.now()),
      nowMs: scheduler.now(),
      profile: config.profile,
      jobs: jobs.map((j) => ({
        JobId: j.id,
        accepted: j.accepted,
        tasks: [...j.tasks.values()].map((t) => ({
          TaskName: t.name,
          env: t.env,
          instances: t.instances.map((i) => ({
            index: i.index,
            state: i.state,
            attempt: i.attempt,
            terminating: i.terminating,
            workloadRuns: i.workloadRuns,
            cvm: i.cvm?.id ?? null,
            history: i.history.map((h) => ({ state: h.value, at: h.at, seq: h.seq })),
          })),
        })),
      })),
      cvms: cvms.map((c) => ({
        id: c.id,
        env: c.env,
        phase: c.phase,
        jobId: c.jobId,
        taskName: c.taskName,
        instanceIndex: c.instanceIndex,
        attempt: c.attempt,
        workloadStartedAt: c.workloadStartedAt,
        history: c.history.map((h) => ({ phase: h.value, at: h.at, seq: h.seq })),
      })),
      // Quota: anonymous CVMs that exist (creating, running or terminating); released once terminated.
      quota: {
        cvmsInUse: state.cvms.filter(
          (c) => c.env.kind === 'anonymous' && c.phase !== 'terminated' && (jobId === null || c.jobId === jobId),
        ).length,
      },
    };
  }

  function parseBody(raw: RawRequest): { ok: true; value: unknown } | { ok: false } {
    if (raw.body.length === 0) return { ok: true, value: {} };
    try {
      return { ok: true, value: JSON.parse(raw.body.toString('utf8')) as unknown };
    } catch {
      return { ok: false };
    }
  }

  function handleSync(raw: RawRequest): RawResponse {
    const url = new URL(raw.url, 'http://emulator');
    const route = `${raw.method} ${url.pathname.slice(CONTROL_PREFIX.length)}`;
    const body = parseBody(raw);
    if (!body.ok) return json(400, { error: 'The body is not JSON.' });
    const invalid = (v: { errors?: unknown }) => json(400, { error: ajv.errorsText(v.errors as never) });
    switch (route) {
      case 'GET info':
        return json(200, info());
      case 'GET snapshot':
        return json(200, snapshot(url.searchParams.get('JobId')));
      case 'POST clock/advance': {
        if (!validateAdvance(body.value)) return invalid(validateAdvance);
        if (scheduler.kind !== 'virtual') return json(409, { error: 'The clock is real; start with --clock virtual.' });
        const processed =
          body.value.seconds === undefined
            ? scheduler.advanceToNextEvent()
            : scheduler.advanceBy(Math.round(body.value.seconds * 1000));
        return json(200, {
          now: isoTime(scheduler.now()),
          nowMs: scheduler.now(),
          processed,
          pending: scheduler.pendingEvents(),
        });
      }
      case 'POST reset':
        if (!validateReset(body.value)) return invalid(validateReset);
        deps.reset(body.value);
        return json(200, info());
      case 'GET envs':
        return json(200, { namedEnvs: [...config.namedEnvs] });
      case 'POST envs':
        if (!validateEnv(body.value)) return invalid(validateEnv);
        config.namedEnvs.add(body.value.EnvId);
        return json(200, { namedEnvs: [...config.namedEnvs] });
      case 'GET faults':
        return json(200, { faults: faults.list() });
      case 'POST faults':
        if (!validateFault(body.value)) return invalid(validateFault);
        return json(200, faults.add(body.value));
      case 'DELETE faults':
        faults.clear();
        return json(200, { faults: [] });
      default:
        return json(404, { error: `No control endpoint ${route}; see GET ${CONTROL_PREFIX}info.` });
    }
  }

  return {
    info,
    snapshot,
    handle: (raw: RawRequest): Promise<RawResponse> => Promise.resolve(handleSync(raw)),
  };
}
