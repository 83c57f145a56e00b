import { connect } from 'node:net';
import { createServer } from 'node:tls';
import { listen, type Listening } from './listen.ts';
import type { ServerTls } from './resolveTls.ts';

/**
 * HTTPS in front of a server that speaks only HTTP (Prism): each TLS connection is decrypted and piped, byte for byte,
 * to `backend` on loopback, and the answer back. Why bytes and not HTTP: the backend then sees exactly what the client
 * sent (Host, keep-alive, pipelining), as it would without the front.
 */
export function startTlsFront(
  tls: ServerTls,
  backend: { host: string; port: number },
  options: { host?: string; port?: number } = {},
): Promise<Listening> {
  const server = createServer({ cert: tls.cert, key: tls.key }, (client) => {
    const upstream = connect(backend.port, backend.host);
    // pipe() passes each side's end on to the other, after what is still buffered.
    client.pipe(upstream).pipe(client);
    // Either side failing ends both: a half-dead pair would hold the client until its own timeout.
    const fail = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', fail);
    upstream.on('error', fail);
  });
  return listen(server, { ...options, ca: tls.ca });
}
