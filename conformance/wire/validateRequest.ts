import { ACTIONS, API_VERSION, isActionName, type ActionName } from '../../generated/actions.ts';
import type { DocRevision } from '../../generated/transitions.ts';
import type { ErrorCode } from '../../generated/errorCodes.ts';
import { parseApiRequest, v1ParamsOf, type ApiRequest, type DetectedScheme } from './parseApiRequest.ts';
import { mediaTypeOf } from './decodeParams.ts';
import type { SignatureScheme } from './SignatureScheme.ts';
import { readPayload, type ParamsOutcome } from './validateParams.ts';
import type { RawRequest } from './RawExchange.ts';
import { checkRegion } from './checkRegion.ts';

/** What a request is checked for, one id per rule family (README "client-check" and "Proxy" list them). */
export type RequestCheck =
  'request.wire-form' | 'request.common-params' | 'request.region' | 'request.signature' | 'request.body';

export const REQUEST_CHECKS: Readonly<Record<RequestCheck, string>> = {
  'request.wire-form':
    'One of the four wire forms (reference §4.2): GET or POST to `/`, TC3 POST as application/json, v1 in a form body or query',
  'request.common-params':
    'X-TC-Action, X-TC-Version, X-TC-Timestamp (TC3) or Action, Version, Timestamp, Nonce, SecretId, Signature (v1), with valid values (§4.3)',
  'request.region':
    'X-TC-Region / Region: required under doc revision seed (INTL-DOCS 2018–2021), optional under current (§1.4); never empty; a Batch region (§4.1, spec/common.yaml x-tbc-regions)',
  'request.signature': 'TC3-HMAC-SHA256 or HmacSHA1/HmacSHA256 signature verifies with the credentials (§4.5, §4.6)',
  'request.body': "Business parameters match the action's request schema with strict JSON types (§1.1, §2.5)",
};

export interface RequestProblem {
  check: RequestCheck;
  message: string;
  /** A `request.body` problem about one parameter's JSON type: that parameter. */
  param?: string;
  /** The `request.body` problem that carries the API's verdict on the parameters (the code it would answer). */
  verdict?: true;
}

/** A common parameter as the request carries it: its name on this wire form and its value (undefined: absent). */
export type CommonValue = readonly [name: string, value: string | undefined];

/** A signature's verdict, as signing/verifyRequest.ts gives one. */
export type SignatureVerdict = { ok: true } | { ok: false; code: ErrorCode; reason: string };

export interface ValidateRequestOptions {
  docRevision: DocRevision;
  /**
   * Verifies the signature under the scheme the request was parsed with, when given: signing's `verifyDetected`
   * with the caller's credentials and clock. Why handed in: signing reads requests through wire, so wire never
   * imports signing. Without the SecretKey a signature cannot be checked: it never travels.
   */
  verifySignature?: (raw: RawRequest, detected: DetectedScheme) => SignatureVerdict;
}

export interface ValidatedRequest {
  /** The action named by the request, when it got far enough to name one. */
  action: string | undefined;
  scheme: SignatureScheme | undefined;
  problems: RequestProblem[];
  /** The common parameters as sent, for callers that compare them with what a client was given. */
  common?: { action: CommonValue; region: CommonValue };
  /** The business parameters as sent and the API's verdict on them (known actions only). */
  body?: { form: 'json' | 'flat'; sent: Record<string, unknown> | undefined; verdict: ParamsOutcome };
}

/** Which check a transport-level rejection of parseApiRequest belongs to. */
const PARSE_CHECK: Readonly<Record<string, RequestCheck>> = {
  UnsupportedProtocol: 'request.wire-form',
  InvalidAction: 'request.wire-form',
  RequestSizeLimitExceeded: 'request.wire-form',
  MissingParameter: 'request.common-params',
  'AuthFailure.InvalidAuthorization': 'request.signature',
};

/**
 * Checks one request against the spec as a server would read it, but collects every problem instead of answering
 * with the first. Shared by `tbc proxy` (both directions of live traffic) and `tbc client-check` (the client's
 * requests to the emulator).
 */
export function validateRequest(raw: RawRequest, options: ValidateRequestOptions): ValidatedRequest {
  const parsed = parseApiRequest(raw);
  if (!parsed.ok) {
    return {
      action: raw.headers['x-tc-action'],
      scheme: undefined,
      problems: [
        {
          check: PARSE_CHECK[parsed.code] ?? 'request.wire-form',
          message: `${parsed.message.replace(/\.$/, '')} (the API answers ${parsed.code})`,
        },
      ],
    };
  }
  const request = parsed.request;
  const problems: RequestProblem[] = [];
  const add = (check: RequestCheck, message: string): void => {
    problems.push({ check, message });
  };
  const h = raw.headers;
  const mediaType = mediaTypeOf(h['content-type']);
  const common =
    request.scheme === 'TC3'
      ? {
          action: ['X-TC-Action', h['x-tc-action']] as const,
          version: ['X-TC-Version', h['x-tc-version']] as const,
          timestamp: ['X-TC-Timestamp', h['x-tc-timestamp']] as const,
          region: ['X-TC-Region', request.region] as const,
        }
      : {
          action: ['Action', v1ParamsOf(request)?.['Action']] as const,
          version: ['Version', v1ParamsOf(request)?.['Version']] as const,
          timestamp: ['Timestamp', v1ParamsOf(request)?.['Timestamp']] as const,
          region: ['Region', request.region] as const,
        };

  // Wire form (§4.2): "POST application/json: v3 (TC3-HMAC-SHA256) only"; "GET application/x-www-form-urlencoded
  // (must still be sent for v3)".
  if (request.scheme === 'TC3' && raw.method === 'POST' && mediaType !== 'application/json') {
    add('request.wire-form', `TC3 POST is sent as "${h['content-type'] ?? '(no Content-Type)'}", not application/json`);
  }
  if (request.scheme === 'TC3' && raw.method === 'GET' && mediaType !== 'application/x-www-form-urlencoded') {
    add(
      'request.wire-form',
      `TC3 GET is sent with Content-Type "${h['content-type'] ?? '(none)'}"; the docs say application/x-www-form-urlencoded must still be sent`,
    );
  }

  // Common parameters (§4.3).
  const [versionName, versionValue] = common.version;
  const [timestampName, timestampValue] = common.timestamp;
  if (versionValue !== API_VERSION) {
    add('request.common-params', `${versionName} is "${versionValue ?? ''}", not ${API_VERSION}`);
  }
  if (!/^[0-9]{1,12}$/.test(timestampValue ?? '')) {
    add('request.common-params', `${timestampName} "${timestampValue ?? ''}" is not whole Unix seconds`);
  }
  if (request.scheme === 'v1') {
    const p = v1ParamsOf(request) ?? {};
    // Why any non-negative integer: the docs say "random positive Integer", but the intl-en SDK draws
    // Math.round(random * 65535) and so sends 0 once in 65536 calls; a check that fails at random helps nobody.
    if (!/^[0-9]{1,19}$/.test(p['Nonce'] ?? ''))
      add('request.common-params', `Nonce "${p['Nonce'] ?? ''}" is not an integer`);
    if ((p['SecretId'] ?? '') === '') add('request.common-params', 'SecretId is empty');
    const method = p['SignatureMethod'];
    if (method !== undefined && method !== 'HmacSHA1' && method !== 'HmacSHA256') {
      add('request.common-params', `SignatureMethod "${method}" is neither HmacSHA1 nor HmacSHA256`);
    }
  }

  // Region (§1.4, open question 5): the rule the emulator applies (decisions D-04, D-19).
  const [regionName, regionValue] = common.region;
  const region = checkRegion(regionValue, options.docRevision, regionName);
  if (region !== undefined) add('request.region', `${region.message} (the API answers ${region.code})`);

  if (options.verifySignature !== undefined) {
    const verdict = options.verifySignature(raw, request.detected);
    if (!verdict.ok) add('request.signature', `${verdict.reason} (the API answers ${verdict.code})`);
  }

  const validated: ValidatedRequest = {
    action: request.action,
    scheme: request.scheme,
    problems,
    common: { action: common.action, region: common.region },
  };
  if (isActionName(request.action)) {
    const body = checkBody(request.action, request.payload);
    problems.push(...body.problems);
    if (body.reading !== undefined) validated.body = body.reading;
  }
  return validated;
}

function checkBody(
  action: ActionName,
  payload: ApiRequest['payload'],
): { problems: RequestProblem[]; reading?: NonNullable<ValidatedRequest['body']> } {
  // A TC3 POST that is not application/json is reported as a wire-form problem, not again here.
  if (payload.form === 'json' && payload.contentType !== 'application/json') return { problems: [] };
  const { outcome, sent } = readPayload(action, payload);
  if (payload.form === 'json' && sent === undefined) {
    return {
      problems: [
        { check: 'request.body', message: 'the body is not valid UTF-8 JSON (the API answers InvalidParameter)' },
      ],
    };
  }
  const record =
    typeof sent === 'object' && sent !== null && !Array.isArray(sent) ? (sent as Record<string, unknown>) : undefined;
  const problems = payload.form === 'json' && record !== undefined ? checkJsonTypes(action, record) : [];
  // A wrong JSON type is named precisely above; the validator's InvalidParameter for it would say the same again.
  if (!outcome.ok && !(problems.length > 0 && outcome.code === 'InvalidParameter')) {
    problems.push({
      check: 'request.body',
      message: `${outcome.message.replace(/\.$/, '')} (the API answers ${outcome.code})`,
      verdict: true,
    });
  }
  return { problems, reading: { form: payload.form, sent: record, verdict: outcome } };
}

/** JSON types of the top-level parameters against the schema's `type` (a string "0" is not an integer). */
function checkJsonTypes(action: ActionName, sent: Readonly<Record<string, unknown>>): RequestProblem[] {
  const properties = (ACTIONS[action].request as { properties?: Record<string, { type?: unknown }> }).properties ?? {};
  const problems: RequestProblem[] = [];
  for (const [name, schema] of Object.entries(properties)) {
    if (!Object.hasOwn(sent, name) || typeof schema.type !== 'string') continue;
    const value = sent[name];
    if (!hasJsonType(value, schema.type)) {
      problems.push({
        check: 'request.body',
        message: `${name} is sent as a JSON ${jsonTypeOf(value)} (${preview(value)}); the spec's type is ${schema.type}`,
        param: name,
      });
    }
  }
  return problems;
}

function hasJsonType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function preview(value: unknown): string {
  const text = stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** JSON.stringify as it behaves: undefined for undefined and functions, whatever its declared type says. */
const stringify = JSON.stringify as (value: unknown) => string | undefined;
