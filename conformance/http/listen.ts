import type { AddressInfo, Server, Socket } from 'node:net';
import { Server as TlsServer } from 'node:tls';

/** A server listening on a loopback (or given) address. */
export interface Listening {
  /** `http://host:port` (`https://` for a TLS server), with an IPv6 host in brackets. */
  url: string;
  /** HTTPS only: PEM of the certificate(s) a client trusts to reach this server. */
  ca?: string;
  /** Drops every open connection (keep-alive ones included) and stops listening. */
  close(): Promise<void>;
}

/**
 * Listens on `host:port` (default 127.0.0.1 and a free port) and hands back the URL and a close that does not wait
 * for idle keep-alive connections. One helper for every server of the kit: the emulator's adapter, the Fetch adapter,
 * the proxy and the mock's TLS front (a TLS server's URL is `https://`). Rejects with the listen error (EADDRINUSE, EACCES, ...).
 */
export function listen(
  server: Server,
  options: { host?: string; port?: number; ca?: string } = {},
): Promise<Listening> {
  const sockets = new Set<Socket>();
  // For a TLS server 'connection' gives the TCP socket under the TLS one: destroying it ends both.
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const scheme = server instanceof TlsServer ? 'https' : 'http';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const { address, port } = server.address() as AddressInfo;
      resolve({
        url: `${scheme}://${address.includes(':') ? `[${address}]` : address}:${port}`,
        ...(options.ca === undefined ? {} : { ca: options.ca }),
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => {
              done();
            });
          }),
      });
    });
  });
}
