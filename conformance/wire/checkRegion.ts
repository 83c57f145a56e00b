import { REGION_RULES } from '../../generated/regions.ts';
import type { DocRevision } from '../../generated/transitions.ts';

/** Why a request's Region is refused, and the code the API answers (decision D-19). */
export interface RegionProblem {
  code: 'MissingParameter' | 'UnsupportedRegion';
  message: string;
}

export type RegionCheck = (
  region: string | undefined,
  docRevision: DocRevision,
  /** The parameter's name on this wire form: `X-TC-Region` (TC3) or `Region` (v1). */
  name: string,
) => RegionProblem | undefined;

/**
 * The Region rule of spec/common.yaml (`x-tbc-regions`, decisions D-04, D-19, D-20): under a revision that requires
 * Region, a missing one is `MissingParameter`; an empty one is `MissingParameter` under every revision; one that is
 * not a Batch region of the revision (nor one of `extraRegions`) is `UnsupportedRegion`. Exact and case-sensitive,
 * so the intl-en SDK's literal `null` is refused. The sets are built once: this runs on every emulated request.
 */
export function createRegionCheck(extraRegions: readonly string[] = []): RegionCheck {
  const acceptedBy = (revision: DocRevision): ReadonlySet<string> =>
    new Set([...REGION_RULES[revision].regions, ...extraRegions]);
  const accepted: Record<DocRevision, ReadonlySet<string>> = {
    seed: acceptedBy('seed'),
    current: acceptedBy('current'),
  };
  return (region, docRevision, name) => {
    if (region === undefined) {
      if (!REGION_RULES[docRevision].required) return undefined;
      return {
        code: 'MissingParameter',
        message: `${name} is missing; doc revision ${docRevision} requires Region (the seed's table: "Region | Yes"; the current page says optional: --doc-revision current)`,
      };
    }
    if (region === '') return { code: 'MissingParameter', message: `${name} is empty` };
    if (accepted[docRevision].has(region)) return undefined;
    return {
      code: 'UnsupportedRegion',
      message: `${name} "${region}" is not a Batch region (${[...accepted[docRevision]].join(', ')})`,
    };
  };
}

/** The check with the spec's regions only: what `tbc client-check` and `tbc proxy` apply. */
export const checkRegion: RegionCheck = createRegionCheck();
