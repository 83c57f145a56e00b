import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { UnsendableRequest, type WireSender } from './sendRequest.ts';

/**
 * The sender for a real endpoint: node:http(s) on kept-alive connections. Why not `fetch`: a run sends thousands of
 * small requests, and Fetch's Request, streams and AbortSignal cost more CPU than the call itself (measured: the
 * default catalogue over HTTP took 9.7–11.2 s with fetch, 7.2–8.9 s with this; docs/benchmarks.md). The answer is
 * decoded as Fetch's `text()` would (UTF-8, a leading BOM dropped). Idle connections do not keep the process alive.
 * `tls.ca`: PEM of the CA(s) an https:// origin is trusted by instead of Node's own (like curl's `--cacert`).
 */
export function createHttpSender(origin: URL, timeoutMs: number, tls: { ca?: string } = {}): WireSender {
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
      const timer = setTimeout(() => {
        request.destroy();
        resolve({ reason: `no response within ${timeoutMs} ms` });
      }, timeoutMs);
      const fail = (error: Error): void => {
        clearTimeout(timer);
        resolve({ reason: error.message });
      };
      request.on('error', fail);
      request.on('response', (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          clearTimeout(timer);
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({
            answer: {
              status: response.statusCode ?? 0,
              headers,
              body: new TextDecoder().decode(Buffer.concat(chunks)),
            },
          });
        });
      });
      request.end(wire.body);
    });
}
