// Pacing benchmark: 60 paced TerminateTaskInstance calls through real HTTP against a stub on 127.0.0.1 that allows
// 2 requests in any sliding second (the documented limit, reference §1.4). Prints the achieved rate as a percentage
// of the limit and how many requests the stub answered with RequestLimitExceeded.
//   npx tsx scripts/bench-pacing.ts
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACTIONS } from '../generated/actions.ts';
import type { Implementation } from '../conformance/Implementation.ts';
import { createLogger } from '../conformance/logger.ts';
import { EXAMPLE_CREDENTIALS } from '../conformance/signing/Credentials.ts';
import { createRateLimitedStub } from '../conformance/target/createRateLimitedStub.ts';
import { createTarget } from '../conformance/target/createTarget.ts';

const CALLS = 60;
const LIMIT = ACTIONS.TerminateTaskInstance.rateLimitPerSecond;
const log = createLogger('bench-pacing');

/** The thinnest node:http adapter around an Implementation: plain request in, Fetch Response out. */
function serve(implementation: Implementation) {
  return (message: IncomingMessage, response: ServerResponse): void => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(message.headers)) {
        if (typeof value === 'string') headers.set(name, value);
      }
      const method = message.method ?? 'GET';
      const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
      const request = new Request(`http://${message.headers.host ?? '127.0.0.1'}${message.url ?? '/'}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      void implementation(request).then(async (answer) => {
        response.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
        response.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
  };
}

const arrivals: number[] = [];
const stub = createRateLimitedStub(LIMIT);
const recording: Implementation = (request) => {
  arrivals.push(performance.now());
  return stub.implementation(request);
};
const server = createServer(serve(recording));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

const target = createTarget({ endpoint: `http://127.0.0.1:${port}`, credentials: EXAMPLE_CREDENTIALS });
log.info(`${CALLS} paced TerminateTaskInstance calls against a ${LIMIT}/s sliding-window stub on 127.0.0.1:${port}`);
const started = performance.now();
const results = await Promise.all(
  Array.from({ length: CALLS }, (_, index) =>
    target.TerminateTaskInstance({ JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: index }),
  ),
);
const elapsedS = (performance.now() - started) / 1000;
await new Promise<void>((resolve) =>
  server.close(() => {
    resolve();
  }),
);

const first = arrivals[0] ?? 0;
const last = arrivals.at(-1) ?? 0;
// Rate over the span the server saw: n requests make n - 1 intervals.
const achieved = (arrivals.length - 1) / ((last - first) / 1000);
const kinds = results.reduce<Record<string, number>>((count, result) => {
  count[result.kind] = (count[result.kind] ?? 0) + 1;
  return count;
}, {});
const retries = results.reduce((sum, result) => sum + result.retries, 0);
log.info(
  `requests received: ${arrivals.length} in ${((last - first) / 1000).toFixed(2)} s (wall ${elapsedS.toFixed(2)} s)`,
);
log.info(
  `achieved rate: ${achieved.toFixed(3)}/s = ${((achieved / LIMIT) * 100).toFixed(1)} % of the ${LIMIT}/s limit`,
);
log.info(`RequestLimitExceeded answered by the stub: ${stub.counts.limited}; client retries: ${retries}`);
log.info(
  `results: ${Object.entries(kinds)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ')}`,
);
