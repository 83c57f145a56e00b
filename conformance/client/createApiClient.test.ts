import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_NAMES } from '../../generated/actions.ts';
import { TbcError } from '../TbcError.ts';
import { EXAMPLE_CREDENTIALS } from '../signing/Credentials.ts';
import { verifyRequest } from '../signing/verifyRequest.ts';
import { createRecordingDouble, jsonAnswer } from '../test-only/createRecordingDouble.ts';
import { createApiClient } from './createApiClient.ts';

const TERMINATE = { JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: 0 };
const verifyOptions = () => ({
  findCredentials: (id: string) => (id === EXAMPLE_CREDENTIALS.secretId ? EXAMPLE_CREDENTIALS : undefined),
  nowSeconds: Math.floor(Date.now() / 1000),
});

function success(extra: Record<string, unknown> = {}): Response {
  return jsonAnswer({ Response: { ...extra, RequestId: randomUUID() } });
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
        }),
    ),
  );
});

describe('createApiClient typed calls', () => {
  it('offers one typed call per action of generated/actions.ts', () => {
    const target = createApiClient({
      implementation: () => Promise.resolve(success()),
      credentials: EXAMPLE_CREDENTIALS,
    });
    for (const action of ACTION_NAMES) expect(typeof target[action]).toBe('function');
  });

  it('sends a signed TC3 JSON POST to http://batch.tencentcloudapi.com/ and returns success with data', async () => {
    const double = createRecordingDouble(() => success());
    const target = createApiClient({
      implementation: double.implementation,
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
    });
    const result = await target.TerminateTaskInstance(TERMINATE);
    expect(result.kind).toBe('success');
    if (result.kind !== 'success') return;
    expect(result.data.RequestId).toBe(result.requestId);
    expect(result.exchange.request).toMatchObject({ method: 'POST', url: 'http://batch.tencentcloudapi.com/' });
    expect(result.exchange.response?.status).toBe(200);
    const [received] = double.requests;
    expect(received?.headers).toMatchObject({
      host: 'batch.tencentcloudapi.com',
      'x-tc-action': 'TerminateTaskInstance',
      'x-tc-version': '2017-03-12',
      'content-type': 'application/json',
    });
    expect(JSON.parse(received?.body.toString('utf8') ?? '')).toEqual(TERMINATE);
    expect(received && verifyRequest(received, verifyOptions())).toMatchObject({ ok: true, scheme: 'TC3' });
  });

  it('sends a v1 HmacSHA256 form POST when scheme is v1, which verifies', async () => {
    const double = createRecordingDouble(() => success());
    const target = createApiClient({
      implementation: double.implementation,
      credentials: EXAMPLE_CREDENTIALS,
      scheme: 'v1',
      region: 'ap-guangzhou',
      pacing: false,
    });
    expect((await target.TerminateTaskInstance(TERMINATE)).kind).toBe('success');
    const [received] = double.requests;
    expect(received?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(received?.body.toString('utf8')).toMatch(/^JobId=job-rybewp57&TaskName=A&TaskInstanceIndex=0&Action=/);
    expect(received?.body.toString('utf8')).toContain('&Region=ap-guangzhou&SignatureMethod=HmacSHA256&Signature=');
    expect(received && verifyRequest(received, verifyOptions())).toMatchObject({ ok: true, scheme: 'v1' });
  });

  it('returns a documented error code as an error result', async () => {
    const target = createApiClient({
      implementation: () =>
        Promise.resolve(
          jsonAnswer({
            Response: { Error: { Code: 'ResourceNotFound.TaskInstance', Message: 'no such' }, RequestId: randomUUID() },
          }),
        ),
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
    });
    const result = await target.TerminateTaskInstance(TERMINATE);
    expect(result).toMatchObject({ kind: 'error', code: 'ResourceNotFound.TaskInstance', message: 'no such' });
  });

  it('calls a real endpoint over HTTP on 127.0.0.1', async () => {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ Response: { RequestId: randomUUID() } }));
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const target = createApiClient({
      endpoint: `http://127.0.0.1:${port}`,
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
    });
    const result = await target.TerminateJob({ JobId: 'job-rybewp57' });
    expect(result.kind).toBe('success');
    expect(result.exchange.request.url).toBe(`http://127.0.0.1:${port}/`);
  });
});

const uuid = '5b9e2e5c-7c3a-4f8e-9d7a-1c2b3a4d5e6f';
/** Each envelope rule an answer can break: what the tolerant reader still reads, and the one break it records. */
const BREAKS: readonly {
  id: string;
  sentence: string;
  answer: () => Response;
  kind: 'success' | 'error' | 'unreadable';
  fact: string;
  /** Rules the same answer breaks besides (a JSON-less answer has no JSON Content-Type either). */
  also?: string[];
  problem: RegExp;
}[] = [
  {
    id: 'status',
    sentence: 'a non-200 status is a break, and the data is still read',
    answer: () => jsonAnswer({ Response: { RequestId: uuid } }, { status: 500 }),
    kind: 'success',
    fact: 'http-status',
    problem: /HTTP status 500/,
  },
  {
    id: 'error-status',
    sentence: 'an error envelope sent with HTTP 500 still gives its code',
    answer: () =>
      jsonAnswer({ Response: { Error: { Code: 'InternalError', Message: 'x' }, RequestId: uuid } }, { status: 500 }),
    kind: 'error',
    fact: 'http-status',
    problem: /HTTP status 500/,
  },
  {
    id: 'not-json',
    sentence: 'a body that is not JSON cannot be read',
    answer: () => new Response('<html>oops</html>', { headers: { 'content-type': 'text/html' } }),
    kind: 'unreadable',
    fact: 'response-object',
    also: ['content-type'],
    problem: /not JSON/,
  },
  {
    id: 'content-type',
    sentence: 'a JSON error sent as text/plain still gives its code',
    answer: () =>
      jsonAnswer(
        { Response: { Error: { Code: 'InternalError', Message: 'x' }, RequestId: uuid } },
        { contentType: 'text/plain' },
      ),
    kind: 'error',
    fact: 'content-type',
    problem: /Content-Type is "text\/plain"/,
  },
  {
    id: 'envelope',
    sentence: 'a body without the Response envelope cannot be read',
    answer: () => jsonAnswer({ RequestId: uuid }),
    kind: 'unreadable',
    fact: 'response-object',
    problem: /no "Response" object/,
  },
  {
    id: 'request-id-missing',
    sentence: 'a success without RequestId is still a success',
    answer: () => jsonAnswer({ Response: {} }),
    kind: 'success',
    fact: 'request-id-present',
    problem: /^Response\.RequestId is missing or not a string$/,
  },
  {
    id: 'request-id-uppercase',
    sentence: 'an upper-case RequestId breaks the UUID form (a decision)',
    answer: () => jsonAnswer({ Response: { RequestId: uuid.toUpperCase() } }),
    kind: 'success',
    fact: 'request-id-format',
    problem: /^Response\.RequestId ".*" is not a lowercase UUID$/,
  },
  {
    id: 'undocumented-code',
    sentence: 'an error code the action does not document is still read',
    answer: () => jsonAnswer({ Response: { Error: { Code: 'ResourceNotFound.Job', Message: 'x' }, RequestId: uuid } }),
    kind: 'error',
    fact: 'error-code',
    problem: /"ResourceNotFound.Job" is not documented for TerminateTaskInstance/,
  },
  {
    id: 'error-without-message',
    sentence: 'an Error without a Message still gives its code',
    answer: () => jsonAnswer({ Response: { Error: { Code: 'InternalError' }, RequestId: uuid } }),
    kind: 'error',
    fact: 'error-message',
    problem: /^Response\.Error has no Message string$/,
  },
  {
    id: 'error-without-code',
    sentence: 'an Error without a Code cannot be read',
    answer: () => jsonAnswer({ Response: { Error: 'InternalError', RequestId: uuid } }),
    kind: 'unreadable',
    fact: 'error-code',
    also: ['error-message'],
    problem: /^Response\.Error has no Code string$/,
  },
];

describe('createApiClient reads tolerantly and lists each envelope break once', () => {
  it.each(BREAKS)('$id: $sentence', async ({ answer, kind, fact, also, problem }) => {
    const target = createApiClient({
      implementation: () => Promise.resolve(answer()),
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
    });
    const result = await target.TerminateTaskInstance(TERMINATE);
    expect(result.kind).toBe(kind);
    const breaks = result.kind === 'transport' ? [] : result.breaks;
    expect(breaks.map((b) => b.fact).sort()).toEqual([fact, ...(also ?? [])].sort());
    expect(breaks.find((b) => b.fact === fact)?.message).toMatch(problem);
  });

  it('reads a RequestId and an error code for an action without a schema too', async () => {
    const target = createApiClient({
      implementation: () =>
        Promise.resolve(jsonAnswer({ Response: { Error: { Code: 'InternalError' }, RequestId: uuid.toUpperCase() } })),
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
    });
    const result = await target.raw({ action: 'TerminateEverything' });
    expect(result).toMatchObject({ kind: 'error', code: 'InternalError', requestId: uuid.toUpperCase() });
    expect(result.kind === 'error' ? result.breaks.map((b) => b.fact) : []).toEqual([
      'request-id-format',
      'error-message',
    ]);
  });

  it('reports a success body that misses a required field as an output break naming the field, and reads the rest', async () => {
    const target = createApiClient({
      implementation: () => Promise.resolve(success({ JobId: 'job-rybewp57' })),
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
    });
    const result = await target.DescribeJob({ JobId: 'job-rybewp57' });
    expect(result.kind).toBe('success');
    const breaks = result.kind === 'success' ? result.breaks : [];
    expect(breaks.every((b) => b.fact === 'output')).toBe(true);
    expect(breaks.some((b) => b.message.includes('TaskSet'))).toBe(true);
    expect(result.kind === 'success' ? result.data.JobId : undefined).toBe('job-rybewp57');
  });

  it('lets an answer carry fields a newer API version might add, and marks a broken kit decision as such', async () => {
    const target = createApiClient({
      implementation: () =>
        Promise.resolve(
          jsonAnswer({
            Response: { Error: { Code: 'InternalError', Message: 'x', Hint: 'new' }, NewField: 1, RequestId: uuid },
          }),
        ),
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
    });
    expect(await target.TerminateTaskInstance(TERMINATE)).toMatchObject({ kind: 'error', breaks: [] });
    const oddJob = createApiClient({
      implementation: () => Promise.resolve(success({ JobId: 'job-abc' })),
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
    });
    const submitted = await oddJob.SubmitJob({
      Placement: { Zone: 'ap-guangzhou-2' },
      Job: { Tasks: [{ Application: { DeliveryForm: 'LOCAL', Command: 'true' }, ComputeEnv: { EnvType: 'MANAGED' } }] },
    });
    expect(submitted.kind === 'success' ? submitted.breaks : []).toEqual([
      expect.objectContaining({ fact: 'output', decision: 'D-01' }),
    ]);
  });
});

describe('createApiClient transport failures', () => {
  it('returns kind transport when the connection is refused', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
    const target = createApiClient({
      endpoint: `http://127.0.0.1:${port}`,
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
    });
    const result = await target.TerminateTaskInstance(TERMINATE);
    expect(result.kind).toBe('transport');
    expect(result.kind === 'transport' ? result.reason : '').toMatch(/ECONNREFUSED/);
    expect(result.exchange.response).toBeUndefined();
  });

  it('returns kind transport when no answer comes within timeoutMs (the headers get half of it)', async () => {
    const target = createApiClient({
      implementation: () => new Promise<Response>(() => undefined),
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
      timeoutMs: 50,
    });
    expect(await target.TerminateTaskInstance(TERMINATE)).toMatchObject({
      kind: 'transport',
      reason: 'no status line and headers within 25 ms',
    });
  });

  it('returns kind transport when the implementation throws', async () => {
    const target = createApiClient({
      implementation: () => Promise.reject(new Error('socket hang up')),
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
    });
    expect(await target.TerminateTaskInstance(TERMINATE)).toMatchObject({
      kind: 'transport',
      reason: 'socket hang up',
    });
  });
});

describe('createApiClient misuse', () => {
  it('throws a TbcError unless exactly one of endpoint and implementation is given', () => {
    expect(() => createApiClient({ credentials: EXAMPLE_CREDENTIALS })).toThrow(TbcError);
    expect(() =>
      createApiClient({
        endpoint: 'http://127.0.0.1:1',
        implementation: () => Promise.resolve(success()),
        credentials: EXAMPLE_CREDENTIALS,
      }),
    ).toThrow(TbcError);
  });

  it('throws a TbcError for an endpoint that is not an http(s) origin', () => {
    for (const endpoint of ['127.0.0.1:8080', 'ftp://127.0.0.1', 'http://127.0.0.1:8080/v2']) {
      expect(() => createApiClient({ endpoint, credentials: EXAMPLE_CREDENTIALS })).toThrow(TbcError);
    }
  });

  it('throws a TbcError for a rate that is not a positive number', () => {
    expect(() =>
      createApiClient({
        implementation: () => Promise.resolve(success()),
        credentials: EXAMPLE_CREDENTIALS,
        pacing: { perSecond: { TerminateTaskInstance: 0 } },
      }),
    ).toThrow(/positive/);
  });
});
