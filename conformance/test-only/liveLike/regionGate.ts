import { errorAnswer, type Behaviour } from './LiveRequest.ts';

/**
 * A regional service: a call whose Region is not one of `regions` answers `UnsupportedRegion` (the literal `null` the
 * intl SDK sends without a region too); a call without a Region passes, as the current docs say Region is optional.
 */
export function regionGate(regions: Iterable<string>): Behaviour {
  const served = new Set(regions);
  return (request, next) => {
    const region = request.call?.region;
    return region !== undefined && !served.has(region) ? Promise.resolve(errorAnswer('UnsupportedRegion')) : next();
  };
}
