import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { ServerTls } from './resolveTls.ts';

/** A node:http server, or node:https when `tls` is given: the same handler and options either way. */
export function createHttpServer(
  tls: ServerTls | undefined,
  options: ServerOptions,
  handler: RequestListener,
): Server | HttpsServer {
  return tls === undefined
    ? createServer(options, handler)
    : createHttpsServer({ ...options, cert: tls.cert, key: tls.key }, handler);
}
