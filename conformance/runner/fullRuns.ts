import type { ConformanceOptions, Shard } from './ConformanceOptions.ts';

/** The runs one invariant gets in this shard. */
export function fullRuns(options: Pick<ConformanceOptions, 'runs'>, shard: Shard): number {
  return Math.max(1, Math.ceil(options.runs / shard.count));
}
