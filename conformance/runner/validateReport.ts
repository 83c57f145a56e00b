import type { ValidateFunction } from 'ajv';
import { createAjv } from '../schema/createAjv.ts';
import { REPORT_SCHEMA } from './reportSchema.ts';

// Why compiled on first use: every `tbc` verb imports this module through the CLI, and only `tbc report` and the
// runner's own tests validate a report; `tbc --help` should not pay for a compile it never uses.
let compiled: { ajv: ReturnType<typeof createAjv>; validate: ValidateFunction } | undefined;

/** Checks a value against the published report schema; returns the problems as text, or undefined when valid. */
export function validateReport(value: unknown): string | undefined {
  if (compiled === undefined) {
    const ajv = createAjv();
    compiled = { ajv, validate: ajv.compile(REPORT_SCHEMA) };
  }
  const { ajv, validate } = compiled;
  return validate(value) ? undefined : ajv.errorsText(validate.errors);
}
