import type { IncomingMessage } from 'node:http';

/**
 * How long and how much an early answer keeps reading (and discarding) the request it answered. Why bounds at all: a
 * hostile client could otherwise hold the socket forever by sending slowly or without end. Why these: Apache's
 * lingering close reads for at most 30 s (MAX_SECS_TO_LINGER) and gives up after 2 s of silence (SECONDS_TO_LINGER);
 * 32 MB covers a body a few times past the API's largest limit (10 MB, reference §4.2), which is what a client that
 * writes its whole body before reading sends.
 */
export const LINGER_LIMITS: LingerLimits = { maxBytes: 32 * 1024 * 1024, maxMs: 30_000, idleMs: 2_000 };

export interface LingerLimits {
  /** Body bytes read and discarded after the answer before the connection is closed anyway. */
  readonly maxBytes: number;
  /** Time from the answer until the connection is closed anyway. */
  readonly maxMs: number;
  /** Silence (no body bytes) after which the client is taken to have stopped. */
  readonly idleMs: number;
}

export interface EarlyAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** The answer as HTTP/1.1 bytes, with `connection: close`: written to the socket as is. */
export function rawHttpAnswer(answer: EarlyAnswer): string {
  const reason = answer.status === 200 ? 'OK' : 'Error';
  return (
    `HTTP/1.1 ${answer.status} ${reason}\r\ncontent-type: ${answer.contentType}\r\n` +
    `content-length: ${Buffer.byteLength(answer.body)}\r\nconnection: close\r\n\r\n${answer.body}`
  );
}

/**
 * Answers a request whose body has not been (fully) read, without losing the answer. Closing a socket with the
 * client's bytes still unread makes the kernel send a TCP reset, which throws away the answer before a client that
 * writes its whole body first (Node's fetch) reads it. So, as RFC 9112 §9.6 describes and Apache's lingering close
 * does: write the answer with `connection: close`, half-close (our FIN), keep reading and discarding the body, and
 * close once the client has sent it all, gone quiet, or passed the bounds.
 *
 * Why the answer is written to the socket and not through `ServerResponse`: node:http closes a `connection: close`
 * response's socket as soon as the answer is flushed (`destroySoon`), whatever is still unread, which is the reset
 * this avoids. The server's sockets allow half-open connections (node:http sets `allowHalfOpen`), so reading goes on
 * after our FIN, and the request's own 'data' and 'end' events say what arrived.
 */
export function answerEarly(req: IncomingMessage, answer: EarlyAnswer, limits: LingerLimits = LINGER_LIMITS): void {
  const socket = req.socket;
  socket.end(rawHttpAnswer(answer));
  let drained = 0;
  let idle: NodeJS.Timeout | undefined;
  const close = (): void => {
    clearTimeout(total);
    clearTimeout(idle);
    socket.destroy();
  };
  // Unref'd: the socket keeps the process alive while it is open; these timers alone must not.
  const total = setTimeout(close, limits.maxMs).unref();
  const stillAlive = (): void => {
    clearTimeout(idle);
    idle = setTimeout(close, limits.idleMs).unref();
  };
  stillAlive();
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > limits.maxBytes) close();
    else stillAlive();
  });
  // The whole body is in: nothing is left unread, so closing now sends no reset.
  req.on('end', close);
  // A client that goes away mid-body ends the drain too (and its 'error' needs a listener, or it would be thrown).
  req.on('error', close);
  socket.once('close', () => {
    clearTimeout(total);
    clearTimeout(idle);
  });
  req.resume();
}
