import type { Provenance } from './Provenance.ts';

/**
 * One thing an invariant asserts, with where it comes from. Invariants declare theirs (defineInvariant's
 * `expectations`) and check each through `Harness.check`, so every failure names its provenance and a target that
 * differs only from a kit decision is reported as an observation.
 */
export interface Expectation {
  /** `TTI-07.code`: the invariant id and the expectation's key, stable like the ids. */
  id: string;
  /** What is expected, in one sentence. */
  statement: string;
  provenance: Provenance;
}
