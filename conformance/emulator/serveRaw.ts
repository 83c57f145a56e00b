import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { answerEarly, rawHttpAnswer } from '../http/answerEarly.ts';
import { createHttpServer } from '../http/createHttpServer.ts';
import { listen, type Listening } from '../http/listen.ts';
import { resolveTls, type TlsOption } from '../http/resolveTls.ts';
import type { RawRequest, RawResponse } from '../wire/RawExchange.ts';
import { errorBody } from './envelopeBody.ts';
import { SIZE_LIMITS } from '../wire/parseApiRequest.ts';

/** Room for a 32 KB GET plus headers, so the API (not node:http) answers oversize queries. */
const MAX_HEADER_BYTES = 64 * 1024;

/** Answers at once, then reads and discards the rest of the body before closing, so the answer is not lost. */
function refuseOversize(req: IncomingMessage): void {
  answerEarly(req, {
    status: 200,
    contentType: 'application/json',
    body: errorBody('RequestSizeLimitExceeded', 'The request is too large.'),
  });
}

function write(res: ServerResponse, raw: RawResponse): void {
  // An explicit Content-Length spares chunked encoding: one write of head and body instead of four pieces. Why a flat
  // list rather than setHeader: node:http then writes the head straight from it, without its per-header map.
  const head = ['content-length', String(Buffer.byteLength(raw.body))];
  for (const name in raw.headers) head.push(name, raw.headers[name] as string);
  res.writeHead(raw.status, head).end(raw.body);
}

export interface ServeOptions {
  host?: string;
  port?: number;
  /** HTTPS: `true` with a certificate generated for loopback names, or your own; default plain HTTP. */
  tls?: TlsOption;
}

/**
 * The node:http(s) adapter around a core handler. A body past the largest limit is not kept: the answer is the
 * documented RequestSizeLimitExceeded envelope, then the rest of the body is read and discarded (within bounds) before
 * the connection closes (answerEarly). A request node:http cannot even parse (garbage bytes, headers past 64 KB) gets
 * the envelope written straight to the socket, then a close.
 */
export async function serveRaw(
  handle: (request: RawRequest) => RawResponse | Promise<RawResponse>,
  options: ServeOptions = {},
): Promise<Listening> {
  const tls = await resolveTls(options.tls);
  const server = createHttpServer(tls, { maxHeaderSize: MAX_HEADER_BYTES, keepAliveTimeout: 5_000 }, respond);

  let pending: { res: ServerResponse; raw: RawResponse }[] = [];
  function flush(): void {
    const batch = pending;
    pending = [];
    for (const { res, raw } of batch) write(res, raw);
  }
  function queue(res: ServerResponse, raw: RawResponse): void {
    if (pending.length === 0) setImmediate(flush);
    pending.push({ res, raw });
  }

  function respond(req: IncomingMessage, res: ServerResponse): void {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > SIZE_LIMITS.json) {
      refuseOversize(req);
      return;
    }
    // Events rather than an async iterator: this is the emulator's hot path, and most bodies arrive in one chunk.
    let chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > SIZE_LIMITS.json) return;
      size += chunk.length;
      if (size > SIZE_LIMITS.json) {
        chunks = []; // what was kept is no longer needed: free it while the rest is drained
        refuseOversize(req);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > SIZE_LIMITS.json) return;
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      const answer = handle({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers as Record<string, string | undefined>,
        body,
      });
      // Why not always await: a handler that answers synchronously is written out without a promise in between.
      if (answer instanceof Promise) void answer.then((raw) => write(res, raw));
      else queue(res, answer);
    });
    // No 'error' listener: when a client goes away mid-body, node:http emits 'error' on the request only if someone
    // listens (IncomingMessage's onError), and there is nobody to answer.
  }

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (socket.writable && error.code !== 'ECONNRESET') {
      const code = error.code === 'HPE_HEADER_OVERFLOW' ? 'RequestSizeLimitExceeded' : 'UnsupportedProtocol';
      const body = errorBody(code, 'The request could not be read as HTTP/1.1.');
      // end() flushes the answer, then closes.
      socket.end(rawHttpAnswer({ status: 200, contentType: 'application/json', body }));
    } else {
      socket.destroy();
    }
  });
  return listen(server, { host: options.host, port: options.port, ca: tls?.ca });
}
