import { Ajv2020 } from 'ajv/dist/2020.js';

/** The spec's own keyword: which documented error code a violation of this subschema maps to. */
export const INVALID_CODE_KEYWORD = 'x-tbc-invalid-code';
/** The spec's own keyword: this subschema's constraint is a kit decision (spec/decisions.yaml), not a documented fact. */
export const DECISION_KEYWORD = 'x-tbc-decision';

/** 2^63: the first integer past int64. A double is in the int64 range when it is below this (decision D-23). */
export const INT64_END = 2 ** 63;

/**
 * One ajv configuration for every schema of generated/: JSON Schema 2020-12, strict, all errors collected.
 * `coerceTypes` is for the query and form wire forms, where every value arrives as a string (reference §2.5).
 */
export function createAjv(options: { coerceTypes?: boolean; verbose?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    coerceTypes: options.coerceTypes ?? false,
    useDefaults: false,
    // verbose: errors carry their parent schema, where the emulator reads x-tbc-invalid-code.
    verbose: options.verbose ?? false,
  });
  ajv.addKeyword({ keyword: INVALID_CODE_KEYWORD, schemaType: 'string' });
  ajv.addKeyword({ keyword: DECISION_KEYWORD, schemaType: 'string' });
  // OpenAPI's `int64` on an integer: the API's range, judged on the double a JSON number parses to (decision D-23).
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => n >= -INT64_END && n < INT64_END });
  return ajv;
}
