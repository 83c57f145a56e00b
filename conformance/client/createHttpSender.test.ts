import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpSender } from './createHttpSender.ts';
import { UnsendableRequest } from './sendRequest.ts';
import type { WireRequest } from './buildWireRequest.ts';
import { deadlinesFor } from './Deadlines.ts';

const limits = (requestMs: number, maxAnswerBytes = 1024 * 1024) => ({
  deadlines: deadlinesFor(requestMs),
  maxAnswerBytes,
});

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<URL> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

const wire = (origin: URL, headers: Record<string, string> = {}): WireRequest => ({
  method: 'POST',
  url: `${origin.origin}/`,
  headers: { 'content-type': 'application/json', ...headers },
  body: new TextEncoder().encode('{"JobId":"job-1"}'),
  secrets: [],
});

describe('createHttpSender', () => {
  it('sends method, headers and body, and reads status, headers and the body as Fetch text() would (BOM dropped)', async () => {
    const seen: { method?: string; header?: string; body: string } = { body: '' };
    const origin = await serve((req, res) => {
      seen.method = req.method;
      seen.header = req.headers['x-tc-action'] as string;
      req.on('data', (c: Buffer) => (seen.body += c.toString()));
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': ['a=1', 'b=2'] });
        res.end('\uFEFF{"Response":{"RequestId":"é"}}');
      });
    });
    const outcome = await createHttpSender(
      origin,
      limits(5000),
    )(wire(origin, { 'x-tc-action': 'TerminateTaskInstance' }));
    expect(seen).toEqual({ method: 'POST', header: 'TerminateTaskInstance', body: '{"JobId":"job-1"}' });
    expect(outcome).toMatchObject({
      answer: {
        status: 200,
        headers: { 'content-type': 'application/json', 'set-cookie': 'a=1, b=2' },
        body: '{"Response":{"RequestId":"é"}}',
      },
    });
  });

  it('answers a refused connection and a silent server as reasons, never by throwing', async () => {
    const closed = await serve(() => undefined);
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    const refused = await createHttpSender(closed, limits(5000))(wire(closed));
    expect('reason' in refused && refused.reason).toMatch(/ECONNREFUSED/);
    expect(refused).toMatchObject({ timedOut: false });
    const silent = await serve(() => undefined);
    expect(await createHttpSender(silent, limits(100))(wire(silent))).toEqual({
      reason: 'no status line and headers within 50 ms',
      timedOut: true,
    });
  });

  it('rejects with UnsendableRequest for a request node:http cannot carry (a newline in a header value)', async () => {
    const origin = await serve((_, res) => res.end());
    await expect(createHttpSender(origin, limits(5000))(wire(origin, { 'x-bad': 'a\nb' }))).rejects.toThrow(
      UnsendableRequest,
    );
  });

  it('cuts off a body that stops arriving, and one that trickles in time but never ends, naming which', async () => {
    const stalled = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"Response":');
    });
    expect(await createHttpSender(stalled, limits(200))(wire(stalled))).toEqual({
      reason: 'no more of the body within 100 ms',
      timedOut: true,
    });
    await new Promise((resolve) => server?.close(resolve));
    const trickling = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(timer));
    });
    expect(await createHttpSender(trickling, limits(300))(wire(trickling))).toEqual({
      reason: 'the answer did not end within 300 ms',
      timedOut: true,
    });
  });

  it('reads no more than the cap of an answer, keeping its first 4 KB as evidence', async () => {
    let written = 0;
    const origin = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // An endless body: only the cap ends the read.
      const more = (): void => {
        while (res.write('x'.repeat(64 * 1024))) written += 64 * 1024;
        written += 64 * 1024;
      };
      res.on('drain', more);
      more();
    });
    const outcome = await createHttpSender(origin, limits(5000, 1024 * 1024))(wire(origin));
    expect(outcome).toMatchObject({ answer: { status: 200, cutOff: 'the answer is larger than 1 MB' } });
    expect('answer' in outcome ? outcome.answer.body : '').toBe('x'.repeat(4096));
    // Nothing much beyond the cap crossed the socket: the kit stopped reading.
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });
});
