// Test support: targets that do not behave like an API at all, one misbehaviour each, for the kit's "never hang,
// never crash" tests and benchmark. A real socket server (node:http), because most of these break HTTP itself.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, type Listening } from '../http/listen.ts';

export const HOSTILE_MODES = [
  'never-answers',
  'resets',
  'endless-body',
  'huge-body',
  'one-byte-per-500ms',
  'not-http',
  'redirect-loop',
  'deep-json',
] as const;
export type HostileMode = (typeof HOSTILE_MODES)[number];

/** The huge body's size: 300 MB, far past any cap. */
export const HUGE_BODY_BYTES = 300 * 1024 * 1024;
/** How deep the deep body nests: far past any stack. */
export const DEEP_JSON_LEVELS = 200_000;

export interface HostileOptions {
  mode: HostileMode;
  /**
   * Answer the kit's probe (`GET /_emulator/info`) with a plain 404, as a live endpoint would, and misbehave only on
   * API calls (the live-safe path). Default: misbehave on every request (the probe path).
   */
  answersProbe?: boolean;
}

const CHUNK = Buffer.alloc(64 * 1024, 'x');

/** Starts a hostile target on 127.0.0.1. `close` ends every connection, the endless ones included. */
export function startHostileTarget(options: HostileOptions): Promise<Listening> {
  const server = createServer((req, res) => {
    // Read (and drop) the request body, so the client's write completes and only the answer misbehaves.
    req.resume();
    if (options.answersProbe === true && req.url?.startsWith('/_emulator/') === true) {
      res.writeHead(404, { 'content-type': 'text/plain', connection: 'close' }).end('Not Found');
      return;
    }
    misbehave(options.mode, req, res);
  });
  return listen(server);
}

function misbehave(mode: HostileMode, req: IncomingMessage, res: ServerResponse): void {
  const json = { 'content-type': 'application/json' };
  switch (mode) {
    case 'never-answers':
      return;
    case 'resets':
      req.socket.resetAndDestroy();
      return;
    case 'endless-body': {
      res.writeHead(200, json).write('{"Response":{"RequestId":"');
      const timer = setInterval(() => res.write('x'), 10);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'huge-body': {
      res.writeHead(200, { ...json, 'content-length': String(HUGE_BODY_BYTES) });
      let sent = 0;
      const more = (): void => {
        while (sent < HUGE_BODY_BYTES) {
          sent += CHUNK.length;
          if (!res.write(CHUNK)) return;
        }
        res.end();
      };
      res.on('drain', more);
      more();
      return;
    }
    case 'one-byte-per-500ms': {
      // A whole, valid HTTP answer, one byte at a time: every byte in time, the whole never.
      const body = '{"Response":{"RequestId":"5f0c2b8e-1d3a-4c6e-9b7f-2a4d6e8f0a1c"}}';
      const bytes = Buffer.from(
        `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
      );
      let at = 0;
      const timer = setInterval(() => {
        if (at >= bytes.length || req.socket.destroyed) {
          clearInterval(timer);
          req.socket.end();
          return;
        }
        req.socket.write(bytes.subarray(at, ++at));
      }, 500);
      req.socket.on('close', () => clearInterval(timer));
      return;
    }
    case 'not-http':
      req.socket.end(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x00, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef]));
      return;
    case 'redirect-loop':
      res.writeHead(302, { location: req.url ?? '/', connection: 'close' }).end();
      return;
    case 'deep-json':
      res.writeHead(200, json).end(`${'['.repeat(DEEP_JSON_LEVELS)}${']'.repeat(DEEP_JSON_LEVELS)}`);
      return;
  }
}
