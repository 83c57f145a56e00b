// `tbc proxy` never hangs on its upstream and never loses an answer: an oversize request is
// answered with the envelope, and an upstream that hangs, sends without end or sends too much gets the client a 502
// within the deadline while other clients are served.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../emulator/createEmulator.ts';
import { listen, type Listening } from '../http/listen.ts';
import { sendOversizeBodies } from '../test-only/sendOversizeBodies.ts';
import { formatProxyEvent } from './formatProxyEvent.ts';
import { startProxy, type RunningProxy } from './startProxy.ts';

/** Short, so the tests are quick; the default is 30 s. */
const UPSTREAM_TIMEOUT_MS = 300;

type Misbehaviour = (req: IncomingMessage, res: ServerResponse) => void;

/** An upstream that answers `/` with a small JSON envelope, and every other path with `misbehave`. */
function startUpstream(misbehave: Misbehaviour): Promise<Listening> {
  const server = createServer((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'application/json' }).end('{"Response":{}}');
    else misbehave(req, res);
  });
  return listen(server);
}

/** Writes 64 KB chunks as fast as the connection takes them, until it goes away: 10 MB pass in milliseconds. */
const hugeBody: Misbehaviour = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on('drain', pump);
  pump();
};

/** Writes 64 KB chunks, one per `intervalMs`, until the connection goes away. */
function endlessBody(intervalMs: number): Misbehaviour {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const timer = setInterval(() => res.write(chunk), intervalMs);
    res.on('close', () => {
      clearInterval(timer);
    });
  };
}

describe('tbc proxy and an upstream that misbehaves', () => {
  let lines: string[] = [];
  let upstream: Listening | undefined;
  let proxy: RunningProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    await upstream?.close();
    lines = [];
  });

  async function through(misbehave: Misbehaviour, upstreamTimeoutMs: number): Promise<string> {
    upstream = await startUpstream(misbehave);
    proxy = await startProxy({
      upstream: upstream.url,
      docRevision: 'seed',
      upstreamTimeoutMs,
      onEvent: (event) => lines.push(formatProxyEvent(event)),
    });
    return proxy.url;
  }

  const timedOut = /no complete answer from http:\/\/127\.0\.0\.1:\d+ within 0\.3 s \(--upstream-timeout\)/;
  it.each([
    ['accepts and never answers', () => undefined, UPSTREAM_TIMEOUT_MS, timedOut],
    ['sends headers and then a body without end', endlessBody(10), UPSTREAM_TIMEOUT_MS, timedOut],
    // A deadline far away: the cap, not the clock, ends this one.
    ['sends an answer past the cap', hugeBody, 60_000, /the answer from .* is larger than 10 MB; cut off/],
  ])(
    'an upstream that %s: the client gets a 502, and other clients are served meanwhile',
    async (_what, misbehave, timeoutMs, line) => {
      const url = await through(misbehave, timeoutMs);
      const stuck = fetch(`${url}/misbehave`, { method: 'POST', body: '{}' });
      // While the first exchange waits on the upstream, another client is answered.
      const other = await fetch(url, { method: 'POST', body: '{}' });
      expect(await other.text()).toBe('{"Response":{}}');
      const response = await stuck;
      expect(response.status).toBe(502);
      expect(await response.text()).toMatch(line);
      expect(lines.filter((l) => l.startsWith('upstream error'))).toEqual([expect.stringMatching(line) as string]);
    },
  );
});

describe('tbc proxy and an oversize request', () => {
  let emulator: Listening;
  let proxy: RunningProxy;
  const lines: string[] = [];
  beforeAll(async () => {
    emulator = await createEmulator({ clock: 'virtual' }).listen();
    proxy = await startProxy({
      upstream: emulator.url,
      docRevision: 'seed',
      onEvent: (event) => lines.push(formatProxyEvent(event)),
    });
  });
  afterAll(async () => {
    await proxy.close();
    await emulator.close();
  });

  it('answers an 11 MB body sent with Node fetch with the RequestSizeLimitExceeded envelope, 20 times out of 20', async () => {
    expect(await sendOversizeBodies(proxy.url, { times: 20 })).toEqual({ enveloped: 20, failures: [] });
    expect(lines).toHaveLength(20);
    expect(lines[0]).toMatch(
      /^violation #\d+ \(no action\) request\.wire-form: the body is larger than 10 MB, the largest request the API accepts/,
    );
  });

  it('answers a chunked oversize body the same way', async () => {
    expect(await sendOversizeBodies(proxy.url, { times: 3, chunked: true })).toEqual({ enveloped: 3, failures: [] });
  });
});
