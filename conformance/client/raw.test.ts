import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RawRequest } from '../wire/RawExchange.ts';
import { TbcError } from '../TbcError.ts';
import { EXAMPLE_CREDENTIALS, type Credentials } from '../signing/Credentials.ts';
import { decodeParams, readFlatParams } from '../wire/decodeParams.ts';
import { verifyRequest, type AuthFailureCode, type VerifyResult } from '../signing/verifyRequest.ts';
import { createRecordingDouble, jsonAnswer } from '../test-only/createRecordingDouble.ts';
import { createApiClient, type RawCall } from './createApiClient.ts';

// Each raw malformation must reach the server malformed in exactly the intended way: the defect is there, and
// everything else (above all the signature, unless the defect is the signature) is still correct.
const TERMINATE = { JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: 0 };
const TOKEN = 'raw-test-session-token';

async function send(
  call: Omit<RawCall, 'action'> & { action?: string },
  credentials: Credentials = EXAMPLE_CREDENTIALS,
): Promise<{ received: RawRequest; verdict: VerifyResult }> {
  const double = createRecordingDouble(() => jsonAnswer({ Response: { RequestId: randomUUID() } }));
  const target = createApiClient({ implementation: double.implementation, credentials, pacing: false });
  await target.raw({ action: 'TerminateTaskInstance', params: TERMINATE, ...call });
  const [received] = double.requests;
  if (received === undefined) throw new Error('the double received nothing');
  const verdict = verifyRequest(received, {
    findCredentials: (id) => (id === credentials.secretId ? credentials : undefined),
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  return { received, verdict };
}

const jsonOf = (raw: RawRequest): unknown => JSON.parse(raw.body.toString('utf8'));

interface Case {
  id: string;
  sentence: string;
  call: Omit<RawCall, 'action'>;
  credentials?: Credentials;
  check: (raw: RawRequest) => void;
  /** The verifier's verdict: still ok, or the failure the defect is meant to cause. */
  verdict: 'ok' | AuthFailureCode;
}

const CASES: readonly Case[] = [
  {
    id: 'missing-parameter',
    sentence: 'leaves TaskInstanceIndex out of the JSON body and keeps the rest',
    call: { malformations: [{ kind: 'missing-parameter', path: 'TaskInstanceIndex' }] },
    check: (raw) => {
      expect(jsonOf(raw)).toEqual({ JobId: 'job-rybewp57', TaskName: 'A' });
    },
    verdict: 'ok',
  },
  {
    id: 'extra-parameter',
    sentence: 'adds an undocumented parameter next to the real ones',
    call: { malformations: [{ kind: 'extra-parameter', path: 'Force', value: true }] },
    check: (raw) => {
      expect(jsonOf(raw)).toEqual({ ...TERMINATE, Force: true });
    },
    verdict: 'ok',
  },
  {
    id: 'wrong-type',
    sentence: 'sends TaskInstanceIndex as a JSON string',
    call: { malformations: [{ kind: 'wrong-type', path: 'TaskInstanceIndex', value: '0' }] },
    check: (raw) => {
      expect(jsonOf(raw)).toEqual({ ...TERMINATE, TaskInstanceIndex: '0' });
    },
    verdict: 'ok',
  },
  {
    id: 'invalid-json',
    sentence: 'sends JSON bytes cut short, signed as sent',
    call: { malformations: [{ kind: 'invalid-json' }] },
    check: (raw) => {
      expect(raw.body.toString('utf8')).toBe(JSON.stringify(TERMINATE).slice(0, -1));
      expect(() => jsonOf(raw)).toThrow(SyntaxError);
    },
    verdict: 'ok',
  },
  {
    id: 'content-type',
    sentence: 'sends text/plain as Content-Type, signed as sent',
    call: { malformations: [{ kind: 'content-type', value: 'text/plain' }] },
    check: (raw) => {
      expect(raw.headers['content-type']).toBe('text/plain');
      expect(jsonOf(raw)).toEqual(TERMINATE);
    },
    verdict: 'ok',
  },
  {
    id: 'content-type-none',
    sentence: 'sends no Content-Type at all',
    call: { malformations: [{ kind: 'content-type', value: null }] },
    check: (raw) => {
      expect(raw.headers['content-type']).toBeUndefined();
    },
    verdict: 'ok',
  },
  {
    id: 'action',
    sentence: 'names an unknown action in X-TC-Action',
    call: { malformations: [{ kind: 'action', value: 'TerminateEverything' }] },
    check: (raw) => {
      expect(raw.headers['x-tc-action']).toBe('TerminateEverything');
    },
    verdict: 'ok',
  },
  {
    id: 'version',
    sentence: 'names an unknown version in X-TC-Version',
    call: { malformations: [{ kind: 'version', value: '2099-01-01' }] },
    check: (raw) => {
      expect(raw.headers['x-tc-version']).toBe('2099-01-01');
    },
    verdict: 'ok',
  },
  {
    id: 'omit-common-tc3',
    sentence: 'leaves X-TC-Version out and keeps the other common headers',
    call: { malformations: [{ kind: 'omit-common-parameter', name: 'Version' }] },
    check: (raw) => {
      expect(raw.headers['x-tc-version']).toBeUndefined();
      expect(raw.headers['x-tc-action']).toBe('TerminateTaskInstance');
    },
    verdict: 'ok',
  },
  {
    id: 'omit-common-v1',
    sentence: 'leaves the v1 Nonce out and signs the rest',
    call: { scheme: 'v1', malformations: [{ kind: 'omit-common-parameter', name: 'Nonce' }] },
    check: (raw) => {
      const params = readFlatParams(raw);
      expect(Object.hasOwn(params, 'Nonce')).toBe(false);
      expect(params['Action']).toBe('TerminateTaskInstance');
    },
    verdict: 'ok',
  },
  {
    id: 'oversize',
    sentence: 'pads the JSON body past 10 MB with whitespace, so it still parses to the same parameters',
    call: { malformations: [{ kind: 'oversize', bytes: 10 * 1024 * 1024 + 1 }] },
    check: (raw) => {
      expect(raw.body.length).toBe(10 * 1024 * 1024 + 1);
      expect(jsonOf(raw)).toEqual(TERMINATE);
    },
    verdict: 'ok',
  },
  {
    id: 'oversize-query',
    sentence: 'pads a GET query past 32 KB with empty pairs',
    call: { method: 'GET', malformations: [{ kind: 'oversize', bytes: 32 * 1024 + 1 }] },
    check: (raw) => {
      expect(raw.url.length).toBeGreaterThan(32 * 1024);
      expect(readFlatParams(raw)).toEqual({ JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: '0' });
    },
    verdict: 'ok',
  },
  {
    id: 'method',
    sentence: 'sends the request with PUT, signed as PUT',
    call: { malformations: [{ kind: 'method', value: 'PUT' }] },
    check: (raw) => {
      expect(raw.method).toBe('PUT');
      expect(jsonOf(raw)).toEqual(TERMINATE);
    },
    verdict: 'ok',
  },
  {
    id: 'header',
    sentence: 'adds an unsigned header after signing',
    call: { malformations: [{ kind: 'header', name: 'X-TC-Language', value: 'xx-XX' }] },
    check: (raw) => {
      expect(raw.headers['x-tc-language']).toBe('xx-XX');
    },
    verdict: 'ok',
  },
  {
    id: 'tc3-get',
    sentence: 'sends a TC3 GET with the parameters in the query',
    call: { method: 'GET' },
    check: (raw) => {
      expect(raw.method).toBe('GET');
      expect(raw.url).toBe('/?JobId=job-rybewp57&TaskName=A&TaskInstanceIndex=0');
      expect(raw.body.length).toBe(0);
    },
    verdict: 'ok',
  },
  {
    id: 'v1-get',
    sentence: 'sends a v1 GET with every parameter in the query and no Content-Type',
    call: { scheme: 'v1', method: 'GET' },
    check: (raw) => {
      expect(raw.headers['content-type']).toBeUndefined();
      expect(decodeParams(raw.url.slice(2))['SignatureMethod']).toBe('HmacSHA256');
    },
    verdict: 'ok',
  },
  {
    id: 'signature-missing',
    sentence: 'sends no Authorization header',
    call: { malformations: [{ kind: 'signature', fault: 'missing' }] },
    check: (raw) => {
      expect(raw.headers['authorization']).toBeUndefined();
    },
    verdict: 'AuthFailure.InvalidAuthorization',
  },
  {
    id: 'signature-malformed',
    sentence: 'sends an Authorization header without its separators',
    call: { malformations: [{ kind: 'signature', fault: 'malformed' }] },
    check: (raw) => {
      expect(raw.headers['authorization']).not.toContain(', ');
    },
    verdict: 'AuthFailure.InvalidAuthorization',
  },
  {
    id: 'signature-corrupt',
    sentence: 'changes one digit of a correct TC3 signature',
    call: { malformations: [{ kind: 'signature', fault: 'corrupt' }] },
    check: (raw) => {
      expect(raw.headers['authorization']).toMatch(/Signature=[0-9a-f]{64}$/);
    },
    verdict: 'AuthFailure.SignatureFailure',
  },
  {
    id: 'signature-wrong-key',
    sentence: 'signs with another SecretKey',
    call: { malformations: [{ kind: 'signature', fault: 'wrong-key' }] },
    check: (raw) => {
      expect(raw.headers['authorization']).toContain(EXAMPLE_CREDENTIALS.secretId);
    },
    verdict: 'AuthFailure.SignatureFailure',
  },
  {
    id: 'signature-unknown-secret-id',
    sentence: 'names a SecretId nobody issued',
    call: { malformations: [{ kind: 'signature', fault: 'unknown-secret-id' }] },
    check: (raw) => {
      expect(raw.headers['authorization']).not.toContain(EXAMPLE_CREDENTIALS.secretId);
    },
    verdict: 'AuthFailure.SecretIdNotFound',
  },
  {
    id: 'signature-expired',
    sentence: 'signs an hour in the past, consistently',
    call: { malformations: [{ kind: 'signature', fault: 'expired' }] },
    check: (raw) => {
      expect(Number(raw.headers['x-tc-timestamp'])).toBeLessThan(Math.floor(Date.now() / 1000) - 3000);
    },
    verdict: 'AuthFailure.SignatureExpire',
  },
  {
    id: 'timestamp',
    sentence: 'signs 301 s in the future',
    call: { malformations: [{ kind: 'timestamp', offsetSeconds: 301 }] },
    check: (raw) => {
      expect(Number(raw.headers['x-tc-timestamp'])).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 300);
    },
    verdict: 'AuthFailure.SignatureExpire',
  },
  {
    id: 'signature-scope-date',
    sentence: 'signs correctly over a credential scope dated the day before',
    call: { malformations: [{ kind: 'signature', fault: 'scope-date' }] },
    check: (raw) => {
      expect(raw.headers['authorization']).toMatch(/Credential=AKID[^/]+\/\d{4}-\d{2}-\d{2}\/batch\//);
    },
    verdict: 'AuthFailure.SignatureFailure',
  },
  {
    id: 'v1-signature-missing',
    sentence: 'sends a v1 form without Signature',
    call: { scheme: 'v1', malformations: [{ kind: 'signature', fault: 'missing' }] },
    check: (raw) => {
      expect(Object.hasOwn(readFlatParams(raw), 'Signature')).toBe(false);
    },
    verdict: 'AuthFailure.InvalidAuthorization',
  },
  {
    id: 'v1-signature-corrupt',
    sentence: 'changes the first character of a correct v1 signature',
    call: { scheme: 'v1', malformations: [{ kind: 'signature', fault: 'corrupt' }] },
    check: (raw) => {
      expect(readFlatParams(raw)['Signature']).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    },
    verdict: 'AuthFailure.SignatureFailure',
  },
  {
    id: 'v1-signature-expired',
    sentence: 'signs a v1 request an hour in the past',
    call: { scheme: 'v1', malformations: [{ kind: 'signature', fault: 'expired' }] },
    check: (raw) => {
      expect(Number(readFlatParams(raw)['Timestamp'])).toBeLessThan(Date.now() / 1000 - 3000);
    },
    verdict: 'AuthFailure.SignatureExpire',
  },
  {
    id: 'token-unexpected',
    sentence: 'sends X-TC-Token with permanent credentials',
    call: { malformations: [{ kind: 'token', value: 'not-a-real-token' }] },
    check: (raw) => {
      expect(raw.headers['x-tc-token']).toBe('not-a-real-token');
    },
    verdict: 'AuthFailure.TokenFailure',
  },
  {
    id: 'token-missing',
    sentence: 'leaves the token out for temporary credentials',
    credentials: { ...EXAMPLE_CREDENTIALS, token: TOKEN },
    call: { malformations: [{ kind: 'token', value: null }] },
    check: (raw) => {
      expect(raw.headers['x-tc-token']).toBeUndefined();
    },
    verdict: 'AuthFailure.TokenFailure',
  },
  {
    id: 'v1-token-wrong',
    sentence: 'sends another v1 Token, signed, for temporary credentials',
    credentials: { ...EXAMPLE_CREDENTIALS, token: TOKEN },
    call: { scheme: 'v1', malformations: [{ kind: 'token', value: 'another-token' }] },
    check: (raw) => {
      expect(readFlatParams(raw)['Token']).toBe('another-token');
    },
    verdict: 'AuthFailure.TokenFailure',
  },
];

describe('target.raw malformations reach the server exactly as intended', () => {
  it.each(CASES)('$id: $sentence', async ({ call, credentials, check, verdict }) => {
    const { received, verdict: actual } = await send(call, credentials);
    check(received);
    if (verdict === 'ok') expect(actual).toMatchObject({ ok: true });
    else expect(actual).toMatchObject({ ok: false, code: verdict });
  });

  it('returns the answer to a raw call as the same data as a typed call', async () => {
    const double = createRecordingDouble(() =>
      jsonAnswer({ Response: { Error: { Code: 'InvalidAction', Message: 'no' }, RequestId: randomUUID() } }),
    );
    const target = createApiClient({
      implementation: double.implementation,
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
    });
    const result = await target.raw({ action: 'TerminateEverything', params: {} });
    expect(result).toMatchObject({ kind: 'error', action: 'TerminateEverything', code: 'InvalidAction' });
    expect(result.exchange.response?.status).toBe(200);
  });
});

describe('target.raw misuse', () => {
  const target = createApiClient({
    implementation: () => Promise.resolve(jsonAnswer({ Response: { RequestId: randomUUID() } })),
    credentials: EXAMPLE_CREDENTIALS,
    pacing: false,
  });
  // `message` pins the check that answers each misuse, so a case cannot pass on some other check's refusal.
  const MISUSES: readonly { sentence: string; call: RawCall; message: RegExp }[] = [
    {
      sentence: 'a GET method malformation on a JSON body',
      call: { action: 'TerminateTaskInstance', malformations: [{ kind: 'method', value: 'GET' }] },
      message: /a GET request has no body/,
    },
    {
      sentence: 'v1 with a JSON body',
      call: { action: 'TerminateTaskInstance', scheme: 'v1', encoding: 'json' },
      message: /v1 parameters travel in a form body or a query/,
    },
    {
      sentence: 'a TC3-only fault with v1',
      call: {
        action: 'TerminateTaskInstance',
        scheme: 'v1',
        malformations: [{ kind: 'signature', fault: 'scope-date' }],
      },
      message: /signature fault 'scope-date' exists only for TC3/,
    },
    {
      sentence: 'leaving out a parameter that is not there',
      call: {
        action: 'TerminateTaskInstance',
        params: {},
        malformations: [{ kind: 'missing-parameter', path: 'JobId' }],
      },
      message: /there is no parameter JobId to leave out/,
    },
    {
      // Fetch's Request constructor refuses CONNECT, TRACE and TRACK; createApiClient turns that into a TbcError.
      sentence: 'a method Fetch cannot send',
      call: { action: 'DescribeJob', malformations: [{ kind: 'method', value: 'TRACE' }] },
      message: /^raw: Fetch refuses this request: /,
    },
  ];
  it.each(MISUSES)('throws a TbcError for $sentence', async ({ call, message }) => {
    const calling = target.raw(call);
    await expect(calling).rejects.toThrow(TbcError);
    await expect(calling).rejects.toThrow(message);
  });
});
