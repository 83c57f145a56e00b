// `tbc client-check` against the shipped adapters: the two official Node SDKs (their observed behaviour is pinned
// here, so a change in either SDK or in a check shows), the deliberately broken client, and small misbehaving
// adapters that prove the retry, hang and redaction checks can fail (the broken client's findings carry signed
// requests as evidence; the leaking adapters quote their SecretKey in what they surface).
import { parse } from 'junit2json';
import { beforeAll, describe, expect, it } from 'vitest';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import brokenClient from '../../examples/adapters/brokenClient.ts';
import commonSdk from '../../examples/adapters/commonSdk.ts';
import intlSdk from '../../examples/adapters/intlSdk.ts';
import type { ClientAdapter, TerminateInput } from './ClientAdapter.ts';
import type { ClientCheckReport } from './ClientCheckReport.ts';
import { signTc3 } from '../signing/signTc3.ts';
import { printClientCheckReport } from './printClientCheckReport.ts';
import { runClientCheck, type ClientCheckOptions } from './runClientCheck.ts';
import { toClientCheckJunit } from './toClientCheckJunit.ts';

const TIMEOUT_MS = 300;

function check(adapter: ClientAdapter, options: Partial<ClientCheckOptions> = {}): Promise<ClientCheckReport> {
  return runClientCheck({
    adapter,
    adapterName: 'test',
    docRevision: 'seed',
    seed: 7,
    runs: 12,
    timeoutMs: TIMEOUT_MS,
    ...options,
  });
}

/** `scenario check status` for every check that did not pass. */
function notPassed(report: ClientCheckReport): string[] {
  return report.scenarios.flatMap((s) =>
    s.results.filter((r) => r.status !== 'passed').map((r) => `${s.id} ${r.check} ${r.status}`),
  );
}

function messages(report: ClientCheckReport, scenario: string, check: string): string[] {
  const result = report.scenarios.find((s) => s.id === scenario)?.results.find((r) => r.check === check);
  return result?.findings.map((f) => f.message) ?? [];
}

function observed(report: ClientCheckReport, scenario: string): string {
  return report.scenarios.find((s) => s.id === scenario)?.observed.join('; ') ?? '';
}

/** Wraps an adapter to see the credentials the kit handed out (the test then proves they never reach the report). */
function spying(adapter: ClientAdapter): { adapter: ClientAdapter; secrets: Set<string> } {
  const secrets = new Set<string>();
  return {
    secrets,
    adapter: (input) => {
      secrets.add(input.credentials.secretKey);
      return adapter(input);
    },
  };
}

describe.each([
  ['tencentcloud-sdk-nodejs-common CommonClient (TC3)', commonSdk, 'Object'],
  ['tencentcloud-sdk-nodejs-intl-en batch Client (v1 HmacSHA256)', intlSdk, 'TerminateTaskInstanceResponse'],
])('the official SDK %s', (_name, adapter, successType) => {
  const spy = spying(adapter);
  let reportPromise: Promise<ClientCheckReport>;
  beforeAll(() => {
    reportPromise = check(spy.adapter);
  });

  it('passes every check of every scenario', async () => {
    const report = await reportPromise;
    expect(notPassed(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.scenarios.find((s) => s.id === 'fuzz')?.requests).toBe(12);
  });

  it('surfaces API errors as TencentCloudSDKHttpException with `code` and `requestId`, and success with RequestId', async () => {
    const report = await reportPromise;
    expect(observed(report, 'success')).toBe(`returned ${successType}, RequestId at RequestId, 1 request ×1`);
    for (const [scenario, code] of [
      ['JobIdMalformed', 'InvalidParameter.JobIdMalformed'],
      ['ResourceNotFound.TaskInstance', 'ResourceNotFound.TaskInstance'],
      ['TerminateOperationWithEnvId', 'UnsupportedOperation.TerminateOperationWithEnvId'],
      ['InternalError', 'InternalError'],
    ]) {
      expect(observed(report, scenario ?? '')).toBe(
        `threw TencentCloudSDKHttpException, code="${code ?? ''}", RequestId at requestId, 1 request ×1`,
      );
    }
  });

  it('does not retry on RequestLimitExceeded: one request, the code surfaced', async () => {
    expect(observed(await reportPromise, 'RequestLimitExceeded')).toBe(
      'threw TencentCloudSDKHttpException, code="RequestLimitExceeded", RequestId at requestId, 1 request ×1',
    );
  });

  it('surfaces HTTP 500 and a timeout as TencentCloudSDKHttpException without a code, and a non-JSON body as a raw FetchError', async () => {
    const report = await reportPromise;
    expect(observed(report, 'http-500')).toBe(
      'threw TencentCloudSDKHttpException, message "Internal Server Error", no RequestId, 1 request ×1',
    );
    expect(observed(report, 'latency-beyond')).toMatch(
      /^threw TencentCloudSDKHttpException, message "network timeout at: http:\/\/127\.0\.0\.1:\d+\/", no RequestId, 1 request ×1$/,
    );
    expect(observed(report, 'non-json')).toMatch(/^threw FetchError, message "invalid json response body at /);
    expect(observed(report, 'latency-within')).toBe(`returned ${successType}, RequestId at RequestId, 1 request ×1`);
  });

  it('never writes the SecretKey or a signature into the JSON, console or JUnit report', async () => {
    const report = await reportPromise;
    const outputs = [JSON.stringify(report), printClientCheckReport(report), toClientCheckJunit(report)];
    expect(spy.secrets.size).toBe(1);
    for (const output of outputs) {
      for (const secret of spy.secrets) expect(output).not.toContain(secret);
      expect(output).not.toMatch(/Signature=[0-9a-f]{64}/);
      expect(output).not.toMatch(/Signature=[A-Za-z0-9%+/]{20,}/);
    }
  });
});

/** The report as the three outputs a user may publish: JSON, console and JUnit. */
function outputsOf(report: ClientCheckReport): string[] {
  return [JSON.stringify(report), printClientCheckReport(report), toClientCheckJunit(report)];
}

describe('the deliberately broken client (examples/adapters/brokenClient.ts)', () => {
  const spy = spying(brokenClient);
  let reportPromise: Promise<ClientCheckReport>;
  beforeAll(() => {
    reportPromise = check(spy.adapter);
  });

  it('fails with a specific message for each of its three faults', async () => {
    const report = await reportPromise;
    expect(report.ok).toBe(false);
    expect(messages(report, 'success', 'request.body')).toEqual([
      `TaskInstanceIndex is sent as a JSON string ("0"); the spec's type is integer`,
    ]);
    expect(messages(report, 'success', 'request.region')).toEqual([
      'X-TC-Region is missing; doc revision seed requires Region (the seed\'s table: "Region | Yes"; the current page says optional: --doc-revision current) (the API answers MissingParameter)',
    ]);
    // Without a Region, the emulator refuses every request with MissingParameter before reading it (decision D-19).
    expect(messages(report, 'JobIdMalformed', 'surfaced.result')[0]).toMatch(
      /^swallowed the error: the response was MissingParameter \(RequestId [0-9a-f-]{36}\), but the client returned \{"ok":true,"RequestId":"[0-9a-f-]{36}"\} as if the call succeeded$/,
    );
  });

  it('passes the checks it does not break: wire form, common parameters, signature, retry rate', async () => {
    const failing = new Set(notPassed(await reportPromise).map((line) => line.split(' ')[1]));
    expect([...failing].sort()).toEqual(['request.body', 'request.region', 'surfaced.result']);
  });

  it('carries the offending request and response as redacted evidence', async () => {
    const report = await reportPromise;
    const finding = report.scenarios.find((s) => s.id === 'success')?.results.find((r) => r.check === 'request.body')
      ?.findings[0];
    expect(finding?.evidence.exchange?.request.headers['authorization']).toMatch(/Signature=\[REDACTED\]$/);
    expect(finding?.evidence.exchange?.request.body).toContain('"TaskInstanceIndex":"0"');
    // The emulator refuses the missing Region before it reads the body (decision D-19).
    expect(finding?.evidence.exchange?.response?.body).toContain('"Code":"MissingParameter"');
  });

  it('never writes the SecretKey or a signature, though its findings carry the signed requests', async () => {
    const report = await reportPromise;
    expect(JSON.stringify(report)).toContain('Signature=[REDACTED]');
    expect(spy.secrets.size).toBe(1);
    for (const output of outputsOf(report)) {
      for (const secret of spy.secrets) expect(output).not.toContain(secret);
      expect(output).not.toMatch(/Signature=[0-9a-f]{64}/);
    }
  });

  it('fails one JUnit test case per failed check, with the message', async () => {
    const report = await reportPromise;
    const parsed = (await parse(toClientCheckJunit(report))) as {
      testsuite?: { name?: string; testcase?: { name?: string; failure?: { message?: string }[] }[] }[];
    };
    const success = parsed.testsuite?.find((s) => s.name === 'tbc client-check success');
    const failures = (success?.testcase ?? []).filter((c) => c.failure !== undefined);
    expect(failures.map((c) => c.name?.split(':')[0])).toEqual(['request.region', 'request.body', 'surfaced.result']);
    expect(failures[1]?.failure?.[0]?.message).toContain('TaskInstanceIndex is sent as a JSON string');
  });

  it('passes the Region check under doc revision current, where Region is optional, and meets the injected HTTP 500 there', async () => {
    const report = await check(brokenClient, { docRevision: 'current', only: ['success', 'http-500'] });
    expect(notPassed(report)).toEqual([
      'success request.body failed',
      'success surfaced.result failed',
      'http-500 request.body failed',
      'http-500 surfaced.result failed',
    ]);
    expect(messages(report, 'http-500', 'surfaced.result')).toEqual([
      'returned {"ok":true,"RequestId":""} for an HTTP 500 answer: a transport failure must surface as an error, not as success',
    ]);
  });
});

describe('misbehaving adapters', () => {
  /** CommonClient plus a retry loop on RequestLimitExceeded, waiting `waitMs` between attempts. */
  function retrying(waitMs: number, attempts: number): ClientAdapter {
    return async (input: TerminateInput) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await commonSdk(input);
        } catch (error) {
          if ((error as { code?: string }).code !== 'RequestLimitExceeded' || attempt === attempts) throw error;
          await new Promise((resolve) => setTimeout(resolve, waitMs));
        }
      }
    };
  }

  it('fails retry.rate for a client that retries RequestLimitExceeded without backing off', async () => {
    const report = await check(retrying(0, 4), { only: ['RequestLimitExceeded'] });
    expect(messages(report, 'RequestLimitExceeded', 'retry.rate')[0]).toMatch(
      /^sent 4 requests within one second for a single call \(at \+0 ms, .*\); TerminateTaskInstance allows 2\/s, so retries must back off$/,
    );
    expect(observed(report, 'RequestLimitExceeded')).toContain('code="RequestLimitExceeded"');
  });

  it('passes a client that backs off a second and then succeeds (the emulated clock follows the wall clock)', async () => {
    const report = await check(retrying(1000, 2), { only: ['RequestLimitExceeded'] });
    expect(notPassed(report)).toEqual([]);
    expect(observed(report, 'RequestLimitExceeded')).toBe('returned Object, RequestId at RequestId, 2 requests ×1');
  });

  it('reports a client that never settles, without hanging the kit', async () => {
    const report = await check(() => new Promise(() => undefined), { only: ['success'], timeoutMs: 50 });
    expect(messages(report, 'success', 'surfaced.result')[0]).toMatch(
      /^the client did not settle within 1[0-9]{3} ms although it was given timeoutMs 50$/,
    );
    expect(notPassed(report)).toContain('success request.body skipped');
  });

  it('reports a client that sends a valid request but ignores its timeout', async () => {
    const slow: ClientAdapter = (input) => {
      const client = new CommonClient(input.endpoint, '2017-03-12', {
        credential: input.credentials,
        region: input.region,
        profile: { httpProfile: { protocol: input.protocol, endpoint: input.endpoint } },
      });
      return client.request('TerminateTaskInstance', input.params);
    };
    const report = await check(slow, { only: ['latency-beyond'] });
    expect(messages(report, 'latency-beyond', 'surfaced.result')[0]).toMatch(
      /^returned \{"RequestId":"[0-9a-f-]{36}"\} for a server that stayed silent past timeoutMs 300: a transport failure must surface as an error, not as success$/,
    );
  });

  it('blanks a SecretKey the client quotes in what it throws, and the v1 signature in the evidence', async () => {
    // A v1 client (signature in the form body) that throws on success, quoting its SecretKey in the message.
    const leaking = spying(async (input) => {
      await intlSdk(input);
      throw Object.assign(new Error(`denied for ${input.credentials.secretKey}`), {
        code: `AuthFailure.${input.credentials.secretKey}`,
      });
    });
    const report = await check(leaking.adapter, { only: ['success'] });
    const finding = report.scenarios[0]?.results.find((r) => r.check === 'surfaced.result')?.findings[0];
    expect(finding?.message).toMatch(/^threw Error \("denied for \[REDACTED\]"\) although the response was a success/);
    expect(finding?.evidence.surfaced?.message).toBe('denied for [REDACTED]');
    expect(finding?.evidence.surfaced?.code).toEqual({ value: 'AuthFailure.[REDACTED]', at: 'code' });
    expect(finding?.evidence.exchange?.request.body).toMatch(/(^|&)Signature=\[REDACTED\](&|$)/);
    expect(leaking.secrets.size).toBe(1);
    for (const output of outputsOf(report)) {
      for (const secret of leaking.secrets) expect(output).not.toContain(secret);
      expect(output).not.toMatch(/Signature=[A-Za-z0-9%+/]{20,}/);
    }
  });

  it('blanks a signature the client quotes in what it throws', async () => {
    // A hand-rolled TC3 client that sends a valid request and then throws, quoting its Authorization header.
    const signatures: string[] = [];
    const quoting: ClientAdapter = async (input) => {
      const body = JSON.stringify(input.params);
      const timestamp = Math.floor(Date.now() / 1000);
      const { authorization } = signTc3({
        method: 'POST',
        host: new URL(`${input.protocol}${input.endpoint}`).hostname,
        canonicalQueryString: '',
        contentType: 'application/json',
        body,
        timestamp,
        service: 'batch',
        secretId: input.credentials.secretId,
        secretKey: input.credentials.secretKey,
      });
      signatures.push(/Signature=([0-9a-f]{64})/.exec(authorization)?.[1] ?? 'no signature');
      await fetch(`${input.protocol}${input.endpoint}/`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-TC-Action': 'TerminateTaskInstance',
          'X-TC-Version': '2017-03-12',
          'X-TC-Timestamp': String(timestamp),
          'X-TC-Region': input.region,
          Authorization: authorization,
        },
        body,
      });
      throw new Error(`refused: ${authorization}`);
    };
    const report = await check(quoting, { only: ['success'] });
    const finding = report.scenarios[0]?.results.find((r) => r.check === 'surfaced.result')?.findings[0];
    expect(finding?.evidence.surfaced?.message).toMatch(/^refused: TC3-HMAC-SHA256 .*Signature=\[REDACTED\]$/);
    expect(signatures).toHaveLength(1);
    for (const output of outputsOf(report)) expect(output).not.toContain(signatures[0]);
  });

  it('blanks a SecretKey the client returns, even where the preview of the value is cut short', async () => {
    // Padded so that the key straddles the 160-character preview cut: half a key must not survive either.
    const returning = spying(async (input) => {
      await commonSdk(input).catch(() => undefined);
      return { pad: 'x'.repeat(123), key: input.credentials.secretKey };
    });
    const report = await check(returning.adapter, { only: ['JobIdMalformed'] });
    const finding = report.scenarios[0]?.results.find((r) => r.check === 'surfaced.result')?.findings[0];
    expect(finding?.message).toContain('"key":"[REDACTED]"');
    expect(finding?.evidence.surfaced?.preview).toContain('"key":"[REDACTED]"');
    expect(returning.secrets.size).toBe(1);
    for (const output of outputsOf(report)) {
      for (const secret of returning.secrets) expect(output).not.toContain(secret.slice(0, 12));
    }
  });

  it('finds the code and RequestId of a Go-style error object thrown by hand', async () => {
    const goStyle: ClientAdapter = async (input) => {
      try {
        return await commonSdk(input);
      } catch (error) {
        const e = error as { code?: string; requestId?: string };
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point: any thrown value is inspected
        throw { Response: { Error: { Code: e.code }, RequestId: e.requestId } };
      }
    };
    const report = await check(goStyle, { only: ['InternalError'] });
    expect(notPassed(report)).toEqual([]);
    expect(observed(report, 'InternalError')).toBe(
      'threw Object, Response.Error.Code="InternalError", RequestId at Response.RequestId, 1 request ×1',
    );
  });
});
