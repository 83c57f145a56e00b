import { CATALOGUE, type CatalogueInvariant } from '../../property-tests/catalogue.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';

/** The invariants a run checks, in catalogue order: a replay's one, `--only`'s, or all of them. */
export function selectInvariants(options: Pick<ConformanceOptions, 'replay' | 'only'>): CatalogueInvariant[] {
  if (options.replay !== undefined) return CATALOGUE.filter((i) => i.id === options.replay?.id);
  return options.only === undefined ? [...CATALOGUE] : CATALOGUE.filter((i) => options.only?.includes(i.id));
}
