import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A server listening on a loopback (or given) address. */
export interface Listening {
  /** `http://host:port`, with an IPv6 host in brackets. */
  url: string;
  /** Drops every open connection (keep-alive ones included) and stops listening. */
  close(): Promise<void>;
}

/**
 * Listens on `host:port` (default 127.0.0.1 and a free port) and hands back the URL and a close that does not wait
 * for idle keep-alive connections. One helper for every server of the kit: the emulator's adapter, the Fetch adapter
 * and the proxy. Rejects with the listen error (EADDRINUSE, EACCES, ...).
 */
export function listen(server: Server, options: { host?: string; port?: number } = {}): Promise<Listening> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const { address, port } = server.address() as AddressInfo;
      resolve({
        url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
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
