import { setTimeout as sleep } from 'node:timers/promises';
import type { Behaviour } from './LiveRequest.ts';

/**
 * A random delay of up to `maxMs` added to every answer, as a network and a busy service add. `pause` waits that long
 * (tests pass one that records instead).
 */
export function latency(
  maxMs: number,
  random: () => number,
  pause: (ms: number) => Promise<unknown> = sleep,
): Behaviour {
  return async (_request, next) => {
    const answer = await next();
    const delay = maxMs * random();
    if (delay > 0) await pause(delay);
    return answer;
  };
}
