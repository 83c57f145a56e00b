import { describe, expect, it } from 'vitest';
import type { RawRequest } from '../wire/RawExchange.ts';
import { EXAMPLE_CREDENTIALS } from './Credentials.ts';
import { signTc3, type Tc3Input } from './signTc3.ts';
import { verifyTc3 } from './verifyTc3.ts';

const NOW = 1551113065;
const BODY = '{"JobId":"job-rybewp57","TaskName":"A","TaskInstanceIndex":0}';
const options = {
  findCredentials: (id: string) => (id === EXAMPLE_CREDENTIALS.secretId ? EXAMPLE_CREDENTIALS : undefined),
  nowSeconds: NOW,
};

function signedRequest(overrides: Partial<Tc3Input> = {}, hostHeader = 'batch.tencentcloudapi.com:8443'): RawRequest {
  const input: Tc3Input = {
    method: 'POST',
    host: 'batch.tencentcloudapi.com',
    canonicalQueryString: '',
    contentType: 'application/json',
    body: BODY,
    timestamp: NOW,
    service: 'batch',
    ...EXAMPLE_CREDENTIALS,
    ...overrides,
  };
  const { authorization } = signTc3(input);
  return {
    method: input.method,
    url: input.canonicalQueryString === '' ? '/' : `/?${input.canonicalQueryString}`,
    headers: {
      host: hostHeader,
      'content-type': input.contentType,
      'x-tc-timestamp': String(input.timestamp),
      'x-tc-action': 'TerminateTaskInstance',
      authorization,
    },
    body: Buffer.from(typeof input.body === 'string' ? input.body : Buffer.from(input.body)),
  };
}

describe('verifyTc3', () => {
  it('accepts a host signed without the port of the Host header, as the Node SDKs sign it', () => {
    expect(verifyTc3(signedRequest(), options)).toEqual({
      ok: true,
      secretId: EXAMPLE_CREDENTIALS.secretId,
      scheme: 'TC3',
    });
  });

  it('accepts a host signed with the port, as the Go SDK signs the Host header', () => {
    expect(verifyTc3(signedRequest({ host: 'batch.tencentcloudapi.com:8443' }), options)).toMatchObject({ ok: true });
  });

  it('rejects a host that is neither the Host header nor its hostname', () => {
    expect(verifyTc3(signedRequest({ host: 'cvm.tencentcloudapi.com' }), options)).toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    });
  });

  it('accepts whatever service the client put in the scope', () => {
    expect(verifyTc3(signedRequest({ service: '127' }), options)).toMatchObject({ ok: true });
  });

  it('answers SignatureFailure for a scope date that is not the UTC date of the timestamp, though correctly signed', () => {
    const result = verifyTc3(signedRequest({ scopeDate: '2019-02-24' }), options);
    expect(result).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
    expect(result.ok ? '' : result.reason).toContain('2019-02-25');
  });

  it('verifies extra signed headers listed in SignedHeaders against the values received', () => {
    const signed = signedRequest({
      signedHeaders: 'content-type;host;x-tc-action',
      headers: { 'x-tc-action': 'TerminateTaskInstance' },
    });
    expect(verifyTc3(signed, options)).toMatchObject({ ok: true });
    const changed = { ...signed, headers: { ...signed.headers, 'x-tc-action': 'TerminateJob' } };
    expect(verifyTc3(changed, options)).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
  });

  it('verifies a GET whose query is signed exactly as sent and whose payload is empty', () => {
    const get = signedRequest({
      method: 'GET',
      canonicalQueryString: 'JobId=job-rybewp57&TaskName=A&TaskInstanceIndex=0',
      contentType: 'application/x-www-form-urlencoded',
      body: '',
    });
    expect(verifyTc3(get, options)).toMatchObject({ ok: true });
  });

  it('answers InvalidAuthorization when SignedHeaders leaves out host', () => {
    expect(verifyTc3(signedRequest({ signedHeaders: 'content-type' }), options)).toMatchObject({
      code: 'AuthFailure.InvalidAuthorization',
    });
  });

  it('answers InvalidAuthorization when X-TC-Timestamp is missing or not digits', () => {
    const signed = signedRequest();
    for (const value of [undefined, '1551113065.5', 'soon']) {
      expect(verifyTc3({ ...signed, headers: { ...signed.headers, 'x-tc-timestamp': value } }, options)).toMatchObject({
        code: 'AuthFailure.InvalidAuthorization',
      });
    }
  });

  it('never puts the signature into the failure reason', () => {
    const signed = signedRequest();
    const tampered = { ...signed, body: Buffer.from(BODY.replace('"A"', '"B"')) };
    const result = verifyTc3(tampered, options);
    const signature = /Signature=([0-9a-f]+)/.exec(signed.headers['authorization'] ?? '')?.[1] ?? 'missing';
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(signature);
  });
});
