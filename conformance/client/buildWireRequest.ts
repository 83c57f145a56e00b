import type { SignatureScheme } from '../wire/SignatureScheme.ts';
import { SERVICE } from '../../generated/actions.ts';
import { TbcError } from '../TbcError.ts';
import type { Credentials } from '../signing/Credentials.ts';
import { encodeParams } from '../wire/encodeParams.ts';
import { flattenParams } from '../wire/flattenParams.ts';
import { signTc3, utcDateOf } from '../signing/signTc3.ts';
import { signV1, type V1SignatureMethod } from '../signing/signV1.ts';
import type { CommonParameter, Malformation, SignatureFault } from './Malformation.ts';

export type Encoding = 'json' | 'form' | 'query';

export interface WireInput {
  /** Origin of the target; the path is always `/` (reference §4.1). */
  origin: string;
  action: string;
  version: string;
  params: unknown;
  scheme: SignatureScheme;
  method: 'GET' | 'POST';
  /** Default: `query` for GET, `json` for TC3 POST, `form` for v1 POST (reference §4.2). */
  encoding?: Encoding;
  region?: string;
  credentials: Credentials;
  nowSeconds: number;
  /** v1 anti-replay `Nonce`, "random positive Integer" (reference §4.3). */
  nonce: number;
  malformations: readonly Malformation[];
}

export interface WireRequest {
  method: string;
  url: string;
  /** Lowercased names. */
  headers: Record<string, string>;
  body: Uint8Array | undefined;
  /** Every signature and token placed in the request (for redaction). */
  secrets: string[];
}

/** A SecretId nobody issues: AKID plus a fixed tail, so the request is otherwise well formed. */
export const UNKNOWN_SECRET_ID = 'AKIDtbcUnknownSecretIdNobodyIssued00';
/** Not derived from the real SecretKey, so the wrong-key signature says nothing about it. */
const WRONG_SECRET_KEY = 'tbcWrongSecretKeyForNegativeTests0';
const REQUEST_CLIENT = 'tbc';

/**
 * Builds one request as bytes on the wire: common parameters, encoding and signature (reference §4.2–4.6), with the
 * requested malformations applied so that each reaches the server exactly as intended. Pure apart from its inputs.
 */
export function buildWireRequest(input: WireInput): WireRequest {
  const m = input.malformations;
  const last = <K extends Malformation['kind']>(kind: K): Extract<Malformation, { kind: K }> | undefined =>
    m.filter((item): item is Extract<Malformation, { kind: K }> => item.kind === kind).at(-1);

  const params = applyParameterEdits(input.params, m);
  const method = (last('method')?.value ?? input.method).toUpperCase();
  const encoding = input.encoding ?? (input.method === 'GET' ? 'query' : input.scheme === 'TC3' ? 'json' : 'form');
  if ((method === 'GET' || method === 'HEAD') && encoding !== 'query') {
    throw new TbcError(`raw: a ${method} request has no body; use method 'GET' (query encoding) for it`);
  }
  if (input.scheme === 'v1' && encoding === 'json') {
    throw new TbcError('raw: v1 parameters travel in a form body or a query, not in JSON (reference §4.2)');
  }
  const fault = last('signature')?.fault;
  const offset = m.reduce((sum, item) => sum + (item.kind === 'timestamp' ? item.offsetSeconds : 0), 0);
  const context: SigningContext = {
    input,
    method,
    encoding,
    params,
    fault,
    action: last('action')?.value ?? input.action,
    version: last('version')?.value ?? input.version,
    region: last('region')?.value ?? input.region,
    timestamp: input.nowSeconds + offset + (fault === 'expired' ? -3600 : 0),
    secretId: fault === 'unknown-secret-id' ? UNKNOWN_SECRET_ID : input.credentials.secretId,
    secretKey: fault === 'wrong-key' ? WRONG_SECRET_KEY : input.credentials.secretKey,
    token: (() => {
      const tokenEdit = last('token');
      return tokenEdit === undefined ? input.credentials.token : (tokenEdit.value ?? undefined);
    })(),
    omitted: new Set(m.flatMap((item) => (item.kind === 'omit-common-parameter' ? [item.name] : []))),
    everyByte: new Set(m.flatMap((item) => (item.kind === 'encode-every-byte' ? [item.name] : []))),
    last,
  };
  const wire = input.scheme === 'TC3' ? buildTc3(context) : buildV1(context);
  for (const item of m) {
    if (item.kind !== 'header') continue;
    const name = item.name.toLowerCase();
    if (item.value === null) Reflect.deleteProperty(wire.headers, name);
    else wire.headers[name] = item.value;
  }
  return wire;
}

interface SigningContext {
  input: WireInput;
  method: string;
  encoding: Encoding;
  params: unknown;
  fault: SignatureFault | undefined;
  action: string;
  version: string;
  region: string | undefined;
  timestamp: number;
  secretId: string;
  secretKey: string;
  token: string | undefined;
  omitted: ReadonlySet<CommonParameter>;
  /** Flat parameters whose values are percent-encoded byte by byte (the `encode-every-byte` malformation). */
  everyByte: ReadonlySet<string>;
  last: <K extends Malformation['kind']>(kind: K) => Extract<Malformation, { kind: K }> | undefined;
}

function buildTc3(c: SigningContext): WireRequest {
  for (const name of c.omitted) {
    if (name === 'Nonce' || name === 'SecretId' || name === 'SignatureMethod') {
      throw new TbcError(`raw: TC3 has no ${name} common parameter to leave out (reference §4.3)`);
    }
  }
  const headers: Record<string, string> = {};
  if (!c.omitted.has('Action')) headers['x-tc-action'] = c.action;
  if (!c.omitted.has('Version')) headers['x-tc-version'] = c.version;
  if (!c.omitted.has('Timestamp')) headers['x-tc-timestamp'] = String(c.timestamp);
  if (c.region !== undefined && !c.omitted.has('Region')) headers['x-tc-region'] = c.region;
  if (c.token !== undefined) headers['x-tc-token'] = c.token;
  headers['x-tc-requestclient'] = REQUEST_CLIENT;

  if (c.everyByte.size > 0 && c.encoding === 'json') {
    throw new TbcError("raw: 'encode-every-byte' needs a query or form encoding");
  }
  let query = c.encoding === 'query' ? encodeParams(flattenParams(c.params), c.everyByte) : '';
  let body: Uint8Array | undefined;
  if (c.encoding === 'json') {
    const json = JSON.stringify(c.params);
    const invalid = c.last('invalid-json');
    body = utf8(invalid === undefined ? json : (invalid.text ?? json.slice(0, -1)));
  } else if (c.encoding === 'form') {
    body = utf8(encodeParams(flattenParams(c.params), c.everyByte));
  }
  ({ body, query } = pad(c, replaceBody(c, body), query));
  const contentType = contentTypeOf(
    c,
    c.encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
  );
  if (contentType !== null) headers['content-type'] = contentType;

  // The hostname without the port, as both Node SDKs sign it (reference §5.2 item 2).
  const host = new URL(c.input.origin).hostname;
  const signed = signTc3({
    method: c.method,
    host,
    canonicalQueryString: query,
    contentType: contentType ?? '',
    body: body ?? '',
    timestamp: c.timestamp,
    service: SERVICE,
    secretId: c.secretId,
    secretKey: c.secretKey,
    ...(c.fault === 'scope-date' ? { scopeDate: utcDateOf(c.timestamp - 86_400) } : {}),
  });
  const secrets = [signed.signature];
  if (c.token !== undefined) secrets.push(c.token);
  if (c.fault === 'corrupt') {
    const corrupted = signed.authorization.replace(/[0-9a-f]$/, (digit) => (digit === '0' ? '1' : '0'));
    headers['authorization'] = corrupted;
    secrets.push(corrupted.slice(-64));
  } else if (c.fault === 'malformed') {
    headers['authorization'] = signed.authorization.replace(/, /g, ' ');
  } else if (c.fault !== 'missing') {
    headers['authorization'] = signed.authorization;
  }
  return { method: c.method, url: urlOf(c.input.origin, query), headers, body, secrets };
}

function buildV1(c: SigningContext): WireRequest {
  if (c.fault === 'scope-date' || c.fault === 'malformed') {
    throw new TbcError(`raw: signature fault '${c.fault}' exists only for TC3`);
  }
  const signatureMethod: V1SignatureMethod = c.omitted.has('SignatureMethod') ? 'HmacSHA1' : 'HmacSHA256';
  // The order the intl SDK writes (reference §5.1): business parameters first, then the common ones.
  const common: [CommonParameter | 'Token', string | undefined][] = [
    ['Action', c.action],
    ['Nonce', String(c.input.nonce)],
    ['Timestamp', String(c.timestamp)],
    ['Version', c.version],
    ['SecretId', c.secretId],
    ['Region', c.region],
    ['Token', c.token],
    ['SignatureMethod', signatureMethod],
  ];
  const params: Record<string, string> = { ...flattenParams(c.params) };
  for (const [name, value] of common) {
    if (value !== undefined && !(name !== 'Token' && c.omitted.has(name))) params[name] = value;
  }
  const signature = signV1({
    method: c.method,
    host: new URL(c.input.origin).host,
    path: '/',
    params,
    secretKey: c.secretKey,
    signatureMethod,
  });
  const secrets = [signature];
  if (c.token !== undefined) secrets.push(c.token);
  let sent: string | undefined = signature;
  if (c.fault === 'missing') sent = undefined;
  if (c.fault === 'corrupt') {
    sent = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    secrets.push(sent);
  }
  const encoded = encodeParams(sent === undefined ? params : { ...params, Signature: sent }, c.everyByte);
  const headers: Record<string, string> = {};
  let body = c.encoding === 'query' ? undefined : utf8(encoded);
  let query = c.encoding === 'query' ? encoded : '';
  if (c.last('invalid-json') !== undefined) {
    throw new TbcError("raw: 'invalid-json' needs the JSON encoding (TC3)");
  }
  ({ body, query } = pad(c, replaceBody(c, body), query));
  // The intl SDK sends a form Content-Type with a v1 POST and none with a v1 GET (reference §5.1).
  const contentType = contentTypeOf(c, c.encoding === 'query' ? null : 'application/x-www-form-urlencoded');
  if (contentType !== null) headers['content-type'] = contentType;
  return { method: c.method, url: urlOf(c.input.origin, query), headers, body, secrets };
}

function replaceBody(c: SigningContext, body: Uint8Array | undefined): Uint8Array | undefined {
  const replacement = c.last('body');
  if (replacement === undefined) return body;
  if (body === undefined) throw new TbcError(`raw: a ${c.method} request with query encoding has no body to replace`);
  return typeof replacement.bytes === 'string' ? utf8(replacement.bytes) : replacement.bytes;
}

/**
 * Pads without changing the meaning: JSON may be followed by whitespace (RFC 8259 §2), and an empty `&` pair is
 * skipped by every form and query decoder.
 */
function pad(
  c: SigningContext,
  body: Uint8Array | undefined,
  query: string,
): { body: Uint8Array | undefined; query: string } {
  const oversize = c.last('oversize');
  if (oversize === undefined) return { body, query };
  if (body === undefined) return { body, query: query + '&'.repeat(Math.max(0, oversize.bytes - query.length)) };
  const filler = c.encoding === 'json' ? 0x20 : 0x26;
  const padded = new Uint8Array(Math.max(body.length, oversize.bytes)).fill(filler);
  padded.set(body);
  return { body: padded, query };
}

function applyParameterEdits(params: unknown, malformations: readonly Malformation[]): unknown {
  let result: unknown = params === undefined ? {} : structuredClone(params);
  for (const item of malformations) {
    if (item.kind === 'missing-parameter') {
      if (!hasPath(result, item.path)) throw new TbcError(`raw: there is no parameter ${item.path} to leave out`);
      result = editPath(result, item.path, undefined);
    } else if (item.kind === 'wrong-type') {
      if (!hasPath(result, item.path)) throw new TbcError(`raw: there is no parameter ${item.path} to mistype`);
      result = editPath(result, item.path, { value: item.value });
    } else if (item.kind === 'extra-parameter') {
      if (hasPath(result, item.path)) throw new TbcError(`raw: parameter ${item.path} is already there`);
      result = editPath(result, item.path, { value: item.value });
    }
  }
  return result;
}

function hasPath(value: unknown, path: string): boolean {
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return true;
}

/** Sets (`{ value }`) or removes (`undefined`) the parameter at a dotted path, creating objects on the way. */
function editPath(root: unknown, path: string, edit: { value: unknown } | undefined): unknown {
  const keys = path.split('.');
  const container = typeof root === 'object' && root !== null ? root : {};
  let current = container as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (typeof next !== 'object' || next === null) current[key] = {};
    current = current[key] as Record<string, unknown>;
  }
  const leaf = keys.at(-1) ?? '';
  if (edit === undefined) {
    if (Array.isArray(current)) current.splice(Number(leaf), 1);
    else Reflect.deleteProperty(current, leaf);
  } else {
    Object.defineProperty(current, leaf, { value: edit.value, enumerable: true, writable: true, configurable: true });
  }
  return container;
}

function urlOf(origin: string, query: string): string {
  return `${new URL(origin).origin}/${query === '' ? '' : `?${query}`}`;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** The Content-Type to send: a deliberate `content-type` malformation wins over the encoding's own. */
function contentTypeOf(c: SigningContext, byEncoding: string | null): string | null {
  const edit = c.last('content-type');
  return edit === undefined ? byEncoding : edit.value;
}
