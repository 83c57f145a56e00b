import { DEFAULT_REGION, DEFAULT_ZONE } from '../../generated/regions.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';

/**
 * The zone of the jobs a run submits (decision D-35): the one given, else `DEFAULT_ZONE` when the Region is the default
 * one; undefined otherwise, since which zones of a region an account can create CVMs in is the account's to say.
 */
export function zoneFor(options: Pick<ConformanceOptions, 'zone' | 'region'>): string | undefined {
  if (options.zone !== undefined) return options.zone;
  return options.region === undefined || options.region === DEFAULT_REGION ? DEFAULT_ZONE : undefined;
}
