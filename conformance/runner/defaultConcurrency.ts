import { availableParallelism } from 'node:os';
import type { RunnerProfile } from '../../generated/reportTypes.ts';
import { isLive } from './runnerProfiles.ts';

/**
 * One invariant at a time on live profiles (the documented rate limits are shared by everything the run sends);
 * elsewhere one per CPU, at least 2 (a run waits on its target as much as it computes), at most 8.
 */
export function defaultConcurrency(profile: RunnerProfile): number {
  return isLive(profile) ? 1 : Math.min(8, Math.max(2, availableParallelism()));
}
