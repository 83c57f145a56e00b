import { ACTIONS, ACTION_NAMES, API_VERSION, SERVICE, type ActionName } from '../../generated/actions.ts';
import { DOC_REVISIONS, type DocRevision } from '../../generated/transitions.ts';
import {
  CONTROL_PREFIX,
  CONTROL_ROUTES,
  CONTROL_SCHEMAS,
  type AdvanceRequest,
  type AdvanceResult,
  type ControlError,
  type EmulatorInfo,
  type EmulatorSnapshot,
  faultCodeProblem,
  type FaultSpec,
  type RateLimitOverrides,
  type ResetRequest,
} from '../control/controlPlane.ts';
import type { RawRequest, RawResponse } from '../wire/RawExchange.ts';
import { createAjv } from '../schema/createAjv.ts';
import type { Timings } from './Timings.ts';
import type { BatchState } from './createBatchState.ts';
import type { Faults } from './createFaults.ts';
import type { Scheduler } from './createScheduler.ts';
import { isoTime } from './describeViews.ts';
import { WORKLOAD_GRAMMAR } from './parseWorkload.ts';

export interface ControlConfig {
  docRevision: DocRevision;
  rateLimits: RateLimitOverrides | undefined;
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

export interface ControlPlaneDeps {
  scheduler: Scheduler;
  timings: Timings;
  faults: Faults;
  config: ControlConfig;
  getState: () => BatchState;
  reset(next: { docRevision?: DocRevision; rateLimits?: RateLimitOverrides }): void;
}

const ajv = createAjv();
const validateAdvance = ajv.compile<AdvanceRequest>(CONTROL_SCHEMAS.advance);
const validateReset = ajv.compile<ResetRequest>(CONTROL_SCHEMAS.reset);
const validateEnv = ajv.compile<{ EnvId: string }>(CONTROL_SCHEMAS.declareEnv);
const validateFault = ajv.compile<FaultSpec>(CONTROL_SCHEMAS.addFault);

const ROUTE_LINES = Object.values(CONTROL_ROUTES).map((r) => `${r.method} ${CONTROL_PREFIX}${r.path} ${r.summary}`);

function json(status: number, body: unknown): RawResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function refuse(status: number, error: string): RawResponse {
  return json(status, { error } satisfies ControlError);
}

/**
 * Serves the emulator's control plane (conformance/control/controlPlane.ts describes it): JSON under `/_emulator/`
 * on the same origin, ordinary HTTP statuses. `info` tells a runner what this target can do.
 */
export function createControlPlaneHandler(deps: ControlPlaneDeps) {
  const { scheduler, faults, config } = deps;

  function info(): EmulatorInfo {
    return {
      emulator: 'tbc',
      api: { service: SERVICE, version: API_VERSION },
      clock: { kind: scheduler.kind, now: isoTime(scheduler.now()), nowMs: scheduler.now() },
      docRevision: config.docRevision,
      profile: config.docRevision,
      docRevisions: DOC_REVISIONS,
      rateLimits: Object.fromEntries(ACTION_NAMES.map((a) => [a, effectiveRateLimit(config, a) ?? null])) as Record<
        ActionName,
        number | null
      >,
      timings: { ...deps.timings },
      namedEnvs: [...config.namedEnvs],
      workloadGrammar: WORKLOAD_GRAMMAR,
      actions: ACTION_NAMES,
      controlPlane: ROUTE_LINES,
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
      docRevision: config.docRevision,
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
        cvmsInUse: cvms.filter((c) => c.env.kind === 'anonymous' && c.phase !== 'terminated').length,
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

  function route(method: string, path: string): keyof typeof CONTROL_ROUTES | undefined {
    const found = Object.entries(CONTROL_ROUTES).find(([, r]) => r.method === method && r.path === path);
    return found?.[0] as keyof typeof CONTROL_ROUTES | undefined;
  }

  function handleSync(raw: RawRequest): RawResponse {
    const url = new URL(raw.url, 'http://emulator');
    const path = url.pathname.slice(CONTROL_PREFIX.length);
    const body = parseBody(raw);
    if (!body.ok) return refuse(400, 'The body is not JSON.');
    const invalid = (v: { errors?: unknown }) => refuse(400, ajv.errorsText(v.errors as never));
    switch (route(raw.method, path)) {
      case 'info':
        return json(200, info());
      case 'snapshot':
        return json(200, snapshot(url.searchParams.get('JobId')));
      case 'advance': {
        if (!validateAdvance(body.value)) return invalid(validateAdvance);
        if (scheduler.kind !== 'virtual') return refuse(409, 'The clock is real; start with --clock virtual.');
        const processed =
          'seconds' in body.value
            ? scheduler.advanceBy(Math.round(body.value.seconds * 1000))
            : scheduler.advanceToNextEvent();
        const result: AdvanceResult = {
          now: isoTime(scheduler.now()),
          nowMs: scheduler.now(),
          processed,
          pending: scheduler.pendingEvents(),
        };
        return json(200, result);
      }
      case 'reset': {
        if (!validateReset(body.value)) return invalid(validateReset);
        const docRevision = body.value.docRevision ?? body.value.profile;
        deps.reset({
          ...(docRevision === undefined ? {} : { docRevision }),
          ...(body.value.rateLimits === undefined ? {} : { rateLimits: body.value.rateLimits }),
        });
        return json(200, info());
      }
      case 'listEnvs':
        return json(200, { namedEnvs: [...config.namedEnvs] });
      case 'declareEnv':
        if (!validateEnv(body.value)) return invalid(validateEnv);
        config.namedEnvs.add(body.value.EnvId);
        return json(200, { namedEnvs: [...config.namedEnvs] });
      case 'listFaults':
        return json(200, { faults: faults.list() });
      case 'addFault': {
        if (!validateFault(body.value)) return invalid(validateFault);
        const problem = faultCodeProblem(body.value);
        return problem === undefined ? json(200, faults.add(body.value)) : refuse(400, problem);
      }
      case 'clearFaults':
        faults.clear();
        return json(200, { faults: [] });
      case undefined:
        return refuse(404, `No control endpoint ${raw.method} ${path}; see GET ${CONTROL_PREFIX}info.`);
    }
  }

  return {
    handle: (raw: RawRequest): Promise<RawResponse> => Promise.resolve(handleSync(raw)),
  };
}
