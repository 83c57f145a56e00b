import type { ActionName } from '../../../generated/actions.ts';
import { createRateLimiter } from '../../emulator/createRateLimiter.ts';
import { errorAnswer, type Behaviour } from './LiveRequest.ts';

/**
 * Rate limits counted on the WALL clock, a sliding second per action and SecretId (`RequestLimitExceeded`), whatever
 * clock the jobs live on: a limiter on a sped-up job clock would let a paced client through too easily.
 */
export function wallClockLimit(limits: Partial<Record<ActionName, number>>): Behaviour {
  const limiter = createRateLimiter((action) => limits[action as ActionName]);
  return (request, next) => {
    const { call } = request;
    if (call === undefined || limiter.allow(call.action, call.secretId, request.arrival)) return next();
    return Promise.resolve(errorAnswer('RequestLimitExceeded'));
  };
}
