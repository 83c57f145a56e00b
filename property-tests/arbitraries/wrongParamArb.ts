import type { ErrorCode } from '../../generated/errorCodes.ts';
import fc from 'fast-check';
import { ACTIONS } from '../../generated/actions.ts';

type Params = Record<string, unknown>;
/** `expect` lists the codes allowed for the mutation; TTI-12 names the expectation (and its provenance) by `kind`. */
export type Mutation =
  | { kind: 'missing'; name: string; expect: readonly ErrorCode[] }
  | { kind: 'wrong-type'; name: string; value: unknown; expect: readonly ErrorCode[] }
  | { kind: 'wrong-value'; name: string; value: unknown; expect: readonly ErrorCode[] }
  | { kind: 'extra'; name: string; value: unknown; expect: readonly ErrorCode[] };
export type MutationKind = Mutation['kind'];

const request = ACTIONS.TerminateTaskInstance.request;
const REQUIRED = request.required as readonly string[];
const PROPERTIES = request.properties as Record<string, { type: string; maximum?: number; minimum?: number }>;

/** Values of every JSON type but `type` (type confusion: the index as a string, a float, a boolean, ...). */
function wrongTypeValues(type: string): fc.Arbitrary<unknown> {
  const byType: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.string(),
    integer: fc.integer(),
    boolean: fc.boolean(),
    null: fc.constant(null),
    array: fc.array(fc.integer(), { maxLength: 2 }),
    object: fc.constant({}),
  };
  const others = Object.entries(byType)
    .filter(([t]) => t !== type && !(type === 'integer' && t === 'integer'))
    .map(([, arb]) => arb);
  // An integer field also rejects floats; a string field also rejects numbers given as numbers.
  if (type === 'integer')
    others.push(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)));
  return fc.oneof(...others);
}

/**
 * One deliberate defect applied to a valid TerminateTaskInstance request, derived from the request schema: drop a
 * required parameter (MissingParameter), give a parameter a value of another JSON type (InvalidParameter), an
 * out-of-range value (InvalidParameterValue), or add a parameter the action does not have (UnknownParameter).
 * `expect` lists the codes the seed's input-parameter table allows for it.
 */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...REQUIRED).map((name): Mutation => ({ kind: 'missing', name, expect: ['MissingParameter'] })),
  fc.constantFrom(...REQUIRED).chain((name) =>
    wrongTypeValues(PROPERTIES[name]?.type ?? 'string').map((value): Mutation => ({
      kind: 'wrong-type',
      name,
      value,
      expect: ['InvalidParameter', 'InvalidParameterValue'],
    })),
  ),
  fc
    // Out of the int64 range of TaskInstanceIndex (decision D-03); 2^63 is the first double past it.
    .oneof(fc.integer({ min: -(2 ** 31), max: -1 }), fc.constantFrom(-1, 2 ** 63, 2 ** 64, 1e300))
    .map((value): Mutation => ({
      kind: 'wrong-value',
      name: 'TaskInstanceIndex',
      value,
      expect: ['InvalidParameter', 'InvalidParameterValue'],
    })),
  fc
    .tuple(fc.constantFrom('Force', 'JobIds', 'TaskInstanceIndexes', 'Region', 'jobId'), fc.jsonValue())
    .map(([name, value]): Mutation => ({
      kind: 'extra',
      name,
      value,
      expect: ['UnknownParameter', 'InvalidParameter'],
    })),
);

export function applyMutation(valid: Params, m: Mutation): Params {
  if (m.kind === 'missing') return Object.fromEntries(Object.entries(valid).filter(([name]) => name !== m.name));
  return { ...valid, [m.name]: m.value };
}
