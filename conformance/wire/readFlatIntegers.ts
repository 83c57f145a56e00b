import { INT64_END } from '../schema/createAjv.ts';

/** Where an integer sits in a request schema: a flat name with every list index as `#`, and its format. */
export type IntegerParams = ReadonlyMap<string, string | undefined>;

/** "Decimal digits with an optional leading minus, nothing else" (decision D-22). */
const INTEGER_TEXT = /^-?[0-9]+$/;
const LIST_INDEX = /(^|\.)[0-9]+(?=\.|$)/g;
/** The largest double below 2^63: where an in-range int64 past it lands (decision D-23). */
const LARGEST_INT64_DOUBLE = 9223372036854774784;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Every integer parameter of a (dereferenced) request schema, keyed as a flat wire name with its list indexes as `#`
 * (`TaskInstanceIndex`, `Job.Tasks.#.TaskInstanceNum`). Branches of oneOf/anyOf/allOf count too.
 */
export function findIntegerParams(schema: unknown, path = '', found = new Map<string, string | undefined>()) {
  if (typeof schema !== 'object' || schema === null) return found;
  const node = schema as Record<string, unknown>;
  const types = Array.isArray(node['type']) ? (node['type'] as unknown[]) : [node['type']];
  if (types.includes('integer')) found.set(path, typeof node['format'] === 'string' ? node['format'] : undefined);
  const properties = node['properties'];
  if (typeof properties === 'object' && properties !== null) {
    for (const [name, child] of Object.entries(properties))
      findIntegerParams(child, path ? `${path}.${name}` : name, found);
  }
  if (node['items'] !== undefined) findIntegerParams(node['items'], `${path}.#`, found);
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    const branches = node[key];
    if (Array.isArray(branches)) for (const branch of branches) findIntegerParams(branch, path, found);
  }
  return found;
}

/**
 * Integers in a query or form arrive as text (reference §2.5). Why not let the schema coerce them: ajv reads any
 * text JavaScript's `Number` accepts (`0x1`, ` 1`, `1e0`) as a number, so such a value would name instance 1. Here
 * each integer parameter is rewritten before validation: valid decimal text becomes the canonical decimal of the
 * number it names (an int64 past 2^63−1 in JavaScript's reach: D-23), anything else becomes the empty text, which
 * the schema refuses as the wrong type (InvalidParameter, D-22). Returns `params` itself when nothing is an integer.
 */
export function readFlatIntegers(
  params: Readonly<Record<string, string>>,
  integers: IntegerParams,
): Readonly<Record<string, string>> {
  let out: Record<string, string> | undefined;
  for (const name in params) {
    const key = name.includes('.') ? name.replace(LIST_INDEX, '$1#') : name;
    if (!integers.has(key)) continue;
    out ??= { ...params };
    out[name] = canonical(params[name] as string, integers.get(key));
  }
  return out ?? params;
}

function canonical(text: string, format: string | undefined): string {
  if (!INTEGER_TEXT.test(text)) return '';
  if (format !== 'int64') return String(Number(text));
  const exact = BigInt(text);
  // Out of range: numbers the int64 format refuses, so the answer is InvalidParameterValue as for JSON.
  if (exact > INT64_MAX) return String(INT64_END);
  if (exact < INT64_MIN) return String(-INT64_END - 2048);
  return String(Math.max(-INT64_END, Math.min(LARGEST_INT64_DOUBLE, Number(exact))));
}
