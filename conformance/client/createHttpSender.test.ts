import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpSender } from './createHttpSender.ts';
import { UnsendableRequest } from './sendRequest.ts';
import type { WireRequest } from './buildWireRequest.ts';

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
    const outcome = await createHttpSender(origin, 5000)(wire(origin, { 'x-tc-action': 'TerminateTaskInstance' }));
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
    const refused = await createHttpSender(closed, 5000)(wire(closed));
    expect('reason' in refused ? refused.reason : refused).toMatch(/ECONNREFUSED/);
    const silent = await serve(() => undefined);
    expect(await createHttpSender(silent, 50)(wire(silent))).toEqual({ reason: 'no response within 50 ms' });
  });

  it('rejects with UnsendableRequest for a request node:http cannot carry (a newline in a header value)', async () => {
    const origin = await serve((_, res) => res.end());
    await expect(createHttpSender(origin, 5000)(wire(origin, { 'x-bad': 'a\nb' }))).rejects.toThrow(UnsendableRequest);
  });
});
