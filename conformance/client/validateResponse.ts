import type { ErrorObject, ValidateFunction } from 'ajv';
import { ACTIONS, type ActionName } from '../../generated/actions.ts';
import { createAjv } from '../schema/createAjv.ts';

// One ajv instance and one compiled validator per action for the whole process: compiling is the slow part, and the
// schemas never change at run time.
const ajv = createAjv();
const validators = new Map<ActionName, ValidateFunction>();

/**
 * Problems of a parsed response body against the action's generated response schema, one sentence each; empty when
 * it conforms. Every response schema is `anyOf: [success envelope, error envelope]`; reporting every branch's errors
 * would bury the real one, so only the branch the body claims to be (by the presence of `Response.Error`, §4.4) is
 * reported.
 */
export function validateResponse(action: ActionName, body: unknown): string[] {
  let validate = validators.get(action);
  if (validate === undefined) {
    validate = ajv.compile(ACTIONS[action].response);
    validators.set(action, validate);
  }
  if (validate(body)) return [];
  const errors = validate.errors ?? [];
  return pickBranch(errors, hasErrorMember(body)).map(formatError);
}

function hasErrorMember(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('Response' in body)) return false;
  const response = body.Response;
  return typeof response === 'object' && response !== null && 'Error' in response;
}

function pickBranch(errors: readonly ErrorObject[], claimsError: boolean): ErrorObject[] {
  const branches = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const branch = /^#\/anyOf\/(\d+)\//.exec(error.schemaPath)?.[1];
    if (branch === undefined) continue;
    branches.set(branch, [...(branches.get(branch) ?? []), error]);
  }
  if (branches.size === 0) return errors.filter((error) => error.keyword !== 'anyOf');
  // A branch that rules out `Error` (`"Error": false`) is not the one an error envelope meant, and a branch that
  // requires `Error` is not the one a success envelope meant.
  const meant = [...branches.values()].filter((branchErrors) =>
    claimsError
      ? !branchErrors.some((e) => e.instancePath === '/Response/Error' && e.keyword === 'false schema')
      : !branchErrors.some((e) => e.keyword === 'required' && e.params['missingProperty'] === 'Error'),
  );
  const pool = meant.length > 0 ? meant : [...branches.values()];
  return pool.reduce((best, candidate) => (candidate.length < best.length ? candidate : best));
}

function formatError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const allowed: unknown = error.params['allowedValues'];
  const detail = Array.isArray(allowed) ? ` (${allowed.map(String).join(', ')})` : '';
  return `schema: ${where} ${error.message ?? error.keyword}${detail}`;
}
