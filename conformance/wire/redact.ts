import type { RawRequest } from './RawExchange.ts';
import { decodeParams, queryOf } from './decodeParams.ts';
import { encodeRfc3986 } from './encodeParams.ts';
import type { Exchange } from '../../generated/reportTypes.ts';

/** What a secret is replaced with in every exchange, result and message. */
export const REDACTED = '[REDACTED]';

/** Headers whose whole value is secret (the TC3 session token, reference §4.3). */
const SECRET_HEADERS = new Set(['x-tc-token']);
/** v1 parameters whose value is secret (reference §4.3): the signature and the session token. */
const SECRET_PARAMS = new Set(['Signature', 'Token']);

export interface Redactor {
  /** Replaces every known secret in a text, in the spellings it may travel in (raw, URL-encoded, JSON-escaped). */
  redactText(text: string): string;
  /** A deep copy of plain data (results, exchanges) with every string passed through redactText. */
  redactDeep<T>(value: T): T;
}

/**
 * Secret hygiene: a SecretKey, a session token or a signature never reaches a log line, report, error message or
 * recorded exchange. Two layers: the structural redactors below blank the places a secret is put on purpose, and this
 * one scrubs the known secret values wherever else they turn up (a server echoing a header back in a message, say).
 */
export function createRedactor(secrets: Iterable<string | undefined>): Redactor {
  const spellings = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined || secret === '') continue;
    spellings.add(secret);
    spellings.add(encodeRfc3986(secret));
    spellings.add(encodeURIComponent(secret));
    spellings.add(new URLSearchParams({ s: secret }).toString().slice(2));
    spellings.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so a secret that contains another is replaced whole.
  const ordered = [...spellings].sort((a, b) => b.length - a.length);
  const redactText = (text: string): string =>
    ordered.reduce((current, spelling) => current.split(spelling).join(REDACTED), text);
  const redactDeep = <T>(value: T): T => deepMap(value, redactText) as T;
  return { redactText, redactDeep };
}

/**
 * How deep redactDeep copies: data nested deeper (only a target could send it; the kit's readers refuse answers
 * nested past 64 levels) is replaced by TOO_DEEP rather than recursed into.
 */
const MAX_REDACT_DEPTH = 256;
export const TOO_DEEP = '[nested too deep to copy]';

function deepMap(value: unknown, map: (text: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return map(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_REDACT_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => deepMap(item, map, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deepMap(item, map, depth + 1)]));
}

/** `Authorization: TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=<hex>` keeps all but the signature. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      const lower = name.toLowerCase();
      if (SECRET_HEADERS.has(lower)) return [name, REDACTED];
      if (lower === 'authorization') return [name, value.replace(/Signature=[^,\s]*/g, `Signature=${REDACTED}`)];
      return [name, value];
    }),
  );
}

/** A query string or form body with the values of `Signature` and `Token` blanked and everything else byte for byte. */
export function redactParamsText(text: string): string {
  return text
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals === -1 ? pair : pair.slice(0, equals);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // A malformed escape cannot name a secret parameter; leave the pair as it is.
      }
      return SECRET_PARAMS.has(name) ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
}

/** A URL with the secret query parameters blanked. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  return queryStart === -1 ? url : `${url.slice(0, queryStart + 1)}${redactParamsText(url.slice(queryStart + 1))}`;
}

/** A request as any of the kit's parts holds it: received (RawRequest) or built to send (WireRequest, absolute URL). */
export type RequestParts = Pick<RawRequest, 'method' | 'url' | 'headers'> & { body: Uint8Array | undefined };

/**
 * The signatures and session tokens a request carries, wherever it carries them (reference §4.3): the TC3
 * `Authorization` signature, `X-TC-Token`, and the v1 `Signature` and `Token` parameters of the query or form body.
 * Why all four and not the scheme's two: a confused client may mix them, and what it sent is secret either way.
 */
export function secretsOf(request: RequestParts): string[] {
  // Both places, whatever the method and Content-Type: a confused client may put v1 parameters in either.
  const inQuery = decodeParams(queryOf(request.url));
  const inBody = decodeParams(asBuffer(request.body).toString('utf8'));
  const found = [
    /Signature=([^,\s]+)/.exec(request.headers['authorization'] ?? '')?.[1],
    request.headers['x-tc-token'],
    inQuery['Signature'],
    inQuery['Token'],
    inBody['Signature'],
    inBody['Token'],
  ];
  return found.filter((secret): secret is string => secret !== undefined && secret !== '');
}

/**
 * A request as report data, with the secrets blanked by where they stand (the structural layer): the Authorization
 * signature, X-TC-Token, and the v1 Signature and Token of the query or form body. Callers still pass the result
 * through createRedactor(...).redactDeep, which catches the same values wherever else they turn up; this layer is the
 * guard for a secret no list caught (a secret sent in a way secretsOf does not read, say).
 */
export function redactedRequest(request: RequestParts): Exchange['request'] {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = value;
  const body = asBuffer(request.body).toString('utf8');
  const isForm = (headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
  return {
    method: request.method,
    url: redactUrl(request.url),
    headers: redactHeaders(headers),
    body: isForm ? redactParamsText(body) : body,
  };
}

function asBuffer(bytes: Uint8Array | undefined): Buffer {
  if (bytes === undefined) return Buffer.alloc(0);
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
