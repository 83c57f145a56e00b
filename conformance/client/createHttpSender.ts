import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { formatBytes } from './Deadlines.ts';
import { createExchangeTimer, WAITING_FOR_BODY, WAITING_FOR_HEADERS } from './createExchangeTimer.ts';
import { keptStart, UnsendableRequest, type SendLimits, type SendOutcome, type WireSender } from './sendRequest.ts';

/**
 * The sender for a real endpoint: node:http(s) on kept-alive connections. Why not `fetch`: a run sends thousands of
 * small requests, and Fetch's Request, streams and AbortSignal cost more CPU than the call itself (measured: the
 * default catalogue over HTTP took 9.7–11.2 s with fetch, 7.2–8.9 s with this; docs/benchmarks.md). The answer is
 * decoded as Fetch's `text()` would (UTF-8, a leading BOM dropped). Idle connections do not keep the process alive.
 * Every exchange is bounded: the headers, each pause in the body and the whole exchange have deadlines, and the body
 * is not read past `maxAnswerBytes` (the socket is destroyed instead, so nothing more is buffered).
 * `tls.ca`: PEM of the CA(s) an https:// origin is trusted by instead of Node's own (like curl's `--cacert`).
 */
export function createHttpSender(
  origin: URL,
  { deadlines, maxAnswerBytes }: SendLimits,
  tls: { ca?: string } = {},
): WireSender {
  const secure = origin.protocol === 'https:';
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, ...(tls.ca === undefined ? {} : { ca: tls.ca }) })
    : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;
  return (wire) =>
    new Promise((resolve, reject) => {
      let request: ClientRequest;
      try {
        request = send(wire.url, { method: wire.method, headers: wire.headers, agent });
      } catch (error) {
        // node:http checks the method and header names and values as it builds the request.
        reject(new UnsendableRequest(`node:http refuses this request: ${(error as Error).message}`));
        return;
      }
      const timer = createExchangeTimer(deadlines, () => {
        request.destroy();
      });
      const settle = (outcome: SendOutcome): void => {
        timer.stop();
        resolve(outcome);
      };
      void timer.expired.then(settle);
      timer.phase(deadlines.headersMs, WAITING_FOR_HEADERS);
      request.on('error', (error: Error) => {
        settle({ reason: error.message, timedOut: false });
      });
      request.on('response', (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        timer.phase(deadlines.bodyIdleMs, WAITING_FOR_BODY);
        const answer = (body: Uint8Array, cutOff?: string): void => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          const read = { status: response.statusCode ?? 0, headers, body: new TextDecoder().decode(body) };
          settle({ answer: cutOff === undefined ? read : { ...read, cutOff } });
        };
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          chunks.push(chunk);
          if (size > maxAnswerBytes) {
            // Not one byte more: the connection goes, with whatever the target still meant to send.
            request.destroy();
            answer(keptStart(chunks), `the answer is larger than ${formatBytes(maxAnswerBytes)}`);
            return;
          }
          timer.phase(deadlines.bodyIdleMs, WAITING_FOR_BODY);
        });
        response.on('error', (error: Error) => {
          settle({ reason: error.message, timedOut: false });
        });
        response.on('end', () => {
          answer(Buffer.concat(chunks));
        });
      });
      request.end(wire.body);
    });
}
