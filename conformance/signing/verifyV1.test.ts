import { describe, expect, it } from 'vitest';
import { EXAMPLE_CREDENTIALS } from './Credentials.ts';
import { signV1, type V1SignatureMethod } from './signV1.ts';
import { verifyV1 } from './verifyV1.ts';

const NOW = 1465185768;
const options = {
  findCredentials: (id: string) => (id === EXAMPLE_CREDENTIALS.secretId ? EXAMPLE_CREDENTIALS : undefined),
  nowSeconds: NOW,
};
const base: Record<string, string> = {
  Action: 'TerminateTaskInstance',
  JobId: 'job-rybewp57',
  TaskName: 'A',
  TaskInstanceIndex: '0',
  Nonce: '11886',
  SecretId: EXAMPLE_CREDENTIALS.secretId,
  Timestamp: String(NOW),
  Version: '2017-03-12',
};

function signed(
  params: Record<string, string>,
  host: string,
  signatureMethod: V1SignatureMethod,
  method = 'POST',
): Record<string, string> {
  const signature = signV1({
    method,
    host,
    path: '/',
    params,
    secretKey: EXAMPLE_CREDENTIALS.secretKey,
    signatureMethod,
  });
  return { ...params, Signature: signature };
}

describe('verifyV1', () => {
  it('accepts a string to sign written with the port, as the intl SDK writes it', () => {
    const params = signed({ ...base, SignatureMethod: 'HmacSHA256' }, '127.0.0.1:8080', 'HmacSHA256');
    expect(verifyV1({ method: 'POST', host: '127.0.0.1:8080', path: '/', params }, options)).toEqual({
      ok: true,
      secretId: EXAMPLE_CREDENTIALS.secretId,
      scheme: 'v1',
    });
  });

  it('accepts a string to sign written without the port', () => {
    const params = signed({ ...base, SignatureMethod: 'HmacSHA256' }, '127.0.0.1', 'HmacSHA256');
    expect(verifyV1({ method: 'POST', host: '127.0.0.1:8080', path: '/', params }, options)).toMatchObject({
      ok: true,
    });
  });

  it('assumes HmacSHA1 when SignatureMethod is absent or unknown', () => {
    const absent = signed(base, 'batch.tencentcloudapi.com', 'HmacSHA1', 'GET');
    expect(
      verifyV1({ method: 'GET', host: 'batch.tencentcloudapi.com', path: '/', params: absent }, options),
    ).toMatchObject({ ok: true });
    const unknown = signed({ ...base, SignatureMethod: 'HmacMD5' }, 'batch.tencentcloudapi.com', 'HmacSHA1', 'GET');
    expect(
      verifyV1({ method: 'GET', host: 'batch.tencentcloudapi.com', path: '/', params: unknown }, options),
    ).toMatchObject({ ok: true });
  });

  it('answers SignatureFailure when the method differs from the one signed', () => {
    const params = signed(base, 'batch.tencentcloudapi.com', 'HmacSHA1');
    expect(verifyV1({ method: 'GET', host: 'batch.tencentcloudapi.com', path: '/', params }, options)).toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    });
  });

  it('answers InvalidAuthorization without SecretId or with a non-numeric Timestamp', () => {
    const params = signed(base, 'h', 'HmacSHA1');
    const withoutId = Object.fromEntries(Object.entries(params).filter(([name]) => name !== 'SecretId'));
    expect(verifyV1({ method: 'POST', host: 'h', path: '/', params: withoutId }, options)).toMatchObject({
      code: 'AuthFailure.InvalidAuthorization',
    });
    expect(
      verifyV1({ method: 'POST', host: 'h', path: '/', params: { ...params, Timestamp: 'now' } }, options),
    ).toMatchObject({ code: 'AuthFailure.InvalidAuthorization' });
  });
});
