import { createAjv } from '../schema/createAjv.ts';
import { REPORT_SCHEMA } from './reportSchema.ts';

const ajv = createAjv();
const validate = ajv.compile(REPORT_SCHEMA);

/** Checks a value against the published report schema; returns the problems as text, or undefined when valid. */
export function validateReport(value: unknown): string | undefined {
  return validate(value) ? undefined : ajv.errorsText(validate.errors);
}
