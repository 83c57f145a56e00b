import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RawRequest } from './RawExchange.ts';
import type { Credentials } from '../signing/Credentials.ts';
import { readFlatParams } from './decodeParams.ts';
import { createRecordingDouble, jsonAnswer } from '../test-only/createRecordingDouble.ts';
import { createApiClient, type RawCall } from '../client/createApiClient.ts';
import type { Malformation } from '../client/Malformation.ts';
import {
  createRedactor,
  REDACTED,
  TOO_DEEP,
  redactedRequest,
  redactHeaders,
  redactParamsText,
  redactUrl,
  secretsOf,
} from './redact.ts';

const CREDENTIALS: Credentials = {
  secretId: 'AKIDhygieneTestSecretId000000000000',
  secretKey: 'HygieneSecretKey/+=with&odd chars',
  token: 'HygieneSessionToken/+=&"quoted"',
};
const TERMINATE = { JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: 0 };

/** Every spelling a secret could leak in: as is, URL-encoded two ways, JSON-escaped. */
function spellings(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
  ];
}

function signaturesIn(raw: RawRequest): string[] {
  const found: string[] = [];
  const tc3 = /Signature=([0-9a-f]+)/.exec(raw.headers['authorization'] ?? '')?.[1];
  if (tc3 !== undefined) found.push(tc3);
  const v1 = readFlatParams(raw)['Signature'];
  if (v1 !== undefined) found.push(v1);
  return found;
}

/**
 * A hostile double: it echoes the request's secrets back in every way it answers (error message, a non-JSON body, a
 * success field, a thrown error), so the only thing standing between them and the output is redaction.
 */
function createEchoingDouble(): ReturnType<typeof createRecordingDouble> {
  return createRecordingDouble((raw, index) => {
    const echo = `auth=${raw.headers['authorization'] ?? ''} token=${raw.headers['x-tc-token'] ?? ''} body=${raw.body.toString('utf8')} url=${raw.url}`;
    switch (index % 5) {
      case 0:
        return jsonAnswer({ Response: { RequestId: randomUUID(), Echo: echo } });
      case 1:
        return jsonAnswer({ Response: { Error: { Code: 'InternalError', Message: echo }, RequestId: randomUUID() } });
      case 2:
        return new Response(echo, {
          status: 500,
          headers: { 'content-type': 'text/plain', 'x-echo': echo.slice(0, 900) },
        });
      case 3:
        return jsonAnswer({ Response: { Error: { Code: 'NotDocumented', Message: echo }, RequestId: 'NOT-A-UUID' } });
      default:
        throw new Error(`connection reset while sending ${echo}`);
    }
  });
}

describe('secret hygiene', () => {
  it('keeps the SecretKey, the token and every signature sent out of every result, exchange and thrown message', async () => {
    const double = createEchoingDouble();
    const outputs: unknown[] = [];
    for (const scheme of ['TC3', 'v1'] as const) {
      const target = createApiClient({
        implementation: double.implementation,
        credentials: CREDENTIALS,
        scheme,
        region: 'ap-guangzhou',
        pacing: false,
      });
      for (let i = 0; i < 5; i += 1) outputs.push(await target.TerminateTaskInstance(TERMINATE));
      const malformations: Malformation[][] = [
        [{ kind: 'signature', fault: 'corrupt' }],
        [{ kind: 'signature', fault: 'wrong-key' }],
        [{ kind: 'signature', fault: 'expired' }],
        [{ kind: 'token', value: `${CREDENTIALS.token ?? ''}-altered` }],
        [{ kind: 'oversize', bytes: 4096 }],
      ];
      const raws: RawCall[] = [
        ...malformations.map((m) => ({ action: 'TerminateTaskInstance', params: TERMINATE, malformations: m })),
        ...(scheme === 'TC3'
          ? [
              {
                action: 'TerminateTaskInstance',
                params: TERMINATE,
                malformations: [{ kind: 'signature', fault: 'malformed' }],
              },
              { action: 'DescribeJob', params: { JobId: 'job-rybewp57' }, method: 'GET' },
            ]
          : [{ action: 'DescribeJob', params: { JobId: 'job-rybewp57' }, method: 'GET' }]),
      ] as RawCall[];
      for (const call of raws) outputs.push(await target.raw(call));
      // A misuse message: the TbcError thrown for a request Fetch cannot carry (a header value with a newline).
      await target
        .raw({
          action: 'TerminateTaskInstance',
          malformations: [{ kind: 'header', name: 'x-bad', value: `a\n${CREDENTIALS.token ?? ''}` }],
        })
        .catch((error: unknown) => outputs.push(error instanceof Error ? error.message : 'not an Error'));
    }
    const text = JSON.stringify(outputs);
    const signatures = double.requests.flatMap(signaturesIn);
    expect(signatures.length).toBeGreaterThanOrEqual(20);
    // The secrets did travel (the double saw them and echoed them), so only redaction keeps them out of the output.
    expect(double.requests.some((r) => r.headers['x-tc-token'] === CREDENTIALS.token)).toBe(true);
    expect(outputs.some((o) => typeof o === 'string' && o.includes('Fetch refuses'))).toBe(true);
    expect(text).toContain(REDACTED);
    const kinds = new Set(outputs.map((o) => (typeof o === 'object' && o !== null && 'kind' in o ? o.kind : 'thrown')));
    expect([...kinds].sort()).toEqual(['error', 'success', 'thrown', 'transport', 'unreadable']);
    for (const secret of [CREDENTIALS.secretKey, CREDENTIALS.token ?? '', ...signatures]) {
      for (const spelling of spellings(secret)) expect(text).not.toContain(spelling);
    }
  });
});

describe('structural redaction', () => {
  it('blanks the TC3 signature and keeps the rest of the Authorization header', () => {
    const headers = redactHeaders({
      Authorization: `TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/batch/tc3_request, SignedHeaders=content-type;host, Signature=${'a'.repeat(64)}`,
      'X-TC-Token': 'tok',
      'x-tc-action': 'DescribeJob',
    });
    expect(headers).toEqual({
      Authorization: `TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/batch/tc3_request, SignedHeaders=content-type;host, Signature=${REDACTED}`,
      'X-TC-Token': REDACTED,
      'x-tc-action': 'DescribeJob',
    });
  });

  it('blanks v1 Signature and Token values in a form body or query and leaves other pairs byte for byte', () => {
    expect(redactParamsText('Action=DescribeJob&Signature=Eli%2F%2B%3D&Token=t&Nonce=1')).toBe(
      `Action=DescribeJob&Signature=${REDACTED}&Token=${REDACTED}&Nonce=1`,
    );
    expect(redactUrl('http://h/?Signature=x&A=1')).toBe(`http://h/?Signature=${REDACTED}&A=1`);
  });

  it('finds every signature and token a request carries: TC3 header, X-TC-Token, v1 form body or query', () => {
    const tc3: RawRequest = {
      method: 'POST',
      url: '/',
      headers: {
        'content-type': 'application/json',
        authorization:
          'TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/batch/tc3_request, SignedHeaders=host, Signature=abc1',
        'x-tc-token': 'tok',
      },
      body: Buffer.from('{"Signature":"not a parameter"}'),
    };
    expect(secretsOf(tc3)).toEqual(['abc1', 'tok']);
    const form: RawRequest = {
      method: 'POST',
      url: '/?Signature=misplaced',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: Buffer.from('Action=DescribeJob&Signature=Eli%2F%2B%3D&Token=t1'),
    };
    // A Signature in the query of a form POST is no v1 parameter, but it is what the client sent: secret all the same.
    expect(secretsOf(form)).toEqual(['misplaced', 'Eli/+=', 't1']);
    expect(secretsOf({ method: 'GET', url: '/?Token=&Signature=q', headers: {}, body: undefined })).toEqual(['q']);
  });

  it('renders a request as report data with its secrets blanked where they stand', () => {
    const request = redactedRequest({
      method: 'POST',
      url: 'https://batch.tencentcloudapi.com/?Signature=q&Nonce=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-tc-token': 'tok', absent: undefined },
      body: new TextEncoder().encode('Token=t1&Region=ap-guangzhou'),
    });
    expect(request).toEqual({
      method: 'POST',
      url: `https://batch.tencentcloudapi.com/?Signature=${REDACTED}&Nonce=1`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-tc-token': REDACTED },
      body: `Token=${REDACTED}&Region=ap-guangzhou`,
    });
    expect(redactedRequest({ method: 'GET', url: '/', headers: {}, body: undefined }).body).toBe('');
  });

  it('scrubs a known secret wherever it appears in nested data', () => {
    const redactor = createRedactor(['s3cr3t/+', undefined, '']);
    expect(redactor.redactDeep({ a: ['x s3cr3t/+ y', 's3cr3t%2F%2B'], n: 1 })).toEqual({
      a: [`x ${REDACTED} y`, REDACTED],
      n: 1,
    });
  });

  it('copies data nested 200 000 levels deep without recursing into it past its bound', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const copy = createRedactor(['s3cr3t']).redactDeep({ a: deep });
    let depth = 0;
    let at: unknown = copy.a;
    while (Array.isArray(at)) {
      at = at[0];
      depth++;
    }
    expect(at).toBe(TOO_DEEP);
    expect(depth).toBeLessThan(300);
  });
});
