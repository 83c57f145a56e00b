// answerEarly's bounds: a client that keeps sending, or stops sending, does not hold the socket.
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { answerEarly } from './answerEarly.ts';
import { listen, type Listening } from './listen.ts';

const ANSWER = { status: 200, contentType: 'application/json', body: '{"Response":{"Error":{"Code":"X"}}}' };

/** A server that answers every request early, with small bounds so the test sees them reached. */
async function startEarlyServer(limits: { maxBytes: number; maxMs: number; idleMs: number }): Promise<Listening> {
  const server: Server = createServer((req) => {
    answerEarly(req, ANSWER, limits);
  });
  return listen(server);
}

/** A raw client: sends a POST head declaring `declared` bytes, then what `feed` writes; resolves with all it read. */
function rawClient(url: string, declared: number, feed: (socket: Socket) => void): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`POST / HTTP/1.1\r\nhost: ${hostname}\r\ncontent-length: ${declared}\r\n\r\n`);
      feed(socket);
    });
    let read = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (read += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      resolve(read);
    });
  });
}

describe('answerEarly', () => {
  let server: Listening | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('answers, then closes the connection once the declared body has arrived', async () => {
    server = await startEarlyServer({ maxBytes: 1 << 20, maxMs: 60_000, idleMs: 60_000 });
    const read = await rawClient(server.url, 1000, (socket) => socket.write('x'.repeat(1000)));
    expect(read).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*connection: close\r\n\r\n\{"Response"/);
  });

  it('closes a connection that keeps sending past maxBytes', async () => {
    server = await startEarlyServer({ maxBytes: 64 * 1024, maxMs: 60_000, idleMs: 60_000 });
    const read = await rawClient(server.url, 1 << 30, (socket) => {
      const chunk = Buffer.alloc(16 * 1024);
      const pump = (): void => {
        while (!socket.destroyed && socket.write(chunk));
      };
      socket.on('drain', pump);
      pump();
    });
    expect(read).toContain('"Code":"X"');
  });

  it('closes a connection that goes quiet mid-body, after idleMs', async () => {
    server = await startEarlyServer({ maxBytes: 1 << 20, maxMs: 60_000, idleMs: 50 });
    const read = await rawClient(server.url, 1000, (socket) => socket.write('x'));
    expect(read).toContain('"Code":"X"');
  });

  it('closes a connection that trickles forever, after maxMs', async () => {
    server = await startEarlyServer({ maxBytes: 1 << 20, maxMs: 200, idleMs: 60_000 });
    let timer: NodeJS.Timeout | undefined;
    const read = await rawClient(server.url, 1 << 20, (socket) => {
      timer = setInterval(() => socket.write('x'), 10);
    });
    clearInterval(timer);
    expect(read).toContain('"Code":"X"');
  });
});
