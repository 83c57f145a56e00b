import { randomUUID } from 'node:crypto';
import { API_VERSION, isActionName, type ActionName } from '../../../generated/actions.ts';
import type { ErrorCode } from '../../../generated/errorCodes.ts';
import type { Implementation } from '../../Implementation.ts';
import { CONTROL_PREFIX } from '../../control/controlPlane.ts';
import type { CredentialStore } from '../../signing/verifyRequest.ts';
import { verifyRequest } from '../../signing/verifyRequest.ts';
import type { RawRequest } from '../../wire/RawExchange.ts';
import { parseApiRequest, type ApiRequest } from '../../wire/parseApiRequest.ts';
import { readPayload, type PayloadReading } from '../../wire/validateParams.ts';
import { toRawRequest } from '../createRecordingDouble.ts';

/** An API call the double can act on: signed with a key pair it knows, of an action and version it serves. */
export interface LiveCall {
  action: ActionName;
  secretId: string;
  /** The Region sent, if any (`X-TC-Region` or v1 `Region`). */
  region: string | undefined;
  api: ApiRequest;
  /** The business parameters, validated, and as sent. */
  reading: PayloadReading;
  /** The JobId sent, when the parameters carry a string one. */
  jobId: string | undefined;
}

/** A request as every behaviour sees it: read once, before the first behaviour runs. */
export interface LiveRequest {
  /** The request as received; the innermost handler forwards it as is. */
  request: Request;
  raw: RawRequest;
  /** Wall-clock ms when it arrived, before its body was read (what a real limiter counts). */
  arrival: number;
  /** The action named, once the request could be parsed (signed or not). */
  action: string | undefined;
  /** Undefined for anything that is not such a call (the wrapped emulator answers those as it would). */
  call: LiveCall | undefined;
}

/** An answer on its way out: the envelope's `Response` object, serialised last. */
export interface LiveAnswer {
  status: number;
  contentType: string;
  response: Record<string, unknown>;
}

export type LiveHandler = (request: LiveRequest) => Promise<LiveAnswer>;

/**
 * One behaviour of a live-like double, in msw's spirit (a small handler with its own predicate): it answers a request
 * itself, or passes it on with `next()` and may change what comes back. Each is tested alone.
 */
export type Behaviour = (request: LiveRequest, next: () => Promise<LiveAnswer>) => Promise<LiveAnswer>;

/** `behaviours` around `base`, the first outermost: it sees each request first and each answer last. */
export function layered(base: LiveHandler, behaviours: readonly Behaviour[]): LiveHandler {
  return behaviours.reduceRight<LiveHandler>(
    (next, behaviour) => (request) => behaviour(request, () => next(request)),
    base,
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function envelope(fields: Record<string, unknown>): LiveAnswer {
  return { status: 200, contentType: 'application/json', response: { ...fields, RequestId: randomUUID() } };
}

/** An error answer; its message is the wording behaviour's to write. */
export function errorAnswer(code: ErrorCode): LiveAnswer {
  return envelope({ Error: { Code: code, Message: '' } });
}

/** The innermost handler: the wrapped implementation (an emulator) answers, read back into a LiveAnswer. */
export function forwardTo(implementation: Implementation): LiveHandler {
  return async ({ request }) => {
    const response = await implementation(request);
    const body: unknown = JSON.parse(await response.text());
    if (!isRecord(body) || !isRecord(body['Response'])) {
      throw new Error('live-like double: the wrapped implementation answered without a Response envelope');
    }
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      response: body['Response'],
    };
  };
}

/** Reads a request once for every behaviour: parsed, its signature verified against `findCredentials`. */
export async function readLiveRequest(
  request: Request,
  arrival: number,
  options: { findCredentials: CredentialStore; wallClock: () => number },
): Promise<LiveRequest> {
  const raw = await toRawRequest(request.clone());
  const read: LiveRequest = { request, raw, arrival, action: undefined, call: undefined };
  if (raw.url.startsWith(CONTROL_PREFIX)) return read;
  const parsed = parseApiRequest(raw);
  if (!parsed.ok) return read;
  const api = parsed.request;
  read.action = api.action;
  const auth = verifyRequest(raw, {
    findCredentials: options.findCredentials,
    nowSeconds: Math.floor(options.wallClock() / 1000),
  });
  if (!auth.ok || !isActionName(api.action) || api.version !== API_VERSION) return read;
  const reading = readPayload(api.action, api.payload);
  const sent = reading.sent;
  const jobId = isRecord(sent) && typeof sent['JobId'] === 'string' ? sent['JobId'] : undefined;
  read.call = { action: api.action, secretId: auth.secretId, region: api.region, api, reading, jobId };
  return read;
}

/** An Implementation over a layered handler: each request read once, each answer sent as the API's envelope. */
export function serveLive(
  handler: LiveHandler,
  options: { findCredentials: CredentialStore; wallClock: () => number },
): Implementation {
  return async (request) => {
    // The arrival time is when the request reaches the service, before its body is read, as a real limiter sees it.
    const arrival = options.wallClock();
    const answer = await handler(await readLiveRequest(request, arrival, options));
    return new Response(JSON.stringify({ Response: answer.response }), {
      status: answer.status,
      headers: { 'content-type': answer.contentType },
    });
  };
}
