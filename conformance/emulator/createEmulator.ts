import { API_VERSION, isActionName, type ActionName } from '../../generated/actions.ts';
import type { ErrorCode } from '../../generated/errorCodes.ts';
import { type DocRevision, DEFAULT_DOC_REVISION } from '../../generated/transitions.ts';
import type { Implementation } from '../Implementation.ts';
import type { RawRequest, RawResponse } from '../wire/RawExchange.ts';
import { EXAMPLE_CREDENTIALS, type Credentials } from '../signing/Credentials.ts';
import { TbcError } from '../TbcError.ts';
import { verifyDetected, type VerifyOptions } from '../signing/verifyRequest.ts';
import type { RequestOf } from '../../generated/actionTypes.ts';
import { envelopeBody, errorBody } from './envelopeBody.ts';
import { DEFAULT_TIMINGS, type Timings } from './Timings.ts';
import type { BatchState, Outcome } from './createBatchState.ts';
import {
  CONSISTENT,
  CONTROL_PREFIX,
  type EventualConsistency,
  type Fault,
  type TenantRequest,
} from '../control/controlPlane.ts';
import { createControlPlaneHandler } from './createControlPlaneHandler.ts';
import { CONTROL_VALIDATORS, errorsOf } from './controlAnswers.ts';
import { createTenants, type Tenant, type Tenants } from './createTenants.ts';
import { createWorld, type World } from './createWorld.ts';
import { readsLagWrites } from './readsLagWrites.ts';
import { parseApiRequest, type ApiRequest } from '../wire/parseApiRequest.ts';
import { createRegionCheck } from '../wire/checkRegion.ts';
import { serveRaw, type ServeOptions } from './serveRaw.ts';
import { toImplementation } from './toImplementation.ts';
import { paramValidators, readPayload } from '../wire/validateParams.ts';
import type { Listening } from '../http/listen.ts';

export interface EmulatorOptions {
  /** `real` (default): wall time, sped up by `timeScale`. `virtual`: moves only when advanced (control plane). */
  clock?: 'real' | 'virtual';
  timeScale?: number;
  /** Which documentation wording TerminateTaskInstance follows (spec/transitions.yaml); default `seed`. */
  docRevision?: DocRevision;
  /** The default tenant's credentials; default Tencent's published example pair (reference §4.7). */
  credentials?: readonly Credentials[];
  /** Tenants to create at start, each with its own world and key pair (as `POST /_emulator/tenants` would). */
  tenants?: readonly TenantRequest[];
  /** Requests per second per action and credential; `false` disables limiting. Default: each action's spec limit. */
  rateLimits?: false | Partial<Record<ActionName, number>>;
  timings?: Partial<Timings>;
  /** Regions accepted besides the spec's Batch regions of the doc revision (decision D-20). */
  regions?: readonly string[];
  /** Named compute environments that exist (SubmitJob with another EnvId gives ResourceNotFound.ComputeEnv). */
  namedEnvs?: readonly string[];
  /** Seeds ids and probabilistic faults: the default tenant's, and (mixed with the id) every other tenant's. */
  seed?: number;
  /** Reads that lag writes, on purpose (default: consistent); tenants inherit it unless their request says otherwise. */
  eventualConsistency?: Partial<EventualConsistency>;
  /** Wall clock for signature freshness (never the emulator's clock, so virtual time can jump ahead). */
  wallClock?: () => number;
  /** Sees every API exchange (recording mode, e.g. for `tbc client-check`). Receives secrets: redact before output. */
  onExchange?: (exchange: RecordedExchange) => void;
}

export interface RecordedExchange {
  request: RawRequest;
  response: RawResponse;
  /** The action, when the request got far enough to name one. */
  action: string | undefined;
  /** Emulator time (ms) when it was handled. */
  at: number;
}

export interface Emulator {
  /** The core handler over plain data; the Fetch and node:http forms wrap it. */
  handle(request: RawRequest): Promise<RawResponse>;
  implementation: Implementation;
  /**
   * Serves the emulator over node:http on `host:port` (default 127.0.0.1, a free port); with `tls`, over HTTPS, and
   * `Listening.ca` is the certificate a client trusts (`tls: true` generates one for 127.0.0.1, ::1 and localhost).
   */
  listen(options?: ServeOptions): Promise<Listening>;
}

const JSON_HEADERS: RawResponse['headers'] = Object.freeze({ 'content-type': 'application/json' });

function envelope(data: Readonly<Record<string, unknown>>): RawResponse {
  return { status: 200, headers: JSON_HEADERS, body: envelopeBody(data) };
}

interface Answer {
  response: RawResponse;
  /** The action, when the request got far enough to name one. */
  action: string | undefined;
  /** The world that answered, once the signature named a tenant. */
  world?: World;
}

function faultResponse(fault: Fault): RawResponse {
  if (fault.kind === 'http-status') {
    return { status: fault.status ?? 500, headers: { 'content-type': 'text/plain' }, body: 'Injected failure' };
  }
  if (fault.kind === 'non-json') {
    return { status: 200, headers: JSON_HEADERS, body: '<html>injected non-JSON body</html>' };
  }
  return errorResponse(fault.code ?? 'InternalError', 'Injected fault.');
}

function errorResponse(code: ErrorCode, message: string): RawResponse {
  return { status: 200, headers: JSON_HEADERS, body: errorBody(code, message) };
}

/** Maps a validated action to the one method of the world's Batch domain that acts on it (conventions §21). */
function dispatch(
  state: BatchState,
  action: ActionName,
  params: unknown,
  at: number,
): Outcome<Record<string, unknown>> {
  switch (action) {
    case 'SubmitJob':
      return state.submitJob(params as RequestOf<'SubmitJob'>, at);
    case 'TerminateTaskInstance':
      return state.terminateTaskInstance(params as RequestOf<'TerminateTaskInstance'>, at);
    case 'TerminateJob':
      return state.terminateJob(params as RequestOf<'TerminateJob'>, at);
    case 'DescribeJob':
      return state.describeJob(params as RequestOf<'DescribeJob'>);
    case 'DescribeTask':
      return state.describeTask(params as RequestOf<'DescribeTask'>);
  }
}

/** Creates a tenant of the `tenants` option; answers why not, if not. */
function createAtStart(tenants: Tenants, request: TenantRequest): string | undefined {
  // The control plane's own rules, so a tenant made at start is one `POST /_emulator/tenants` could have made.
  if (!CONTROL_VALIDATORS.createTenant(request)) return errorsOf(CONTROL_VALIDATORS.createTenant);
  const created = tenants.create(request);
  return created.ok ? undefined : created.error;
}

/**
 * The stateful, virtual-clock Batch emulator. Check order for an API request (each step answers with the first
 * failure, and a rejected request changes nothing):
 *   1. method, size, path        UnsupportedProtocol, RequestSizeLimitExceeded, InvalidAction
 *   2. common parameters         MissingParameter
 *   3. authentication            AuthFailure.*  (the SecretId that signs picks the tenant: steps 5-8 use its world)
 *   4. action, version           InvalidAction, NoSuchVersion
 *   5. region                    MissingParameter (seed: none; any revision: empty), UnsupportedRegion (decision D-19)
 *   6. rate limit, faults        RequestLimitExceeded, injected codes (InternalError)
 *   7. parameters                InvalidParameter (body), MissingParameter, UnknownParameter, InvalidParameterValue,
 *                                spec-specific codes (InvalidParameter.JobIdMalformed, ...)
 *   8. existence                 ResourceNotFound.*
 *   9. state                     UnsupportedOperation.*
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const wallClock = options.wallClock ?? Date.now;
  const tenants = createTenants({
    defaultCredentials: options.credentials ?? [EXAMPLE_CREDENTIALS],
    worldDefaults: {
      clock: options.clock ?? 'real',
      timeScale: options.timeScale ?? 1,
      wallClock,
      timings: { ...DEFAULT_TIMINGS, ...options.timings },
      docRevision: options.docRevision ?? DEFAULT_DOC_REVISION,
      rateLimits: options.rateLimits,
      namedEnvs: options.namedEnvs ?? [],
      eventualConsistency: { ...CONSISTENT, ...options.eventualConsistency },
    },
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 32),
    createWorld,
  });
  for (const request of options.tenants ?? []) {
    const refusal = createAtStart(tenants, request);
    if (refusal !== undefined) throw new TbcError(`cannot create tenant ${request.id ?? ''}: ${refusal}`);
  }
  // Why now: compiling the request schemas takes 100–250 ms the first time in a process; the first request must not
  // pay it (a client with a short timeout would time out).
  paramValidators();
  const checkRegion = createRegionCheck(options.regions);
  const defaultWorld = tenants.defaultTenant.world;
  // One options object, its clock reading refreshed per request (the verifiers only read it).
  const verifyOptions: VerifyOptions = { findCredentials: tenants.findCredentials, nowSeconds: 0 };
  const control = createControlPlaneHandler(tenants);

  /** Synchronous unless a latency fault fires: the node:http adapter then answers without a promise in between. */
  function handleApi(raw: RawRequest): Answer | Promise<Answer> {
    const parsed = parseApiRequest(raw);
    if (!parsed.ok) return { response: errorResponse(parsed.code, parsed.message), action: undefined };
    const { request } = parsed;
    verifyOptions.nowSeconds = Math.floor(wallClock() / 1000);
    const auth = verifyDetected(raw, request.detected, verifyOptions);
    if (!auth.ok)
      return { response: errorResponse(auth.code, `Authentication failed: ${auth.reason}.`), action: request.action };
    if (!isActionName(request.action)) {
      return {
        response: errorResponse('InvalidAction', `The action ${request.action} does not exist.`),
        action: request.action,
      };
    }
    const action = request.action;
    if (request.version !== API_VERSION) {
      return { response: errorResponse('NoSuchVersion', `The version ${request.version} does not exist.`), action };
    }
    // From here on everything happens in the world of the tenant whose key signed the request.
    const world = (tenants.bySecretId(auth.secretId) as Tenant).world;
    const region = checkRegion(
      request.region,
      world.config.docRevision,
      request.scheme === 'TC3' ? 'X-TC-Region' : 'Region',
    );
    if (region !== undefined) return { response: errorResponse(region.code, `${region.message}.`), action, world };
    world.scheduler.runDue();
    const at = world.scheduler.now();
    if (!world.limiter.allow(action, auth.secretId, at)) {
      return { response: errorResponse('RequestLimitExceeded', 'Request rate limit exceeded.'), action, world };
    }
    // Latency faults add up and delay whatever answer follows: another fault's, or the processed request's.
    let delayMs = 0;
    let answer: Answer | undefined;
    for (const fault of world.faults.draw(action)) {
      if (fault.kind === 'latency') {
        delayMs += fault.ms ?? 0;
        continue;
      }
      answer = { response: faultResponse(fault), action, world };
      break;
    }
    if (delayMs === 0) return answer ?? execute(world, action, request.payload, at);
    // Why execute inside then(): a throw becomes a rejection, which respond() answers as InternalError.
    return new Promise((resolve) => setTimeout(resolve, delayMs)).then(
      () => answer ?? execute(world, action, request.payload, at),
    );
  }

  function execute(world: World, action: ActionName, payload: ApiRequest['payload'], at: number): Answer {
    const params = readPayload(action, payload).outcome;
    if (!params.ok) return { response: errorResponse(params.code, params.message), action, world };
    const outcome = readsLagWrites(world, action, params.params, at, () =>
      dispatch(world.state, action, params.params, at),
    );
    return {
      response: outcome.ok ? envelope(outcome.data) : errorResponse(outcome.code, outcome.message),
      action,
      world,
    };
  }

  /** Never crash: an unexpected failure is the emulator's bug, reported as the documented InternalError. */
  function internalError(error: unknown): Answer {
    return { response: errorResponse('InternalError', `Emulator error: ${String(error)}`), action: undefined };
  }

  function record(raw: RawRequest, answer: Answer): RawResponse {
    options.onExchange?.({
      request: raw,
      response: answer.response,
      action: answer.action,
      at: (answer.world ?? defaultWorld).scheduler.now(),
    });
    return answer.response;
  }

  function respond(raw: RawRequest): RawResponse | Promise<RawResponse> {
    if (raw.url.startsWith(CONTROL_PREFIX)) return control.handle(raw);
    let answer: Answer | Promise<Answer>;
    try {
      answer = handleApi(raw);
    } catch (error) {
      answer = internalError(error);
    }
    return answer instanceof Promise
      ? answer.then(
          (a) => record(raw, a),
          (error: unknown) => record(raw, internalError(error)),
        )
      : record(raw, answer);
  }

  const handle = (raw: RawRequest): Promise<RawResponse> => Promise.resolve(respond(raw));
  return {
    handle,
    implementation: toImplementation(handle),
    listen: (listenOptions) => serveRaw(respond, listenOptions),
  };
}
