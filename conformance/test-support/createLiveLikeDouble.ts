import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ACTIONS, API_VERSION, ID_PATTERNS, isActionName, type ActionName } from '../../generated/actions.ts';
import type { RequestOf } from '../../generated/actionTypes.ts';
import type { ErrorCode } from '../../generated/errorCodes.ts';
import type { DocRevision } from '../../generated/transitions.ts';
import type { Implementation } from '../Implementation.ts';
import { TbcError } from '../TbcError.ts';
import type { SuccessData } from '../client/CallResult.ts';
import { createTarget } from '../client/createTarget.ts';
import { CONTROL_PREFIX } from '../control/controlPlane.ts';
import { createEmulator } from '../emulator/createEmulator.ts';
import { createRateLimiter } from '../emulator/createRateLimiter.ts';
import { isoTime } from '../emulator/describeViews.ts';
import type { Credentials } from '../signing/Credentials.ts';
import { verifyRequest } from '../signing/verifyRequest.ts';
import { parseApiRequest, type ApiRequest } from '../wire/parseApiRequest.ts';
import { readPayload } from '../wire/validateParams.ts';
import { toRawRequest } from './createRecordingDouble.ts';

/** "Batch regions listed by INTL-DOCS (old)" (reference §4.1): the regions the double serves by default. */
export const BATCH_REGIONS: readonly string[] = Object.freeze([
  'ap-beijing',
  'ap-chengdu',
  'ap-chongqing',
  'ap-guangzhou',
  'ap-hongkong',
  'ap-shanghai',
  'na-toronto',
]);

/** Fields a newer API version might add, which the spec does not know: one in every success `Response`, one in
 * every DescribeTask instance view. */
export const NEWER_API_FIELDS = { response: 'ApiRevision', instance: 'ComputeNodeZone' } as const;

/** "the current WEB page 599/30549 says 7 req/s" for SubmitJob (reference §2.1); the kit chose 2 (D-12). */
const CURRENT_DOCS_SUBMIT_JOB_LIMIT = 7;
/** The laxer JobId rule of the double: any `job-` followed by 1–32 lowercase alphanumerics is well-formed. */
const LAX_JOB_ID = /^job-[a-z0-9]{1,32}$/;
const KIT_JOB_ID = new RegExp(ID_PATTERNS.JobId);
/** A JobId of the kit's form, standing in for a laxly formed one while the other parameters are validated. */
const WELL_FORMED_STAND_IN = 'job-00000000';
/** DescribeTask's maximum `Limit` (DescribeTask.yaml): the page size when the double reads a whole task. */
const TASK_PAGE = 1000;

type JobAction = Exclude<ActionName, 'SubmitJob'>;
type TerminateAction = Extract<ActionName, 'TerminateTaskInstance' | 'TerminateJob'>;
type TaskView = SuccessData<'DescribeTask'>;
type StateMetrics = SuccessData<'DescribeJob'>['TaskMetrics'];

/** What a JobId the double never created answers, within each action's documented codes (generated/actions.ts). */
const UNKNOWN_JOB_CODE: { [A in JobAction]: (typeof ACTIONS)[A]['errorCodes'][number] } = {
  DescribeJob: 'ResourceNotFound.Job',
  DescribeTask: 'ResourceNotFound.Task',
  TerminateJob: 'ResourceNotFound.Job',
  TerminateTaskInstance: 'ResourceNotFound.TaskInstance',
};

export interface LiveLikeOptions {
  /** The account's key pairs (at least one); any pair, not only Tencent's published example. */
  credentials: readonly Credentials[];
  /** How much faster than the wall clock jobs live; default 20. */
  timeScale?: number;
  /** Upper bound of the random delay added to every answer, in ms; default 5. */
  latencyMs?: number;
  /** How long (wall ms) DescribeTask keeps showing a task as it was before an accepted termination; default 1000. */
  consistencyWindowMs?: number;
  /** Regions the double serves; default BATCH_REGIONS. A request without a Region is accepted. */
  regions?: readonly string[];
  /** Requests per wall-clock second per action and SecretId; default the documented limits, SubmitJob 7. */
  rateLimits?: Partial<Record<ActionName, number>>;
  /** Named compute environments that exist. */
  namedEnvs?: readonly string[];
  /** Default `current`: today's docs, so a named-environment instance is FAILED and its node restarted. */
  docRevision?: DocRevision;
  /** Wall clock in ms (default Date.now); tests pass one that moves when told, to step rate windows exactly. */
  wallClock?: () => number;
  /** Random source in [0, 1) for the latency (default Math.random). */
  random?: () => number;
}

/** One request as the double saw it: the action and JobId when it could read them, and what it answered. */
export interface SeenRequest {
  action: string | undefined;
  jobId: string | undefined;
  /** `Success`, or the error code answered. */
  outcome: string;
}

/**
 * A TerminateTaskInstance or TerminateJob naming a job of someone else: the kit must never send one. Recorded once the
 * signature verifies, whatever the answer (even when the region or the rate limit refused it): sending it is the fault.
 */
export interface ForeignTermination {
  action: TerminateAction;
  jobId: string;
  /** The business parameters as sent. */
  params: unknown;
}

export interface LiveLikeDouble {
  implementation: Implementation;
  readonly requests: readonly SeenRequest[];
  /** JobIds of the jobs SubmitJob created, in order. */
  readonly createdJobIds: readonly string[];
  /** Created jobs that an accepted TerminateJob named, each once. */
  readonly terminatedJobIds: readonly string[];
  readonly foreignTerminations: readonly ForeignTermination[];
}

/** An answer on its way out: the envelope's `Response` object, serialised last. */
interface Answer {
  status: number;
  contentType: string;
  response: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTerminate(action: ActionName): action is TerminateAction {
  return action === 'TerminateTaskInstance' || action === 'TerminateJob';
}

function envelope(fields: Record<string, unknown>): Answer {
  return { status: 200, contentType: 'application/json', response: { ...fields, RequestId: randomUUID() } };
}

function errorAnswer(code: ErrorCode): Answer {
  return envelope({ Error: { Code: code, Message: '' } });
}

/** Message texts unlike the emulator's: the kit must judge codes, never messages (reference §3.2). */
function liveMessage(code: string): string {
  return `[${code}] Your request could not be completed. Quote the RequestId when you contact support.`;
}

const NO_INSTANCES: StateMetrics = {
  SubmittedCount: 0,
  PendingCount: 0,
  RunnableCount: 0,
  StartingCount: 0,
  RunningCount: 0,
  SucceedCount: 0,
  FailedInterruptedCount: 0,
  FailedCount: 0,
};

function jobIdOf(sent: unknown): string | undefined {
  return isRecord(sent) && typeof sent['JobId'] === 'string' ? sent['JobId'] : undefined;
}

/** The same business parameters with another JobId, on the same wire form. */
function withJobId(
  payload: ApiRequest['payload'],
  sent: Record<string, unknown>,
  jobId: string,
): ApiRequest['payload'] {
  return payload.form === 'flat'
    ? { form: 'flat', params: { ...payload.params, JobId: jobId } }
    : { ...payload, body: Buffer.from(JSON.stringify({ ...sent, JobId: jobId })) };
}

/** The instances a DescribeTask request selects, the way the API pages and filters them (reference §2.3). */
function selectInstances(view: TaskView, params: RequestOf<'DescribeTask'>): Record<string, unknown> {
  let selected = view.TaskInstanceSet;
  for (const filter of params.Filters ?? []) {
    const wanted = new Set<string>(filter.Values);
    selected = selected.filter((i) => wanted.has(i.TaskInstanceState));
  }
  const offset = params.Offset ?? 0;
  return {
    ...view,
    TaskInstanceTotalCount: selected.length,
    TaskInstanceSet: selected.slice(offset, offset + (params.Limit ?? 100)),
  };
}

/**
 * Test support: a stand-in for the LIVE Tencent Batch service, which the kit was not tuned to. It wraps an emulator
 * (its public `implementation`) on a real clock and behaves like a regional service where the docs are silent, on
 * purpose differently from several of the kit's decisions (spec/decisions.yaml), so that a conformance run against
 * it shows observations (divergences from decisions) rather than failures. Every code it answers is documented for
 * the action (generated/actions.ts).
 *
 * Like a live endpoint:
 * - No control plane: `/_emulator/...` answers as an unknown API path does — HTTP 200, an `InvalidAction` envelope.
 * - Real time: jobs live on the wall clock sped up by `timeScale` (default 20); rate limits count on the WALL clock,
 *   a sliding second per action and SecretId (`RequestLimitExceeded`); the emulator's own limiter is off.
 * - A random delay of up to `latencyMs` (default 5) per answer.
 * - Any key pair it is given; Tencent's example pair only if given.
 * - Region: one of `regions` (default BATCH_REGIONS, reference §4.1), else `UnsupportedRegion` (the literal `null`
 *   the intl SDK sends without a region too); a request without a Region is accepted, as the current docs say.
 * - Other people's jobs: DescribeJob of any JobId of the kit's form that the double did not create answers success
 *   with a plausible running job; TerminateTaskInstance and TerminateJob on such a JobId answer success (the real
 *   service would have terminated someone's work) and are recorded in `foreignTerminations`. DescribeTask on such a
 *   JobId answers ResourceNotFound.Task: the double models other people's jobs at the job level only.
 * - Eventual consistency: for `consistencyWindowMs` (default 1000) of wall time after an accepted
 *   TerminateTaskInstance or TerminateJob, DescribeTask answers for the affected task(s) as they were just before
 *   the termination (a lagging replica: states, metrics and filters all from that moment).
 *
 * Where it contradicts the kit's decisions:
 * - D-01 (JobId `^job-[a-z0-9]{8}$`, anything else JobIdMalformed): any `job-` followed by 1–32 lowercase
 *   alphanumerics is well-formed, so a 7- or 9-character JobId is simply unknown — ResourceNotFound.TaskInstance
 *   (TerminateTaskInstance), ResourceNotFound.Job (DescribeJob, TerminateJob), ResourceNotFound.Task (DescribeTask).
 * - D-05 (doc revision `seed` by default): `docRevision` defaults to `current`, so TerminateTaskInstance on a named
 *   compute environment's instance succeeds (FAILED, node restarted) instead of TerminateOperationWithEnvId.
 * - D-07 (unknown job in TerminateTaskInstance: ResourceNotFound.TaskInstance): a well-formed JobId it did not create
 *   is someone else's job, and the termination succeeds.
 * - D-12 (SubmitJob 2/s): SubmitJob allows 7 per second, as the current page says.
 * - D-13 (RequestId a lowercase UUID): RequestIds are UPPER-case UUIDs.
 * And where no decision speaks: every `Error.Message` is reworded (codes unchanged), and every success `Response`
 * and every DescribeTask instance view carries a field a newer API version might add (NEWER_API_FIELDS).
 *
 * It records what it saw: every request (action, JobId, outcome), the jobs created, those an accepted TerminateJob
 * named, and foreign terminations.
 */
export function createLiveLikeDouble(options: LiveLikeOptions): LiveLikeDouble {
  const [internalCredentials] = options.credentials;
  if (internalCredentials === undefined) throw new TbcError('createLiveLikeDouble: give at least one key pair');
  const wallClock = options.wallClock ?? Date.now;
  const random = options.random ?? Math.random;
  const latencyMs = options.latencyMs ?? 5;
  const windowMs = options.consistencyWindowMs ?? 1000;
  const regions = new Set(options.regions ?? BATCH_REGIONS);
  const limits: Partial<Record<ActionName, number>> = {
    ...Object.fromEntries(Object.entries(ACTIONS).map(([action, spec]) => [action, spec.rateLimitPerSecond])),
    SubmitJob: CURRENT_DOCS_SUBMIT_JOB_LIMIT,
    ...options.rateLimits,
  };
  const limiter = createRateLimiter((action) => (isActionName(action) ? limits[action] : undefined));
  const credentials = new Map(options.credentials.map((c) => [c.secretId, c]));
  const findCredentials = (id: string): Credentials | undefined => credentials.get(id);

  const emulator = createEmulator({
    clock: 'real',
    timeScale: options.timeScale ?? 20,
    docRevision: options.docRevision ?? 'current',
    credentials: options.credentials,
    rateLimits: false,
    namedEnvs: options.namedEnvs ?? [],
    wallClock,
  });
  // The double's own reads of the emulator (task views before a termination), with the account's first key pair.
  const internal = createTarget({
    implementation: emulator.implementation,
    credentials: internalCredentials,
    pacing: false,
  });

  const requests: SeenRequest[] = [];
  const created = new Set<string>();
  const createdJobIds: string[] = [];
  const terminatedJobIds: string[] = [];
  const foreignTerminations: ForeignTermination[] = [];
  /** Task views as they were before an accepted termination, by `JobId \0 TaskName`, served until `until`. */
  const stale = new Map<string, { view: TaskView; until: number }>();
  /** When the double first saw each foreign job, so its view stays the same between calls. */
  const foreignSince = new Map<string, number>();

  const taskKey = (jobId: string, taskName: string): string => `${jobId}\u0000${taskName}`;

  async function forward(request: Request): Promise<Answer> {
    const response = await emulator.implementation(request);
    const body: unknown = JSON.parse(await response.text());
    if (!isRecord(body) || !isRecord(body['Response'])) {
      throw new TbcError('createLiveLikeDouble: the wrapped emulator answered without a Response envelope');
    }
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      response: body['Response'],
    };
  }

  /** A whole task as DescribeTask shows it now (every page), or undefined when it cannot be read. */
  async function readTask(jobId: string, taskName: string): Promise<TaskView | undefined> {
    const instances: TaskView['TaskInstanceSet'] = [];
    for (;;) {
      const result = await internal.DescribeTask({
        JobId: jobId,
        TaskName: taskName,
        Offset: instances.length,
        Limit: TASK_PAGE,
      });
      if (result.kind !== 'success') return undefined;
      instances.push(...result.data.TaskInstanceSet);
      if (result.data.TaskInstanceSet.length === 0 || instances.length >= result.data.TaskInstanceTotalCount) {
        return { ...result.data, TaskInstanceSet: instances };
      }
    }
  }

  /** The views of the tasks a termination touches, read just before it is forwarded. */
  async function tasksBefore(action: TerminateAction, params: unknown): Promise<Map<string, TaskView>> {
    const { JobId } = params as RequestOf<TerminateAction>;
    let names: string[];
    if (action === 'TerminateTaskInstance') {
      names = [(params as RequestOf<'TerminateTaskInstance'>).TaskName];
    } else {
      const job = await internal.DescribeJob({ JobId });
      names = job.kind === 'success' ? job.data.TaskSet.map((t) => t.TaskName) : [];
    }
    const views = new Map<string, TaskView>();
    for (const name of names) {
      const view = await readTask(JobId, name);
      if (view !== undefined) views.set(taskKey(JobId, name), view);
    }
    return views;
  }

  function foreignJobView(jobId: string): Record<string, unknown> {
    const since = foreignSince.get(jobId) ?? wallClock() - 3_600_000;
    foreignSince.set(jobId, since);
    const view: Omit<SuccessData<'DescribeJob'>, 'RequestId'> = {
      JobId: jobId,
      JobName: 'nightly-report',
      Zone: 'ap-guangzhou-3',
      Priority: 10,
      JobState: 'RUNNING',
      CreateTime: isoTime(since),
      EndTime: null,
      TaskSet: [{ TaskName: 'render', TaskState: 'RUNNING', CreateTime: isoTime(since), EndTime: null }],
      DependenceSet: [],
      TaskMetrics: { ...NO_INSTANCES, RunningCount: 1 },
      TaskInstanceMetrics: { ...NO_INSTANCES, RunningCount: 4, SucceedCount: 12 },
      StateReason: '',
      Tags: [{ Key: 'owner', Value: 'another-team' }],
      NextAction: '',
    };
    return view;
  }

  async function answer(request: Request, arrival: number, seen: SeenRequest): Promise<Answer> {
    const raw = await toRawRequest(request.clone());
    if (raw.url.startsWith(CONTROL_PREFIX)) return errorAnswer('InvalidAction');
    const parsed = parseApiRequest(raw);
    if (!parsed.ok) return forward(request);
    const api = parsed.request;
    seen.action = api.action;
    const auth = verifyRequest(raw, { findCredentials, nowSeconds: Math.floor(wallClock() / 1000) });
    if (!auth.ok || !isActionName(api.action) || api.version !== API_VERSION) return forward(request);
    const action = api.action;
    const reading = readPayload(action, api.payload);
    const jobId = jobIdOf(reading.sent);
    seen.jobId = jobId;
    const foreign = jobId !== undefined && KIT_JOB_ID.test(jobId) && !created.has(jobId);
    if (foreign && isTerminate(action)) foreignTerminations.push({ action, jobId, params: reading.sent });

    if (api.region !== undefined && !regions.has(api.region)) return errorAnswer('UnsupportedRegion');
    if (!limiter.allow(action, auth.secretId, arrival)) return errorAnswer('RequestLimitExceeded');

    if (action !== 'SubmitJob' && jobId !== undefined && isRecord(reading.sent)) {
      if (!KIT_JOB_ID.test(jobId) && LAX_JOB_ID.test(jobId)) {
        const others = readPayload(action, withJobId(api.payload, reading.sent, WELL_FORMED_STAND_IN)).outcome;
        return errorAnswer(others.ok ? UNKNOWN_JOB_CODE[action] : others.code);
      }
      if (foreign && action !== 'DescribeTask' && reading.outcome.ok) {
        return envelope(action === 'DescribeJob' ? foreignJobView(jobId) : {});
      }
    }

    const before =
      isTerminate(action) && reading.outcome.ok ? await tasksBefore(action, reading.outcome.params) : undefined;
    const forwarded = await forward(request);
    if (forwarded.response['Error'] !== undefined) return forwarded;
    if (action === 'SubmitJob') {
      const createdId = forwarded.response['JobId'];
      if (typeof createdId === 'string') {
        created.add(createdId);
        createdJobIds.push(createdId);
      }
    }
    if (action === 'TerminateJob' && jobId !== undefined && !terminatedJobIds.includes(jobId)) {
      terminatedJobIds.push(jobId);
    }
    const now = wallClock();
    for (const [key, view] of before ?? []) {
      // A later termination within the window keeps the first picture: the replica has not caught up yet.
      if ((stale.get(key)?.until ?? 0) <= now && windowMs > 0) stale.set(key, { view, until: now + windowMs });
    }
    if (action === 'DescribeTask' && reading.outcome.ok) {
      const params = reading.outcome.params as RequestOf<'DescribeTask'>;
      const lagging = stale.get(taskKey(params.JobId, params.TaskName));
      if (lagging !== undefined && lagging.until > now) {
        return {
          ...forwarded,
          response: { ...selectInstances(lagging.view, params), RequestId: forwarded.response['RequestId'] },
        };
      }
    }
    return forwarded;
  }

  /** The live service's wording and shape, applied to every answer (see the list above). */
  function finish(out: Answer, action: string | undefined, seen: SeenRequest): Response {
    const response = { ...out.response };
    const error = response['Error'];
    if (isRecord(error)) {
      const code = typeof error['Code'] === 'string' ? error['Code'] : '';
      response['Error'] = { ...error, Message: liveMessage(code) };
      seen.outcome = code;
    } else {
      response[NEWER_API_FIELDS.response] = '2026-08-01';
      const instances = response['TaskInstanceSet'];
      if (action === 'DescribeTask' && Array.isArray(instances)) {
        response['TaskInstanceSet'] = instances.map((i: unknown) =>
          isRecord(i) ? { ...i, [NEWER_API_FIELDS.instance]: 'ap-guangzhou-3' } : i,
        );
      }
      seen.outcome = 'Success';
    }
    const requestId = response['RequestId'];
    if (typeof requestId === 'string') response['RequestId'] = requestId.toUpperCase();
    return new Response(JSON.stringify({ Response: response }), {
      status: out.status,
      headers: { 'content-type': out.contentType },
    });
  }

  const implementation: Implementation = async (request) => {
    // The arrival time is when the request reaches the service, before its body is read, as a real limiter sees it.
    const arrival = wallClock();
    const seen: SeenRequest = { action: undefined, jobId: undefined, outcome: '' };
    requests.push(seen);
    const out = await answer(request, arrival, seen);
    const response = finish(out, seen.action, seen);
    const delay = latencyMs * random();
    if (delay > 0) await sleep(delay);
    return response;
  };

  return { implementation, requests, createdJobIds, terminatedJobIds, foreignTerminations };
}
