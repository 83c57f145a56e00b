import type { Expectation } from './Expectation.ts';

/**
 * A broken promise of the API, found while a property runs: which expectation, and what was seen. Thrown inside a
 * property (fast-check's idiom for a failing predicate) and turned into a Finding, as data, before it leaves the
 * invariant.
 */
export class Violation extends Error {
  override readonly name = 'Violation';
  constructor(
    message: string,
    readonly expectation: Expectation,
  ) {
    super(message);
  }
}

/** The run cannot go on for a reason that is not the target's fault (e.g. the --max-jobs budget is spent). */
export class RunSkipped extends Error {
  override readonly name = 'RunSkipped';
}

/**
 * The run cannot set up its situation because a supporting call is unusable (SubmitJob refused, an answer that
 * cannot be read). Not this invariant's fault: it is `blocked`, pointing at the invariant that owns the cause when
 * one does.
 */
export class Blocked extends Error {
  override readonly name = 'Blocked';
  constructor(
    message: string,
    /** The invariant whose facts the cause breaks (e.g. TTI-10 for an unreadable answer), when one does. */
    readonly owner?: string,
  ) {
    super(message);
  }
}
