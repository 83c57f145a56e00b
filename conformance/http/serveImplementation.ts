import { createServer } from 'node:http';
import { listen, type Listening } from './listen.ts';
import type { Implementation } from '../Implementation.ts';

/**
 * Serves any Fetch Implementation on 127.0.0.1 (a broken double, a recording wrapper), so CLI runs and clients
 * that need a URL can talk to it. The emulator has its own faster adapter over plain data (serveRaw).
 */
export function serveImplementation(implementation: Implementation, port = 0): Promise<Listening> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const method = req.method ?? 'GET';
      const body = chunks.length === 0 || method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
      void implementation(
        new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, { method, headers, body }),
      )
        .then(async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch(() => {
          res.destroy();
        });
    });
  });
  return listen(server, { port });
}
