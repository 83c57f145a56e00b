import type { ErrorCode } from '../../generated/errorCodes.ts';
import type { RawRequest } from './RawExchange.ts';
import { decodeParams, mediaTypeOf, queryOf, readFlatParams } from './decodeParams.ts';
import type { SignatureScheme } from './SignatureScheme.ts';

/** Size limits per wire form (reference §4.2): 10 MB JSON, 1 MB form, 32 KB GET. */
export const SIZE_LIMITS = { json: 10 * 1024 * 1024, form: 1024 * 1024, query: 32 * 1024 } as const;

/** v1 common parameters (reference §4.3); they travel with the business parameters and are stripped from them. */
const V1_COMMON = new Set([
  'Action',
  'Version',
  'Region',
  'Timestamp',
  'Nonce',
  'SecretId',
  'Signature',
  'SignatureMethod',
  'Token',
  'Language',
  'RequestClient',
]);

export interface ApiRequest {
  scheme: SignatureScheme;
  action: string;
  version: string;
  /** `X-TC-Region` (TC3) or the v1 `Region` parameter, as sent; undefined when absent. */
  region: string | undefined;
  /** Where the business parameters are: a JSON body still to decode, or flat `name=value` pairs. */
  payload: { form: 'json'; body: Buffer; contentType: string } | { form: 'flat'; params: Record<string, string> };
  /**
   * The scheme as detectScheme decided it, handed on to the verifier (signing/verifyRequest.ts `verifyDetected`), so
   * a request's scheme is decided once.
   */
  detected: DetectedScheme;
}

/** v1 only: every parameter as sent, common ones included (the signature covers them); undefined for TC3. */
export function v1ParamsOf(request: Pick<ApiRequest, 'detected'>): Record<string, string> | undefined {
  return request.detected.scheme === 'v1' ? request.detected.params : undefined;
}

export type ParsedRequest = { ok: true; request: ApiRequest } | { ok: false; code: ErrorCode; message: string };

/** Which scheme signs a request, and for v1 every parameter as sent (the signature covers them all). */
export type DetectedScheme = { scheme: 'TC3' } | { scheme: 'v1'; params: Record<string, string> };

/**
 * The scheme a request is signed with, decided the way the protocol does (reference §4.2, §4.3): an `Authorization`
 * header means TC3; otherwise a `Signature` parameter (in the query of a GET or the form body of a form POST) means
 * v1; neither means the request is not signed at all. One decision for the emulator and the verifier.
 */
export function detectScheme(raw: RawRequest): DetectedScheme | undefined {
  if (raw.headers['authorization'] !== undefined) return { scheme: 'TC3' };
  const params = readFlatParams(raw);
  return Object.hasOwn(params, 'Signature') ? { scheme: 'v1', params } : undefined;
}

function reject(code: ErrorCode, message: string): ParsedRequest {
  return { ok: false, code, message };
}

/**
 * Classifies a request into one of the four wire forms real clients use (TC3 POST JSON, TC3 GET, v1 form POST,
 * v1 GET) and checks the transport-level rules. The first steps of the documented check order:
 *   1. method (UnsupportedProtocol), size (RequestSizeLimitExceeded), path (InvalidAction)
 *   2. common parameters present: Action, Version, Timestamp, and for v1 Nonce and SecretId (MissingParameter)
 * Authentication, action/version, rate limit and parameter checks follow in createEmulator.
 */
export function parseApiRequest(raw: RawRequest): ParsedRequest {
  if (raw.method !== 'GET' && raw.method !== 'POST') {
    return reject('UnsupportedProtocol', `HTTP method ${raw.method} is not supported; use GET or POST.`);
  }
  const q = raw.url.indexOf('?');
  const path = q === -1 ? raw.url : raw.url.slice(0, q);
  if (raw.method === 'GET' && raw.url.length > SIZE_LIMITS.query) {
    return reject('RequestSizeLimitExceeded', 'A GET request may be at most 32 KB.');
  }
  if (path !== '/') return reject('InvalidAction', `No API at path ${path}; every action is at /.`);

  const h = raw.headers;
  const contentType = mediaTypeOf(h['content-type']);
  const isForm = raw.method === 'POST' && contentType === 'application/x-www-form-urlencoded';
  const limit = isForm ? SIZE_LIMITS.form : SIZE_LIMITS.json;
  if (raw.body.length > limit) {
    return reject('RequestSizeLimitExceeded', `The request body may be at most ${limit} bytes for this Content-Type.`);
  }

  const detected = detectScheme(raw);
  if (detected === undefined) {
    return reject(
      'AuthFailure.InvalidAuthorization',
      'The request carries neither an Authorization header nor a v1 Signature.',
    );
  }
  if (detected.scheme === 'TC3') {
    const action = h['x-tc-action'];
    const version = h['x-tc-version'];
    if (action === undefined) return reject('MissingParameter', 'The header X-TC-Action is missing.');
    if (version === undefined) return reject('MissingParameter', 'The header X-TC-Version is missing.');
    if (h['x-tc-timestamp'] === undefined) return reject('MissingParameter', 'The header X-TC-Timestamp is missing.');
    const payload: ApiRequest['payload'] =
      raw.method === 'GET'
        ? { form: 'flat', params: decodeParams(queryOf(raw.url)) }
        : { form: 'json', body: raw.body, contentType };
    return {
      ok: true,
      request: { scheme: 'TC3', action, version, region: h['x-tc-region'], payload, detected },
    };
  }

  const all = detected.params;
  for (const name of ['Action', 'Version', 'Timestamp', 'Nonce', 'SecretId'] as const) {
    if (all[name] === undefined) return reject('MissingParameter', `The parameter ${name} is missing.`);
  }
  const params = Object.fromEntries(Object.entries(all).filter(([k]) => !V1_COMMON.has(k)));
  return {
    ok: true,
    request: {
      scheme: 'v1',
      action: all['Action'] ?? '',
      version: all['Version'] ?? '',
      region: all['Region'],
      payload: { form: 'flat', params },
      detected,
    },
  };
}
