import type { ErrorObject, ValidateFunction } from 'ajv';
import { isUtf8 } from 'node:buffer';
import { ACTIONS, type ActionName } from '../../generated/actions.ts';
import type { ErrorCode } from '../../generated/errorCodes.ts';
import { INVALID_CODE_KEYWORD, createAjv } from '../schema/createAjv.ts';
import type { ApiRequest } from './parseApiRequest.ts';
import { findIntegerParams, readFlatIntegers } from './readFlatIntegers.ts';
import { unflattenParams } from './unflattenParams.ts';

export type ParamsOutcome = { ok: true; params: unknown } | { ok: false; code: ErrorCode; message: string };

export interface ParamValidator {
  /** Parameters decoded from a JSON body: types must already be right (a string "0" is not an integer). */
  json(value: unknown): ParamsOutcome;
  /**
   * Flat `name=value` parameters (GET, v1 form): integers read strictly (readFlatIntegers), rebuilt, then coerced by
   * the schema, since all arrive as strings.
   */
  flat(params: Readonly<Record<string, string>>): ParamsOutcome;
}

function paramName(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').filter((p) => p !== '');
  if (child !== undefined) parts.push(child);
  return parts.join('.');
}

/**
 * Which documented code a schema violation maps to (reference §3.2), with its rank when several apply: a missing
 * parameter first, then an unknown one, a spec-specific code (x-tbc-invalid-code), a wrong type, a wrong value.
 */
function classify(e: ErrorObject): { rank: number; code: ErrorCode; message: string } {
  const name = paramName(e.instancePath);
  const parent: unknown = e.parentSchema;
  const specific =
    typeof parent === 'object' && parent !== null
      ? (parent as Record<string, unknown>)[INVALID_CODE_KEYWORD]
      : undefined;
  if (e.keyword === 'required') {
    const missing = paramName(e.instancePath, (e.params as { missingProperty: string }).missingProperty);
    return { rank: 0, code: 'MissingParameter', message: `The parameter ${missing} is missing.` };
  }
  if (e.keyword === 'additionalProperties') {
    const extra = paramName(e.instancePath, (e.params as { additionalProperty: string }).additionalProperty);
    return { rank: 1, code: 'UnknownParameter', message: `The parameter ${extra} is not recognized.` };
  }
  if (e.keyword === 'type') {
    return {
      rank: 3,
      code: 'InvalidParameter',
      message: `The parameter ${name || '(body)'} ${e.message ?? 'has the wrong type'}.`,
    };
  }
  if (typeof specific === 'string') {
    return { rank: 2, code: specific as ErrorCode, message: `The parameter ${name} is invalid: ${e.message ?? ''}.` };
  }
  return {
    rank: 4,
    code: 'InvalidParameterValue',
    message: `The parameter ${name} ${e.message ?? 'has a wrong value'}.`,
  };
}

/**
 * Maps ajv's errors to the one code the API answers with. Errors inside `oneOf`/`anyOf` branches are dropped: the
 * branch failures only explain the composite's own error, which carries the meaning (e.g. "exactly one of
 * ComputeEnv and EnvId").
 */
function toOutcome(errors: readonly ErrorObject[]): ParamsOutcome {
  let best: { rank: number; code: ErrorCode; message: string } | undefined;
  for (const e of errors) {
    if (/\/(oneOf|anyOf)\/\d+\//.test(e.schemaPath)) continue;
    const c = classify(e);
    if (best === undefined || c.rank < best.rank) best = c;
  }
  const chosen = best ?? { code: 'InvalidParameter' as const, message: 'The parameters are invalid.' };
  return { ok: false, code: chosen.code, message: chosen.message };
}

export function createParamValidators(): Record<ActionName, ParamValidator> {
  const strict = createAjv({ verbose: true });
  const coercing = createAjv({ verbose: true, coerceTypes: true });
  const build = (action: ActionName): ParamValidator => {
    const schema = ACTIONS[action].request;
    const validateJson: ValidateFunction = strict.compile(schema);
    const validateFlat: ValidateFunction = coercing.compile(schema);
    const integers = findIntegerParams(schema);
    return {
      json(value) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          return { ok: false, code: 'InvalidParameter', message: 'The request body must be a JSON object.' };
        }
        return validateJson(value) ? { ok: true, params: value } : toOutcome(validateJson.errors ?? []);
      },
      flat(params) {
        const rebuilt = unflattenParams(readFlatIntegers(params, integers));
        if (!rebuilt.ok)
          return { ok: false, code: 'InvalidParameter', message: `The parameter ${rebuilt.name} ${rebuilt.reason}.` };
        return validateFlat(rebuilt.value) ? { ok: true, params: rebuilt.value } : toOutcome(validateFlat.errors ?? []);
      },
    };
  };
  return Object.fromEntries(Object.keys(ACTIONS).map((a) => [a, build(a as ActionName)])) as Record<
    ActionName,
    ParamValidator
  >;
}

let shared: Record<ActionName, ParamValidator> | undefined;

/**
 * The validators every emulator and the proxy use, compiled on first use and kept for the process: compiling the
 * schemas is the slow part of creating an emulator, and the schemas are static. Sharing is safe because a validator
 * keeps no state between calls (ajv's `.errors` is read at once, inside the same call).
 */
export function paramValidators(): Record<ActionName, ParamValidator> {
  shared ??= createParamValidators();
  return shared;
}

/** Reads a TC3 JSON body as the API does: strict UTF-8, then JSON (anything else is InvalidParameter). */
export function parseJsonBody(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  if (!isUtf8(body)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The business parameters of a request, validated, and what was sent when it could be read at all. */
export interface PayloadReading {
  outcome: ParamsOutcome;
  /** The parameters as sent: the JSON value of a TC3 POST body, or the flat pairs of a query or form. */
  sent: unknown;
}

/**
 * Reads and validates the business parameters of a parsed request (parseApiRequest) the way the API does: flat pairs
 * through the coercing validator; a TC3 POST body only as `application/json`, then strict UTF-8 JSON, then the strict
 * validator. Anything unreadable is InvalidParameter.
 */
export function readPayload(action: ActionName, payload: ApiRequest['payload']): PayloadReading {
  const validator = paramValidators()[action];
  if (payload.form === 'flat') return { outcome: validator.flat(payload.params), sent: payload.params };
  if (payload.contentType !== 'application/json') {
    const message = `Content-Type ${payload.contentType || '(none)'} is not supported with TC3 POST; use application/json.`;
    return { outcome: { ok: false, code: 'InvalidParameter', message }, sent: undefined };
  }
  const body = parseJsonBody(payload.body);
  if (!body.ok) {
    const message = 'The request body is not valid UTF-8 JSON.';
    return { outcome: { ok: false, code: 'InvalidParameter', message }, sent: undefined };
  }
  return { outcome: validator.json(body.value), sent: body.value };
}
