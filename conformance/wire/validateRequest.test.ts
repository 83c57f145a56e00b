import { describe, expect, it } from 'vitest';
import type { RawRequest } from './RawExchange.ts';
import { EXAMPLE_CREDENTIALS } from '../signing/Credentials.ts';
import { signatureVerifier } from '../signing/verifyRequest.ts';
import { NOW, PARAMS, tc3 } from '../test-only/tc3Request.ts';
import type { DetectedScheme } from './parseApiRequest.ts';
import { validateRequest, type ValidateRequestOptions } from './validateRequest.ts';

const seed: ValidateRequestOptions = { docRevision: 'seed' };
// The verifier the proxy and client-check hand in: signing's, with their credentials and clock.
const verifying: ValidateRequestOptions = {
  ...seed,
  verifySignature: signatureVerifier({
    findCredentials: (id) => (id === EXAMPLE_CREDENTIALS.secretId ? EXAMPLE_CREDENTIALS : undefined),
    nowSeconds: NOW,
  }),
};
const problems = (raw: RawRequest, options = seed) => validateRequest(raw, options).problems;

describe('validateRequest', () => {
  it('finds nothing wrong with what the official SDKs send, signature included', () => {
    expect(validateRequest(tc3(), verifying)).toMatchObject({
      action: 'TerminateTaskInstance',
      scheme: 'TC3',
      problems: [],
    });
  });

  it('names a wrong JSON type with the value sent and the schema type', () => {
    expect(problems(tc3({ ...PARAMS, TaskInstanceIndex: '0' }))).toEqual([
      {
        check: 'request.body',
        message: `TaskInstanceIndex is sent as a JSON string ("0"); the spec's type is integer`,
        param: 'TaskInstanceIndex',
      },
    ]);
  });

  it('requires Region under doc revision seed only, never empty, and a Batch region always', () => {
    const withoutRegion = tc3(PARAMS, { 'x-tc-region': undefined });
    expect(problems(withoutRegion).map((p) => p.check)).toEqual(['request.region']);
    expect(problems(withoutRegion, { ...seed, docRevision: 'current' })).toEqual([]);
    expect(problems(tc3(PARAMS, { 'x-tc-region': '' }), { ...seed, docRevision: 'current' })).toEqual([
      { check: 'request.region', message: 'X-TC-Region is empty (the API answers MissingParameter)' },
    ]);
    for (const docRevision of ['seed', 'current'] as const) {
      expect(problems(tc3(PARAMS, { 'x-tc-region': 'null' }), { ...seed, docRevision })).toEqual([
        {
          check: 'request.region',
          message: expect.stringMatching(
            /^X-TC-Region "null" is not a Batch region \(.*\) \(the API answers UnsupportedRegion\)$/,
          ) as string,
        },
      ]);
    }
  });

  it('reports common-parameter, wire-form and schema problems together', () => {
    const raw = tc3(
      { JobId: 'job-rybewp57', TaskName: 'A' },
      { 'x-tc-version': '2018-01-01', 'content-type': 'text/plain' },
    );
    expect(problems(raw)).toEqual([
      { check: 'request.wire-form', message: 'TC3 POST is sent as "text/plain", not application/json' },
      { check: 'request.common-params', message: 'X-TC-Version is "2018-01-01", not 2017-03-12' },
    ]);
    expect(problems(tc3({ JobId: 'job-rybewp57', TaskName: 'A' }))).toEqual([
      {
        check: 'request.body',
        message: 'The parameter TaskInstanceIndex is missing (the API answers MissingParameter)',
        verdict: true,
      },
    ]);
  });

  it('stops at a request no server could read, with the code it would answer', () => {
    expect(problems({ ...tc3(), method: 'PUT' })).toEqual([
      {
        check: 'request.wire-form',
        message: 'HTTP method PUT is not supported; use GET or POST (the API answers UnsupportedProtocol)',
      },
    ]);
    expect(problems(tc3(PARAMS, { 'x-tc-action': undefined }))[0]?.check).toBe('request.common-params');
  });

  it('verifies the signature only when given a verifier', () => {
    const tampered = { ...tc3(), body: Buffer.from(JSON.stringify({ ...PARAMS, TaskName: 'B' })) };
    expect(problems(tampered)).toEqual([]);
    expect(problems(tampered, verifying)).toEqual([
      {
        check: 'request.signature',
        message: expect.stringContaining('(the API answers AuthFailure.SignatureFailure)') as string,
      },
    ]);
  });

  it('hands the verifier the scheme the request was parsed with, and reports its refusal as the API would answer', () => {
    const seen: DetectedScheme[] = [];
    const refusing: ValidateRequestOptions = {
      ...seed,
      verifySignature: (_raw, detected) => {
        seen.push(detected);
        return { ok: false, code: 'AuthFailure.SecretIdNotFound', reason: 'unknown SecretId' };
      },
    };
    const v1Query = '/?Action=DescribeJob&Version=2017-03-12&Timestamp=1&Nonce=1&SecretId=AKID&Signature=x&JobId=j';
    const v1: RawRequest = { method: 'GET', url: v1Query, headers: { host: 'h' }, body: Buffer.alloc(0) };
    expect(problems(tc3(), refusing)).toEqual([
      { check: 'request.signature', message: 'unknown SecretId (the API answers AuthFailure.SecretIdNotFound)' },
    ]);
    validateRequest(v1, refusing);
    expect(seen.map((detected) => detected.scheme)).toEqual(['TC3', 'v1']);
    expect(seen[1]).toMatchObject({ params: { Signature: 'x', JobId: 'j' } });
  });

  it('reads v1 form bodies: common parameters in the form, business parameters as text', () => {
    const form = new URLSearchParams({
      JobId: 'job-rybewp57',
      TaskName: 'A',
      TaskInstanceIndex: '0',
      Action: 'TerminateTaskInstance',
      Nonce: '0',
      Timestamp: String(NOW),
      Version: '2017-03-12',
      SecretId: EXAMPLE_CREDENTIALS.secretId,
      SignatureMethod: 'HmacMD5',
      Signature: 'x',
    }).toString();
    const raw: RawRequest = {
      method: 'POST',
      url: '/',
      headers: { host: '127.0.0.1:4310', 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(form),
    };
    expect(validateRequest(raw, seed)).toMatchObject({
      action: 'TerminateTaskInstance',
      scheme: 'v1',
      body: { form: 'flat', sent: { JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: '0' } },
      problems: [
        { check: 'request.common-params', message: 'SignatureMethod "HmacMD5" is neither HmacSHA1 nor HmacSHA256' },
        {
          check: 'request.region',
          message:
            'Region is missing; doc revision seed requires Region (the seed\'s table: "Region | Yes"; the current page says optional: --doc-revision current) (the API answers MissingParameter)',
        },
      ],
    });
  });
});
