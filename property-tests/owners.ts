/**
 * The invariants that own the envelope facts every answer is judged on (client/CallResult.ts EnvelopeFact): a break
 * anywhere is reported once, by its owner; an invariant that cannot set up because of it is `blocked`, pointing here.
 * A test checks these ids against the catalogue.
 */
export const ENVELOPE_OWNER = 'TTI-10';
export const REQUEST_ID_FORMAT_OWNER = 'TTI-11';
/** DescribeTask listing every instance of a task the run submitted is part of what TTI-MODEL checks. */
export const LISTING_OWNER = 'TTI-MODEL';
