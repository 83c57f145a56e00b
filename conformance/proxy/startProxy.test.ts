// `tbc proxy` in process: an official SDK → proxy → emulator, all on 127.0.0.1.
import { createControlClient } from '../control/createControlClient.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type RecordedExchange } from '../emulator/createEmulator.ts';
import { loadOfficialSdks } from '../test-only/loadOfficialSdks.ts';
import { formatProxyEvent } from './formatProxyEvent.ts';
import { startProxy, type RunningProxy } from './startProxy.ts';
import type { Listening } from '../http/listen.ts';

/** Temporary credentials, so a token travels too; none of the three may reach the output. */
const CREDENTIALS = {
  secretId: 'AKIDproxytest0000000000000000000001',
  secretKey: 'proxyTestSecretKey0123456789abcdef',
  token: 'proxyTestSessionToken-abcdef0123456789',
};
const VALID = { JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: 0 };

describe('tbc proxy between an official SDK and the emulator', () => {
  const sdks = loadOfficialSdks();
  const recorded: RecordedExchange[] = [];
  let emulator: Listening;
  let proxy: RunningProxy;
  let verifyingProxy: RunningProxy;
  let lines: string[] = [];

  beforeAll(async () => {
    const core = createEmulator({
      clock: 'virtual',
      rateLimits: false,
      credentials: [CREDENTIALS],
      onExchange: (e) => recorded.push(e),
    });
    emulator = await core.listen();
    const onEvent = (event: Parameters<typeof formatProxyEvent>[0]) => lines.push(formatProxyEvent(event));
    proxy = await startProxy({ upstream: emulator.url, docRevision: 'seed', onEvent });
    verifyingProxy = await startProxy({
      upstream: emulator.url,
      docRevision: 'seed',
      secretKey: CREDENTIALS.secretKey,
      onEvent,
    });
  });
  afterAll(async () => {
    await proxy.close();
    await verifyingProxy.close();
    await emulator.close();
  });
  beforeEach(async () => {
    lines = [];
    await control().clearFaults();
  });

  const control = () => createControlClient((request) => fetch(request), emulator.url);

  function common(through: RunningProxy = proxy, credential = CREDENTIALS) {
    const endpoint = new URL(through.url).host;
    return new sdks.common.CommonClient(endpoint, '2017-03-12', {
      credential,
      region: 'ap-guangzhou',
      profile: { httpProfile: { protocol: 'http://', endpoint } },
    });
  }

  async function outcome(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      (value) => value,
      (error: unknown) => ({ error: (error as { code?: string; message?: string }).code ?? (error as Error).message }),
    );
  }

  it('forwards valid traffic unchanged and prints nothing, for TC3 and for v1 form bodies', async () => {
    expect(await outcome(common().request('TerminateTaskInstance', VALID))).toEqual({
      error: 'ResourceNotFound.TaskInstance',
    });
    const { intl } = sdks;
    const endpoint = new URL(proxy.url).host;
    const v1 = new intl.BatchClient(
      new intl.Credential(CREDENTIALS.secretId, CREDENTIALS.secretKey, CREDENTIALS.token),
      'ap-guangzhou',
      new intl.ClientProfile('HmacSHA256', new intl.HttpProfile('http://', endpoint)),
    );
    const answer = await new Promise((resolve) => {
      v1.TerminateTaskInstance(VALID, (error) => {
        resolve((error as { code?: string } | null)?.code);
      });
    });
    expect(answer).toBe('ResourceNotFound.TaskInstance');
    expect(lines).toEqual([]);
    // Unchanged: the emulator saw the SDK's own Host (the signature covers it) and body.
    const last = recorded.at(-1);
    expect(last?.request.headers['host']).toBe(endpoint);
    expect(last?.request.body.toString()).toContain('TaskInstanceIndex=0');
  });

  it('prints one line for a parameter of the wrong type, and the client still gets the upstream answer', async () => {
    const answer = await outcome(common().request('TerminateTaskInstance', { ...VALID, TaskInstanceIndex: '0' }));
    expect(answer).toEqual({ error: 'InvalidParameter' });
    expect(lines.map((l) => l.replace(/#\d+/, '#n'))).toEqual([
      `violation #n TerminateTaskInstance request.body: TaskInstanceIndex is sent as a JSON string ("0"); the spec's type is integer`,
    ]);
  });

  it('prints a line for a non-JSON response injected upstream', async () => {
    await control().addFault({ kind: 'non-json', action: 'TerminateTaskInstance' });
    const answer = await outcome(common().request('TerminateTaskInstance', VALID));
    expect(answer).toEqual({ error: expect.stringContaining('invalid json response body') as string });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^violation #\d+ TerminateTaskInstance response\.envelope: the body is not JSON$/);
  });

  it('prints a line for HTTP 500 (and its non-JSON Content-Type)', async () => {
    await control().addFault({ kind: 'http-status', status: 500 });
    await outcome(common().request('TerminateTaskInstance', VALID));
    expect(lines.map((l) => l.replace(/#\d+/, '#n'))).toEqual([
      'violation #n TerminateTaskInstance response.envelope: HTTP status 500; every API answer, errors included, is HTTP 200 (reference §4.4)',
      'violation #n TerminateTaskInstance response.envelope: Content-Type is "text/plain", not application/json',
      'violation #n TerminateTaskInstance response.envelope: the body is not JSON',
    ]);
  });

  it('verifies signatures only with --secret-key, and never prints a secret', async () => {
    const wrongKey = { ...CREDENTIALS, secretKey: 'notTheKey0000000000000000000000000' };
    await outcome(common(proxy, wrongKey).request('TerminateTaskInstance', VALID));
    expect(lines).toEqual([]);
    await outcome(
      common(verifyingProxy, wrongKey).request('TerminateTaskInstance', { ...VALID, TaskInstanceIndex: '0' }),
    );
    expect(lines.map((l) => l.replace(/#\d+/, '#n'))).toEqual([
      'violation #n TerminateTaskInstance request.signature: the TC3 signature does not match the request (the API answers AuthFailure.SignatureFailure)',
      `violation #n TerminateTaskInstance request.body: TaskInstanceIndex is sent as a JSON string ("0"); the spec's type is integer`,
    ]);
    const signatures = recorded.map(
      (e) => /Signature=([0-9a-f]{64})/.exec(e.request.headers['authorization'] ?? '')?.[1],
    );
    const output = lines.join('\n');
    for (const secret of [CREDENTIALS.secretKey, wrongKey.secretKey, CREDENTIALS.token, ...signatures]) {
      if (secret !== undefined) expect(output).not.toContain(secret);
    }
  });

  it('blanks the token, the signature and the SecretKey wherever a line quotes them, TC3 and v1', async () => {
    const now = Math.floor(Date.now() / 1000);
    const signature = 'a'.repeat(64);
    const v1Signature = 'v1SignatureBase64Value0123456789abcdefABCDEF=';
    const tc3 = (version: string) => ({
      'content-type': 'application/json',
      'x-tc-action': 'TerminateTaskInstance',
      'x-tc-version': version,
      'x-tc-timestamp': String(now),
      'x-tc-region': 'ap-guangzhou',
      'x-tc-token': CREDENTIALS.token,
      authorization: `TC3-HMAC-SHA256 Credential=${CREDENTIALS.secretId}/2024-01-01/batch/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
    });
    const v1 = (version: string) =>
      new URLSearchParams({
        Action: 'TerminateTaskInstance',
        Version: version,
        Token: CREDENTIALS.token,
        Timestamp: String(now),
        Nonce: '1',
        Region: 'ap-guangzhou',
        SecretId: CREDENTIALS.secretId,
        SignatureMethod: 'HmacSHA256',
        Signature: v1Signature,
        JobId: VALID.JobId,
        TaskName: VALID.TaskName,
        TaskInstanceIndex: String(VALID.TaskInstanceIndex),
      }).toString();
    // A confused client that sends a secret where the version belongs: the line quotes the value it saw.
    for (const secret of [CREDENTIALS.token, signature]) {
      await fetch(proxy.url, { method: 'POST', headers: tc3(secret), body: JSON.stringify(VALID) });
    }
    await fetch(verifyingProxy.url, {
      method: 'POST',
      headers: tc3(CREDENTIALS.secretKey),
      body: JSON.stringify(VALID),
    });
    for (const secret of [CREDENTIALS.token, v1Signature]) {
      await fetch(proxy.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: v1(secret),
      });
    }
    expect(lines.filter((l) => l.includes('common-params')).map((l) => l.replace(/#\d+/, '#n'))).toEqual([
      ...Array<string>(3).fill(
        'violation #n TerminateTaskInstance request.common-params: X-TC-Version is "[REDACTED]", not 2017-03-12',
      ),
      ...Array<string>(2).fill(
        'violation #n TerminateTaskInstance request.common-params: Version is "[REDACTED]", not 2017-03-12',
      ),
    ]);
    const output = lines.join('\n');
    for (const secret of [CREDENTIALS.token, signature, CREDENTIALS.secretKey, v1Signature]) {
      expect(output).not.toContain(secret);
    }
  });

  it('reports an unreachable upstream as a 502 and one line', async () => {
    const dead = await startProxy({
      upstream: 'http://127.0.0.1:1',
      docRevision: 'seed',
      onEvent: (event) => lines.push(formatProxyEvent(event)),
    });
    try {
      const response = await fetch(`${dead.url}/_emulator/info`);
      expect(response.status).toBe(502);
      expect(lines).toEqual([
        expect.stringMatching(/^upstream error #1: no answer from http:\/\/127\.0\.0\.1:1: /) as string,
      ]);
    } finally {
      await dead.close();
    }
  });
});
