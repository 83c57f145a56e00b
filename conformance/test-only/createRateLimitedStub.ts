import { randomUUID } from 'node:crypto';
import type { Implementation } from '../Implementation.ts';
import { jsonAnswer } from './createRecordingDouble.ts';

export interface RateLimitedStub {
  implementation: Implementation;
  /** Requests answered with success, and with RequestLimitExceeded. */
  readonly counts: { accepted: number; limited: number };
}

/**
 * Test and benchmark support: a server that allows `perSecond` requests in any sliding window of one second on wall
 * time and answers RequestLimitExceeded beyond it, the way a rate-limited API does (reference §1.4, §3.2). Only
 * accepted requests count towards the window.
 */
export function createRateLimitedStub(perSecond: number, now: () => number = () => performance.now()): RateLimitedStub {
  const accepted: number[] = [];
  const counts = { accepted: 0, limited: 0 };
  const implementation: Implementation = (request) => {
    // The arrival time is when the request reaches the server, before its body is read, as a real limiter sees it.
    const t = now();
    // Why read the body: a server consumes every request; this also keeps Fetch from holding the stream open.
    return request.arrayBuffer().then(() => {
      while (accepted.length > 0 && (accepted[0] ?? 0) <= t - 1000) accepted.shift();
      if (accepted.length >= perSecond) {
        counts.limited += 1;
        return jsonAnswer({
          Response: {
            Error: { Code: 'RequestLimitExceeded', Message: 'Your current request times equals to `limit`.' },
            RequestId: randomUUID(),
          },
        });
      }
      accepted.push(t);
      counts.accepted += 1;
      return jsonAnswer({ Response: { RequestId: randomUUID() } });
    });
  };
  return { implementation, counts };
}
