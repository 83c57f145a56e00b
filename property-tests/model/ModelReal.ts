import type { Expectation } from '../Expectation.ts';
import type { Harness } from '../Harness.ts';

/** The expectations TTI-MODEL checks, by key (declared, with their provenance, in invariants/ttiModel.ts). */
export type ModelExpectationKey = 'answer' | 'failedEndsFailed' | 'neverSucceed' | 'finalStays' | 'listing';

/** What a model command runs against: the harness, and the expectations it checks through it. */
export interface ModelReal {
  h: Harness;
  expect: Readonly<Record<ModelExpectationKey, Expectation>>;
}
