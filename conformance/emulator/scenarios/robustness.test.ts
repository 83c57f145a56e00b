import { connect } from 'node:net';
import type { EmulatorSnapshot } from '../../control/controlPlane.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIZE_LIMITS } from '../../wire/parseApiRequest.ts';
import { codeOf, sendBytes, sendRaw, signedJsonHeaders } from '../../test-only/sendRaw.ts';
import { startWithRunningJob, type SdkHarness } from '../../test-only/startSdkHarness.ts';

/**
 * Hostile input: every answer is a documented error envelope with HTTP 200 (or a clean close for a body past the
 * limit), the server keeps serving, and nothing changes state.
 */
describe('emulator robustness', () => {
  let h: SdkHarness;
  let job: string;
  let before: EmulatorSnapshot;
  beforeAll(async () => {
    ({ h, job } = await startWithRunningJob('sleep 100000'));
    before = await h.snapshot();
  });
  afterAll(async () => {
    // Never a state change, and the server still answers a well-formed call.
    expect(await h.snapshot()).toEqual(before);
    expect(await h.state(job)).toBe('RUNNING');
    await h.close();
  });

  const body = (p: Record<string, unknown>) =>
    JSON.stringify({ JobId: job, TaskName: 'A', TaskInstanceIndex: 0, ...p });
  const post = (payload: string | Buffer, overrides: Parameters<typeof signedJsonHeaders>[2] = {}) =>
    sendRaw(h.url, { method: 'POST', headers: signedJsonHeaders(h.url, payload, overrides), body: payload });

  it.each([
    ['malformed JSON', '{"JobId": "job-', 'InvalidParameter'],
    ['a JSON array', '[1,2,3]', 'InvalidParameter'],
    ['JSON null', 'null', 'InvalidParameter'],
    ['an empty body', '', 'InvalidParameter'],
    ['a huge index', '{"JobId":"job-00000000","TaskName":"A","TaskInstanceIndex":1e308}', 'InvalidParameterValue'],
    [
      'an index past double range',
      '{"JobId":"job-00000000","TaskName":"A","TaskInstanceIndex":1e400}',
      'InvalidParameter',
    ],
    [
      'a huge negative index',
      '{"JobId":"job-00000000","TaskName":"A","TaskInstanceIndex":-1e308}',
      'InvalidParameterValue',
    ],
    [
      'deep nesting',
      `{"JobId":${'['.repeat(100_000)}${']'.repeat(100_000)},"TaskName":"A","TaskInstanceIndex":0}`,
      'InvalidParameter',
    ],
    [
      'a megabyte TaskName',
      `{"JobId":"job-00000000","TaskName":"${'x'.repeat(1 << 20)}","TaskInstanceIndex":0}`,
      'InvalidParameterValue',
    ],
  ])('answers a signed request with %s with %s', async (_name, payload, code) => {
    const answer = await post(payload);
    expect(answer.closed ? 0 : answer.status).toBe(200);
    expect(codeOf(answer)).toBe(code);
  });

  it('answers invalid UTF-8 with InvalidParameter', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"JobId":"job-0000000'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('","TaskName":"A","TaskInstanceIndex":0}'),
    ]);
    expect(codeOf(await post(bytes))).toBe('InvalidParameter');
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS'])('answers %s with UnsupportedProtocol', async (method) => {
    expect(codeOf(await sendRaw(h.url, { method, body: body({}) }))).toBe('UnsupportedProtocol');
  });

  it.each([
    ['no headers at all', {}, 'AuthFailure.InvalidAuthorization'],
    [
      'a garbage Authorization',
      {
        authorization: 'garbage',
        'x-tc-action': 'TerminateTaskInstance',
        'x-tc-version': '2017-03-12',
        'x-tc-timestamp': '1',
      },
      'AuthFailure.InvalidAuthorization',
    ],
    [
      'no X-TC-Action',
      { authorization: 'TC3-HMAC-SHA256 x', 'x-tc-version': '2017-03-12', 'x-tc-timestamp': '1' },
      'MissingParameter',
    ],
    [
      'a garbage timestamp',
      {
        authorization:
          'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2024-01-01/batch/tc3_request, SignedHeaders=content-type;host, Signature=00',
        'x-tc-action': 'TerminateTaskInstance',
        'x-tc-version': '2017-03-12',
        'x-tc-timestamp': 'yesterday',
        'content-type': 'application/json',
      },
      'AuthFailure',
    ],
  ])('answers a request with %s with a documented code', async (_name, headers, code) => {
    const answer = await sendRaw(h.url, { method: 'POST', headers: headers, body: body({}) });
    expect(codeOf(answer).startsWith(code)).toBe(true);
  });

  it('answers a signed request with the wrong Content-Type with InvalidParameter', async () => {
    expect(codeOf(await post(body({}), { contentType: 'text/plain' }))).toBe('InvalidParameter');
  });

  it('refuses a JSON body past 10 MB with RequestSizeLimitExceeded or a clean close', async () => {
    const huge = Buffer.alloc(SIZE_LIMITS.json + 1024, 0x20);
    const answer = await sendRaw(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: huge,
    });
    expect(['RequestSizeLimitExceeded', '(closed)']).toContain(codeOf(answer));
  });

  it('answers a declared body past 10 MB before reading it, then closes the connection', async () => {
    // Only the head and a few body bytes are sent, and the client never ends its side: the answer can only come from
    // the early refusal (parsing needs the whole body), and only the server can close.
    const head =
      'POST / HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n' +
      `content-length: ${2 * SIZE_LIMITS.json}\r\n\r\n{"JobId":`;
    const answer = await sendBytes(h.url, head, { end: false });
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer).toContain('"Code":"RequestSizeLimitExceeded"');
  });

  it('refuses a form body past 1 MB and a GET past 32 KB with RequestSizeLimitExceeded', async () => {
    const form = `Action=TerminateTaskInstance&Signature=x&Pad=${'x'.repeat(SIZE_LIMITS.form)}`;
    const formAnswer = await sendRaw(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(codeOf(formAnswer)).toBe('RequestSizeLimitExceeded');
    const getAnswer = await sendRaw(h.url, { method: 'GET', path: `/?Pad=${'x'.repeat(SIZE_LIMITS.query)}` });
    expect(codeOf(getAnswer)).toBe('RequestSizeLimitExceeded');
  });

  it('answers bytes that are not HTTP, and headers past 64 KB, with an envelope before closing', async () => {
    expect(await sendBytes(h.url, 'GARBAGE GARBAGE\r\n\r\n')).toContain('"Code":"UnsupportedProtocol"');
    const overflow = await sendBytes(h.url, `GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ${'x'.repeat(70_000)}\r\n\r\n`);
    expect(overflow).toContain('"Code":"RequestSizeLimitExceeded"');
  });

  it('keeps serving when clients go away mid-body or before reading their answer', async () => {
    const { hostname, port } = new URL(h.url);
    const payload = body({ TaskInstanceIndex: 10 });
    const headers = signedJsonHeaders(h.url, payload);
    const head = (length: number) =>
      `POST / HTTP/1.1\r\n${Object.entries(headers)
        .filter(([name]) => name !== 'content-length')
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('')}content-length: ${length}\r\n\r\n`;
    const goAway = (bytes: string) =>
      new Promise<void>((resolve) => {
        const socket = connect(Number(port), hostname, () => {
          socket.write(bytes, () => {
            socket.destroy();
            resolve();
          });
        });
        socket.on('error', () => undefined);
      });
    // Half a body, then gone; a whole request, gone before the answer is written (it is queued for the next turn).
    await Promise.all([
      ...Array.from({ length: 20 }, () => goAway(head(payload.length) + payload.slice(0, 10))),
      ...Array.from({ length: 20 }, () => goAway(head(Buffer.byteLength(payload)) + payload)),
    ]);
    expect(codeOf(await post(payload))).toBe('ResourceNotFound.TaskInstance');
  });

  it('answers 1000 concurrent connections, each with a documented envelope', async () => {
    const answers = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => post(body({ TaskInstanceIndex: 10 + i }))),
    );
    const codes = new Set(answers.map(codeOf));
    expect([...codes]).toEqual(['ResourceNotFound.TaskInstance']);
  });
});
