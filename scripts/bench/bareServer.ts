// The baseline for the throughput ratio: node:http answering a constant success envelope, nothing else. Run as a
// child process by scripts/bench-emulator.ts (`node --import tsx scripts/bench/bareServer.ts`); prints its URL.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../conformance/logger.ts';

const log = createLogger('bare');
const BODY = Buffer.from(JSON.stringify({ Response: { RequestId: '72e9a712-1fed-4b57-be72-62e71eefd4c3' } }));
const HEADERS = { 'content-type': 'application/json', 'content-length': String(BODY.length) };

// Why read the body: any server taking a POST does, so the baseline pays for it like the emulator does.
const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    res.writeHead(200, HEADERS).end(BODY);
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  log.info(`listening on http://127.0.0.1:${port}`);
});
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
