import type { ValidateFunction } from 'ajv';
import { createAjv } from '../schema/createAjv.ts';
import REPORT_SCHEMA from './report.schema.json' with { type: 'json' };

// Why compiled on first use: every `tbc` verb imports this module through the CLI, and only `tbc report` and the
// runner's own tests validate a report; `tbc --help` should not pay for a compile it never uses.
let compiled: { ajv: ReturnType<typeof createAjv>; validate: ValidateFunction; replay: ValidateFunction } | undefined;

function validators(): NonNullable<typeof compiled> {
  if (compiled === undefined) {
    const ajv = createAjv();
    ajv.addSchema(REPORT_SCHEMA);
    compiled = {
      ajv,
      validate: ajv.getSchema(REPORT_SCHEMA.$id) as ValidateFunction,
      replay: ajv.compile({ $ref: `${REPORT_SCHEMA.$id}#/$defs/ReplayData` }),
    };
  }
  return compiled;
}

/**
 * Checks a value against the published report schema (report.schema.json); returns the problems as text, or
 * undefined when valid.
 */
export function validateReport(value: unknown): string | undefined {
  const { ajv, validate } = validators();
  return validate(value) ? undefined : ajv.errorsText(validate.errors);
}

/** Checks the replay data of a replay file or report (the schema's ReplayData), so a hand-edited file fails cleanly. */
export function validateReplayData(value: unknown): string | undefined {
  const { ajv, replay } = validators();
  return replay(value) ? undefined : ajv.errorsText(replay.errors);
}
