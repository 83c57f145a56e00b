/**
 * A broken promise of the API, found while a property runs. Thrown inside a property (fast-check's idiom for a
 * failing predicate) and turned into a Finding, as data, before it leaves the invariant.
 */
export class Violation extends Error {
  override readonly name = 'Violation';
}

/** The run cannot go on for a reason that is not the target's fault (e.g. the --max-jobs budget is spent). */
export class RunSkipped extends Error {
  override readonly name = 'RunSkipped';
}
