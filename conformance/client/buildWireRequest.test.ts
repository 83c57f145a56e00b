import { describe, expect, it } from 'vitest';
import { API_VERSION } from '../../generated/actions.ts';
import { createEmulator } from '../emulator/createEmulator.ts';
import { EXAMPLE_CREDENTIALS } from '../signing/Credentials.ts';
import { TbcError } from '../TbcError.ts';
import { buildWireRequest, type WireInput, type WireRequest } from './buildWireRequest.ts';
import type { Malformation } from './Malformation.ts';
import { IN_PROCESS_ORIGIN } from './createApiClient.ts';

// A JobId no job has: an emulator that verified the request answers ResourceNotFound.Job, one that did not an
// AuthFailure code, so the code says whether the bytes buildWireRequest made were what the server expects.
const UNKNOWN_JOB = { JobId: 'job-00000000' };

const input = (rest: Partial<WireInput> = {}): WireInput => ({
  origin: IN_PROCESS_ORIGIN,
  action: 'DescribeJob',
  version: API_VERSION,
  params: UNKNOWN_JOB,
  scheme: 'TC3',
  method: 'POST',
  region: 'ap-guangzhou',
  credentials: EXAMPLE_CREDENTIALS,
  nowSeconds: Math.floor(Date.now() / 1000),
  nonce: 4711,
  malformations: [],
  ...rest,
});

/** Sends the built request, as it is, to a fresh in-process emulator and answers the code it got ('Success' if none). */
async function codeFor(wire: WireRequest): Promise<string> {
  const emulator = createEmulator({ clock: 'virtual', rateLimits: false });
  const response = await emulator.implementation(
    new Request(wire.url, {
      method: wire.method,
      headers: wire.headers,
      ...(wire.body === undefined ? {} : { body: wire.body }),
    }),
  );
  const answer = (await response.json()) as { Response: { Error?: { Code: string } } };
  return answer.Response.Error?.Code ?? 'Success';
}

const text = (body: Uint8Array | undefined): string => new TextDecoder().decode(body);

describe('buildWireRequest', () => {
  it('builds a TC3 POST with the parameters as JSON and the common ones as headers, which an emulator accepts', async () => {
    const wire = buildWireRequest(input());
    expect(wire.method).toBe('POST');
    expect(wire.url).toBe(`${IN_PROCESS_ORIGIN}/`);
    expect(JSON.parse(text(wire.body))).toEqual(UNKNOWN_JOB);
    expect(wire.headers).toMatchObject({
      'content-type': 'application/json',
      'x-tc-action': 'DescribeJob',
      'x-tc-version': API_VERSION,
      'x-tc-region': 'ap-guangzhou',
    });
    expect(wire.headers['authorization']).toMatch(/^TC3-HMAC-SHA256 Credential=/);
    expect(wire.secrets).toHaveLength(1);
    expect(wire.headers['authorization']).toContain(wire.secrets[0]);
    expect(await codeFor(wire)).toBe('ResourceNotFound.Job');
  });

  it.each([
    { scheme: 'TC3', method: 'GET', contentType: 'application/x-www-form-urlencoded' },
    { scheme: 'v1', method: 'POST', contentType: 'application/x-www-form-urlencoded' },
    { scheme: 'v1', method: 'GET', contentType: undefined },
  ] as const)(
    'builds a $scheme $method request an emulator verifies, with its default encoding',
    async ({ scheme, method, contentType }) => {
      const wire = buildWireRequest(input({ scheme, method }));
      const query = new URL(wire.url).searchParams;
      const sent = method === 'GET' ? query : new URLSearchParams(text(wire.body));
      expect(method === 'GET' ? wire.body : undefined).toBeUndefined();
      expect(sent.get('JobId')).toBe(UNKNOWN_JOB.JobId);
      expect(wire.headers['content-type']).toBe(contentType);
      if (scheme === 'v1') {
        expect(sent.get('Action')).toBe('DescribeJob');
        expect(sent.get('Nonce')).toBe('4711');
        expect(sent.get('Signature')).toBe(wire.secrets[0]);
      }
      expect(await codeFor(wire)).toBe('ResourceNotFound.Job');
    },
  );

  it.each<{ scheme: 'TC3' | 'v1'; malformation: Malformation; code: string }>([
    { scheme: 'TC3', malformation: { kind: 'signature', fault: 'corrupt' }, code: 'AuthFailure.SignatureFailure' },
    { scheme: 'v1', malformation: { kind: 'signature', fault: 'corrupt' }, code: 'AuthFailure.SignatureFailure' },
    { scheme: 'TC3', malformation: { kind: 'signature', fault: 'expired' }, code: 'AuthFailure.SignatureExpire' },
    {
      scheme: 'TC3',
      malformation: { kind: 'signature', fault: 'unknown-secret-id' },
      code: 'AuthFailure.SecretIdNotFound',
    },
    { scheme: 'TC3', malformation: { kind: 'missing-parameter', path: 'JobId' }, code: 'MissingParameter' },
  ])('applies $malformation.kind ($scheme) so the emulator answers $code', async ({ scheme, malformation, code }) => {
    expect(await codeFor(buildWireRequest(input({ scheme, malformations: [malformation] })))).toBe(code);
  });

  it('sends a session token and lists it among the secrets to redact', () => {
    const wire = buildWireRequest(input({ credentials: { ...EXAMPLE_CREDENTIALS, token: 'a-session-token' } }));
    expect(wire.headers['x-tc-token']).toBe('a-session-token');
    expect(wire.secrets).toContain('a-session-token');
  });

  it.each([
    ['TC3', 'GET'],
    ['v1', 'POST'],
  ] as const)(
    'percent-encodes every byte of a parameter on a %s %s, and signs what it sends',
    async (scheme, method) => {
      const wire = buildWireRequest(
        input({ scheme, method, malformations: [{ kind: 'encode-every-byte', name: 'JobId' }] }),
      );
      const sent = method === 'GET' ? new URL(wire.url).search : new TextDecoder().decode(wire.body);
      expect(sent).toContain('JobId=%6A%6F%62%2D%30%30%30%30%30%30%30%30');
      expect(await codeFor(wire)).toBe('ResourceNotFound.Job');
    },
  );

  it('refuses requests that cannot exist: a GET with a body, v1 parameters as JSON', () => {
    expect(() => buildWireRequest(input({ method: 'GET', encoding: 'json' }))).toThrow(TbcError);
    expect(() => buildWireRequest(input({ scheme: 'v1', encoding: 'json' }))).toThrow(TbcError);
  });
});
