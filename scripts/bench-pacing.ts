// Pacing benchmark: 60 paced TerminateTaskInstance calls through real HTTP against a stub on 127.0.0.1 that allows
// 2 requests in any sliding second (the documented limit, reference §1.4). Prints the achieved rate as a percentage
// of the limit and how many requests the stub answered with RequestLimitExceeded.
//   npx tsx scripts/bench-pacing.ts
import { ACTIONS } from '../generated/actions.ts';
import type { Implementation } from '../conformance/Implementation.ts';
import { serveImplementation } from '../conformance/http/serveImplementation.ts';
import { createLogger } from '../conformance/logger.ts';
import { EXAMPLE_CREDENTIALS } from '../conformance/signing/Credentials.ts';
import { createRateLimitedStub } from '../conformance/test-only/createRateLimitedStub.ts';
import { createApiClient } from '../conformance/client/createApiClient.ts';

const CALLS = 60;
const LIMIT = ACTIONS.TerminateTaskInstance.rateLimitPerSecond;
const log = createLogger('bench-pacing');

const arrivals: number[] = [];
const stub = createRateLimitedStub(LIMIT);
const recording: Implementation = (request) => {
  arrivals.push(performance.now());
  return stub.implementation(request);
};
const server = await serveImplementation(recording);

const target = createApiClient({ endpoint: server.url, credentials: EXAMPLE_CREDENTIALS });
log.info(`${CALLS} paced TerminateTaskInstance calls against a ${LIMIT}/s sliding-window stub on ${server.url}`);
const started = performance.now();
const results = await Promise.all(
  Array.from({ length: CALLS }, (_, index) =>
    target.TerminateTaskInstance({ JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: index }),
  ),
);
const elapsedS = (performance.now() - started) / 1000;
await server.close();

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
