import { randomInt } from 'node:crypto';
import { ACTION_NAMES, ACTIONS, API_VERSION, type ActionName } from '../../generated/actions.ts';
import type { Implementation } from '../Implementation.ts';
import { TbcError } from '../TbcError.ts';
import type { Credentials } from '../signing/Credentials.ts';
import type { RequestOf } from '../../generated/actionTypes.ts';
import { DEFAULT_REGION } from '../../generated/regions.ts';
import { buildWireRequest, type Encoding, type WireRequest } from './buildWireRequest.ts';
import type { SignatureScheme } from '../wire/SignatureScheme.ts';
import type { CallResult } from './CallResult.ts';
import { readResponse } from './readResponse.ts';
import { createPacer, MAX_BACK_OFF_MS, type Pacer } from './createPacer.ts';
import type { Malformation } from './Malformation.ts';
import { createRedactor, redactedRequest, type Redactor } from '../wire/redact.ts';
import {
  createImplementationSender,
  UnsendableRequest,
  type SendLimits,
  type SendOutcome,
  type WireSender,
} from './sendRequest.ts';
import { deadlinesFor, DEFAULT_REQUEST_TIMEOUT_MS, MAX_ANSWER_BYTES } from './Deadlines.ts';
import type { CircuitBreaker } from './createCircuitBreaker.ts';
import { createHttpSender } from './createHttpSender.ts';
import type { Exchange } from '../../generated/reportTypes.ts';

/** The URL an in-process Implementation is called with (the nearest-region endpoint, reference §4.1). */
export const IN_PROCESS_ORIGIN = 'http://batch.tencentcloudapi.com';
export const DEFAULT_MAX_RETRIES = 4;

export interface PacingOptions {
  /** Requests per second by action; default each action's documented `rateLimitPerSecond` (generated/actions.ts). */
  perSecond?: Partial<Record<ActionName, number>>;
  /** How many times one call is sent again after RequestLimitExceeded. */
  maxRetries?: number;
}

export interface ApiClientOptions {
  /** Real HTTP via fetch, e.g. `https://batch.tencentcloudapi.com` or `http://127.0.0.1:8080`. */
  endpoint?: string;
  /** In process: called with a Fetch Request for `http://batch.tencentcloudapi.com/`. */
  implementation?: Implementation;
  credentials: Credentials;
  /**
   * `X-TC-Region` / `Region`, always sent (the seed requires it, reference §1.4): default `DEFAULT_REGION`, meant for
   * an emulator or a mock; a live run must name its region (decision D-21). A raw call can still leave it out
   * (`omit-common-parameter`) or change it (`region`).
   */
  region?: string;
  /** TC3 (JSON POST) by default; v1 is a HmacSHA256 form POST like the intl SDK's default (reference §5). */
  scheme?: SignatureScheme;
  /** `false` turns off both spacing and RequestLimitExceeded retries (an emulator on a virtual clock needs that). */
  pacing?: false | PacingOptions;
  /** The whole exchange's deadline (headers and body pauses get half each: deadlinesFor); default 20 s. */
  timeoutMs?: number;
  /** Answers are not read past this many bytes (an unreadable answer then); default MAX_ANSWER_BYTES. */
  maxAnswerBytes?: number;
  /**
   * Shared by every client of one run: once the target stops answering, calls are not sent but answered at once as
   * transport failures naming the call that went unanswered (see createCircuitBreaker).
   */
  breaker?: CircuitBreaker;
  /** With `endpoint` https://: PEM of the CA(s) to trust instead of Node's own (NODE_EXTRA_CA_CERTS works either way). */
  ca?: string;
}

/** A deliberately shaped request for negative tests; see Malformation for what can be wrong with it. */
export interface RawCall<A extends string = string> {
  /** The action the call is about: named on the wire unless a malformation says otherwise, used for pacing and for
   * validating the answer. */
  action: A;
  /** Business parameters, any JSON value (wrong types on purpose included); default `{}`. */
  params?: unknown;
  scheme?: SignatureScheme;
  method?: 'GET' | 'POST';
  encoding?: Encoding;
  malformations?: readonly Malformation[];
}

export type TypedCalls = { [A in ActionName]: (request: RequestOf<A>) => Promise<CallResult<A>> };

export interface ApiClient extends TypedCalls {
  /** Where requests go: the endpoint, or IN_PROCESS_ORIGIN for an Implementation. */
  readonly url: string;
  call<A extends ActionName>(action: A, request: RequestOf<A>): Promise<CallResult<A>>;
  raw<A extends string>(call: RawCall<A>): Promise<CallResult<A>>;
}

/**
 * The client side of every conformance run: typed calls for each action of generated/actions.ts, raw malformed calls,
 * pacing, and every answer validated against the spec and returned as data (CallResult) with secrets redacted.
 * Throws only TbcError, for misuse (bad options, an impossible raw request).
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const { credentials } = options;
  const region = options.region ?? DEFAULT_REGION;
  if (region === '') throw new TbcError('createApiClient: region must not be empty (leave it out for the default)');
  if (credentials.secretId === '' || credentials.secretKey === '') {
    throw new TbcError('createApiClient: credentials need a SecretId and a SecretKey');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new TbcError('createApiClient: timeoutMs must be positive');
  const maxAnswerBytes = options.maxAnswerBytes ?? MAX_ANSWER_BYTES;
  const { send, origin } = resolveTransport(options, { deadlines: deadlinesFor(timeoutMs), maxAnswerBytes });
  const { breaker } = options;
  const pacing = options.pacing === false ? undefined : (options.pacing ?? {});
  const maxRetries = pacing?.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!Number.isSafeInteger(maxRetries) || maxRetries < 0) {
    throw new TbcError('createApiClient: pacing.maxRetries must be a whole number ≥ 0');
  }
  const pacer: Pacer | undefined =
    pacing === undefined
      ? undefined
      : createPacer(
          Object.fromEntries(
            ACTION_NAMES.map((action) => [action, pacing.perSecond?.[action] ?? ACTIONS[action].rateLimitPerSecond]),
          ),
        );

  async function perform<A extends string>(call: RawCall<A>): Promise<CallResult<A>> {
    for (let retries = 0; ; retries += 1) {
      const ticket = await pacer?.acquire(call.action);
      let outcome: SendOutcome;
      let wire: WireRequest;
      let redactor: Redactor;
      try {
        wire = buildWireRequest({
          origin,
          action: call.action,
          version: API_VERSION,
          params: call.params,
          scheme: call.scheme ?? options.scheme ?? 'TC3',
          method: call.method ?? 'POST',
          ...(call.encoding === undefined ? {} : { encoding: call.encoding }),
          region,
          credentials,
          nowSeconds: Math.floor(Date.now() / 1000),
          nonce: randomInt(1, 2 ** 31),
          malformations: call.malformations ?? [],
        });
        redactor = createRedactor([credentials.secretKey, credentials.token, ...wire.secrets]);
        ticket?.sent();
        try {
          const gone = breaker?.tripped;
          outcome = gone === undefined ? await send(wire) : { reason: `not sent: ${gone}`, timedOut: false };
          if (gone === undefined) breaker?.record(call.action, outcome);
        } catch (error) {
          if (error instanceof UnsendableRequest) throw new TbcError(redactor.redactText(`raw: ${error.message}`));
          throw error;
        }
      } finally {
        // Also when the request could not even be built: it must not hold up the calls queued behind it.
        ticket?.done();
      }
      const result = toResult(call.action, wire, outcome, retries, redactor);
      const rateLimited = result.kind === 'error' && /^RequestLimitExceeded(\.|$)/.test(result.code);
      if (!rateLimited || pacer === undefined || retries >= maxRetries) return result;
      // Exponential back-off from the action's own spacing: 2, 4, 8 … intervals, capped.
      const base = pacer.intervalMs(call.action) ?? 1000;
      pacer.backOff(call.action, Math.min(MAX_BACK_OFF_MS, base * 2 ** (retries + 1)));
    }
  }

  const call = <A extends ActionName>(action: A, request: RequestOf<A>): Promise<CallResult<A>> =>
    perform({ action, params: request });
  const typed = Object.fromEntries(
    ACTION_NAMES.map((action) => [action, (request: RequestOf<typeof action>) => call(action, request)]),
  ) as unknown as TypedCalls;
  return { ...typed, url: `${origin}/`, call, raw: perform };
}

function resolveTransport(options: ApiClientOptions, limits: SendLimits): { send: WireSender; origin: string } {
  if ((options.endpoint === undefined) === (options.implementation === undefined)) {
    throw new TbcError('createApiClient: give exactly one of endpoint and implementation');
  }
  if (options.implementation !== undefined) {
    return { send: createImplementationSender(options.implementation, limits), origin: IN_PROCESS_ORIGIN };
  }
  let url: URL;
  try {
    url = new URL(options.endpoint ?? '');
  } catch {
    throw new TbcError(
      `createApiClient: endpoint "${options.endpoint ?? ''}" is not an absolute URL such as http://127.0.0.1:8080`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TbcError(`createApiClient: endpoint must be http:// or https://, got ${url.protocol}`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.username !== '' || url.password !== '') {
    throw new TbcError('createApiClient: endpoint is an origin only; the API path is always / (reference §4.1)');
  }
  return {
    send: createHttpSender(url, limits, options.ca === undefined ? {} : { ca: options.ca }),
    origin: url.origin,
  };
}

function toResult<A extends string>(
  action: A,
  wire: WireRequest,
  outcome: SendOutcome,
  retries: number,
  redactor: Redactor,
): CallResult<A> {
  const exchange: Exchange = {
    request: redactedRequest({ ...wire, headers: { host: new URL(wire.url).host, ...wire.headers } }),
  };
  if ('reason' in outcome) {
    return redactor.redactDeep({ kind: 'transport', action, reason: outcome.reason, exchange, retries });
  }
  exchange.response = outcome.answer;
  const { status, headers, body, cutOff } = outcome.answer;
  const read = readResponse(action, status, headers['content-type'], body, cutOff);
  return redactor.redactDeep({ ...read, action, exchange, retries });
}
