import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawRequest } from '../wire/RawExchange.ts';
import { EXAMPLE_CREDENTIALS, type Credentials } from './Credentials.ts';
import { decodeParams } from '../wire/decodeParams.ts';
import { encodeParams } from '../wire/encodeParams.ts';
import { loadOfficialSdks } from '../test-only/loadOfficialSdks.ts';
import { verifyRequest, type CredentialStore, type VerifyResult } from './verifyRequest.ts';

// Real requests from both official Node SDKs (reference §5.1), captured by a loopback stub, then verified as captured
// and after one deliberate change each.
const sdks = loadOfficialSdks();
const TOKEN = 'session-token-for-tests-7f3a';
const TERMINATE = { JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: 0 };

type Scenario =
  | 'common TC3 POST'
  | 'common TC3 POST with token'
  | 'common TC3 GET'
  | 'intl v1 HmacSHA256 form POST'
  | 'intl v1 HmacSHA256 form POST with token'
  | 'intl v1 HmacSHA1 GET'
  | 'intl TC3 POST'
  | 'intl TC3 GET';

const SCENARIOS: readonly { name: Scenario; scheme: 'TC3' | 'v1' }[] = [
  { name: 'common TC3 POST', scheme: 'TC3' },
  { name: 'common TC3 POST with token', scheme: 'TC3' },
  { name: 'common TC3 GET', scheme: 'TC3' },
  { name: 'intl v1 HmacSHA256 form POST', scheme: 'v1' },
  { name: 'intl v1 HmacSHA256 form POST with token', scheme: 'v1' },
  { name: 'intl v1 HmacSHA1 GET', scheme: 'v1' },
  { name: 'intl TC3 POST', scheme: 'TC3' },
  { name: 'intl TC3 GET', scheme: 'TC3' },
];

let server: Server;
let endpoint = '';
const captured = new Map<Scenario, RawRequest>();
let pending: ((request: RawRequest) => void) | undefined;

function toRawRequest(message: IncomingMessage, body: Buffer): RawRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: message.method ?? '', url: message.url ?? '', headers, body };
}

async function capture(send: () => Promise<unknown>): Promise<RawRequest> {
  const received = new Promise<RawRequest>((resolve) => {
    pending = resolve;
  });
  await send();
  return received;
}

function commonClient(options: { token?: string; reqMethod?: 'GET' | 'POST' }): {
  request(action: string, req: unknown): Promise<unknown>;
} {
  return new sdks.common.CommonClient(endpoint, '2017-03-12', {
    credential: { ...EXAMPLE_CREDENTIALS, ...(options.token === undefined ? {} : { token: options.token }) },
    region: 'ap-guangzhou',
    profile: {
      httpProfile: { protocol: 'http://', endpoint, ...(options.reqMethod ? { reqMethod: options.reqMethod } : {}) },
    },
  });
}

function intlTerminate(options: { signMethod?: string; reqMethod?: string; token?: string }): Promise<unknown> {
  const { intl } = sdks;
  const credential = new intl.Credential(EXAMPLE_CREDENTIALS.secretId, EXAMPLE_CREDENTIALS.secretKey, options.token);
  const profile = new intl.ClientProfile(
    options.signMethod,
    new intl.HttpProfile('http://', endpoint, options.reqMethod),
  );
  const client = new intl.BatchClient(credential, 'ap-guangzhou', profile);
  return new Promise((resolve, reject) => {
    client.TerminateTaskInstance({ ...TERMINATE }, (error, response) => {
      if (error === null) resolve(response);
      else reject(error instanceof Error ? error : new Error('the intl SDK failed without an Error'));
    });
  });
}

const SENDERS: Record<Scenario, () => Promise<unknown>> = {
  'common TC3 POST': () => commonClient({}).request('TerminateTaskInstance', { ...TERMINATE }),
  'common TC3 POST with token': () => commonClient({ token: TOKEN }).request('TerminateTaskInstance', { ...TERMINATE }),
  'common TC3 GET': () => commonClient({ reqMethod: 'GET' }).request('TerminateTaskInstance', { ...TERMINATE }),
  'intl v1 HmacSHA256 form POST': () => intlTerminate({}),
  'intl v1 HmacSHA256 form POST with token': () => intlTerminate({ token: TOKEN }),
  'intl v1 HmacSHA1 GET': () => intlTerminate({ signMethod: 'HmacSHA1', reqMethod: 'GET' }),
  'intl TC3 POST': () => intlTerminate({ signMethod: 'TC3-HMAC-SHA256' }),
  'intl TC3 GET': () => intlTerminate({ signMethod: 'TC3-HMAC-SHA256', reqMethod: 'GET' }),
};

beforeAll(async () => {
  server = createServer((message, response) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => {
      pending?.(toRawRequest(message, Buffer.concat(chunks)));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ Response: { RequestId: randomUUID() } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  // One at a time: the stub hands each request to the capture that is waiting for it.
  for (const { name } of SCENARIOS) captured.set(name, await capture(SENDERS[name]));
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => {
    server.close((error) => {
      if (error) reject(error);
      else resolve();
    });
  });
});

function request(name: Scenario): RawRequest {
  const raw = captured.get(name);
  if (raw === undefined) throw new Error(`no capture for ${name}`);
  return raw;
}

function store(credentials: Credentials): CredentialStore {
  return (id) => (id === credentials.secretId ? credentials : undefined);
}

function timestampOf(raw: RawRequest): number {
  const text = raw.headers['x-tc-timestamp'] ?? decodeParams(formOrQuery(raw))['Timestamp'] ?? '';
  return Number(text);
}

function formOrQuery(raw: RawRequest): string {
  return raw.method === 'GET' ? raw.url.slice(raw.url.indexOf('?') + 1) : raw.body.toString('utf8');
}

function verify(raw: RawRequest, options: { credentials?: Credentials; nowSeconds?: number } = {}): VerifyResult {
  const credentials = options.credentials ?? EXAMPLE_CREDENTIALS;
  return verifyRequest(raw, {
    findCredentials: store(credentials),
    nowSeconds: options.nowSeconds ?? timestampOf(raw),
  });
}

function withHeaders(raw: RawRequest, changes: Record<string, string | undefined>): RawRequest {
  return { ...raw, headers: { ...raw.headers, ...changes } };
}

/** Re-encodes a v1 form body with some parameters changed (undefined removes one). */
function withFormParams(raw: RawRequest, changes: Record<string, string | undefined>): RawRequest {
  const merged = Object.entries({ ...decodeParams(raw.body.toString('utf8')), ...changes }).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return { ...raw, body: Buffer.from(encodeParams(Object.fromEntries(merged))) };
}

function flipLastHexDigit(text: string): string {
  return text.replace(/[0-9a-f]$/, (c) => (c === '0' ? '1' : '0'));
}

const withToken = { ...EXAMPLE_CREDENTIALS, token: TOKEN };

describe('verifyRequest on requests captured from the official Node SDKs', () => {
  it.each(SCENARIOS)('accepts the $name request as sent ($scheme)', ({ name, scheme }) => {
    const credentials = name.endsWith('with token') ? withToken : EXAMPLE_CREDENTIALS;
    expect(verify(request(name), { credentials })).toEqual({
      ok: true,
      secretId: EXAMPLE_CREDENTIALS.secretId,
      scheme,
    });
  });

  it('sees the Node SDK quirks the verifier must accept: scope service 127, host signed without its port', () => {
    const raw = request('common TC3 POST');
    expect(raw.headers['authorization']).toMatch(/\/127\/tc3_request, SignedHeaders=content-type;host, /);
    expect(raw.headers['host']).toBe(endpoint);
    expect(raw.headers['content-type']).toBe('application/json');
  });
});

describe('verifyRequest on tampered TC3 requests', () => {
  const raw = (): RawRequest => request('common TC3 POST');

  it('answers SignatureFailure when one body byte changes', () => {
    const body = Buffer.from(raw().body);
    body[body.length - 2] = '1'.charCodeAt(0);
    expect(verify({ ...raw(), body })).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
  });

  it('answers SignatureFailure when X-TC-Timestamp moves by one second', () => {
    const moved = withHeaders(raw(), { 'x-tc-timestamp': String(timestampOf(raw()) + 1) });
    expect(verify(moved, { nowSeconds: timestampOf(raw()) })).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
  });

  it('answers SignatureExpire when the server clock is 301 s ahead or behind, and accepts 300 s', () => {
    const ts = timestampOf(raw());
    expect(verify(raw(), { nowSeconds: ts + 301 })).toMatchObject({ code: 'AuthFailure.SignatureExpire' });
    expect(verify(raw(), { nowSeconds: ts - 301 })).toMatchObject({ code: 'AuthFailure.SignatureExpire' });
    expect(verify(raw(), { nowSeconds: ts + 300 })).toMatchObject({ ok: true });
  });

  it('answers SignatureFailure when the store holds a different SecretKey for the SecretId', () => {
    const otherKey = { ...EXAMPLE_CREDENTIALS, secretKey: 'AnotherKeyOfTheSameLengthEXAMPLE' };
    expect(verify(raw(), { credentials: otherKey })).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
  });

  it('answers SecretIdNotFound when the store does not know the SecretId', () => {
    const other = { secretId: 'AKIDsomeoneElse', secretKey: EXAMPLE_CREDENTIALS.secretKey };
    expect(verify(raw(), { credentials: other })).toMatchObject({ code: 'AuthFailure.SecretIdNotFound' });
  });

  it('answers SignatureFailure when one signature digit changes', () => {
    const header = raw().headers['authorization'] ?? '';
    expect(verify(withHeaders(raw(), { authorization: flipLastHexDigit(header) }))).toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    });
  });

  it('answers InvalidAuthorization when the Authorization header is malformed or missing', () => {
    const header = raw().headers['authorization'] ?? '';
    const malformed = header.replace('SignedHeaders=', 'Headers=');
    expect(verify(withHeaders(raw(), { authorization: malformed }))).toMatchObject({
      code: 'AuthFailure.InvalidAuthorization',
    });
    expect(verify(withHeaders(raw(), { authorization: undefined }))).toMatchObject({
      code: 'AuthFailure.InvalidAuthorization',
    });
  });

  it('answers SignatureFailure when the Content-Type gains a charset the client did not sign', () => {
    const changed = withHeaders(raw(), { 'content-type': 'application/json; charset=utf-8' });
    expect(verify(changed)).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
  });

  it('answers TokenFailure when a token is sent for permanent credentials', () => {
    expect(verify(withHeaders(raw(), { 'x-tc-token': TOKEN }))).toMatchObject({ code: 'AuthFailure.TokenFailure' });
  });

  it('answers TokenFailure when temporary credentials arrive with a different token or none', () => {
    const tokened = request('common TC3 POST with token');
    expect(verify(tokened, { credentials: { ...withToken, token: 'another-token' } })).toMatchObject({
      code: 'AuthFailure.TokenFailure',
    });
    expect(verify(withHeaders(tokened, { 'x-tc-token': undefined }), { credentials: withToken })).toMatchObject({
      code: 'AuthFailure.TokenFailure',
    });
  });

  it('answers SignatureFailure when a GET query parameter changes', () => {
    const get = request('common TC3 GET');
    const changed = { ...get, url: get.url.replace('TaskName=A', 'TaskName=B') };
    expect(changed.url).not.toBe(get.url);
    expect(verify(changed)).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
  });
});

describe('verifyRequest on tampered v1 requests', () => {
  const raw = (): RawRequest => request('intl v1 HmacSHA256 form POST');

  it('answers SignatureFailure when a business parameter changes', () => {
    expect(verify(withFormParams(raw(), { TaskName: 'B' }))).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
  });

  it('answers SignatureFailure when Timestamp moves by one second', () => {
    const ts = timestampOf(raw());
    expect(verify(withFormParams(raw(), { Timestamp: String(ts + 1) }), { nowSeconds: ts })).toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    });
  });

  it('answers SignatureExpire when the server clock is 301 s ahead', () => {
    expect(verify(raw(), { nowSeconds: timestampOf(raw()) + 301 })).toMatchObject({
      code: 'AuthFailure.SignatureExpire',
    });
  });

  it('answers SignatureFailure when the store holds a different SecretKey', () => {
    const otherKey = { ...EXAMPLE_CREDENTIALS, secretKey: 'AnotherKeyOfTheSameLengthEXAMPLE' };
    expect(verify(raw(), { credentials: otherKey })).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
  });

  it('answers SignatureFailure when the Signature changes, and InvalidAuthorization when it is gone', () => {
    const signature = decodeParams(raw().body.toString('utf8'))['Signature'] ?? '';
    const changed = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(verify(withFormParams(raw(), { Signature: changed }))).toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    });
    expect(verify(withFormParams(raw(), { Signature: undefined }))).toMatchObject({
      code: 'AuthFailure.InvalidAuthorization',
    });
  });

  it('answers TokenFailure when the token changes, even though Token is a signed v1 parameter', () => {
    const tokened = request('intl v1 HmacSHA256 form POST with token');
    expect(verify(withFormParams(tokened, { Token: 'another-token' }), { credentials: withToken })).toMatchObject({
      code: 'AuthFailure.TokenFailure',
    });
  });

  it('answers SignatureFailure when a GET query parameter of a HmacSHA1 request changes', () => {
    const get = request('intl v1 HmacSHA1 GET');
    const changed = { ...get, url: get.url.replace('TaskInstanceIndex=0', 'TaskInstanceIndex=1') };
    expect(changed.url).not.toBe(get.url);
    expect(verify(changed)).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
  });
});
