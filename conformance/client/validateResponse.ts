import type { ErrorObject, ValidateFunction } from 'ajv';
import { ACTIONS, type ActionName } from '../../generated/actions.ts';
import type { DecisionId } from '../../generated/decisions.ts';
import { DECISION_KEYWORD, createAjv } from '../schema/createAjv.ts';

// One ajv instance and one compiled validator per action for the whole process: compiling is the slow part, and the
// schemas never change at run time. `verbose` gives each error its parent schema, where x-tbc-decision stands.
const ajv = createAjv({ verbose: true });
const validators = new Map<ActionName, ValidateFunction>();

/** One way a parsed answer differs from the action's response schema. */
export interface SchemaProblem {
  /** JSON Pointer of the offending value, e.g. `/Response/TaskInstanceSet/0/ExitCode`. */
  path: string;
  /** The ajv keyword that failed (`required`, `type`, `pattern`, ...). */
  keyword: string;
  message: string;
  /** The kit decision behind the failed constraint (x-tbc-decision), when it is one. */
  decision?: DecisionId;
}

/**
 * Problems of a parsed response body against the action's generated response schema, empty when it conforms. Every
 * response schema is `anyOf: [success envelope, error envelope]`; reporting every branch's errors would bury the real
 * one, so only the branch the body claims to be (by the presence of `Response.Error`, §4.4) is reported. Fields the
 * schema does not know are not problems: a newer API version may add some.
 */
export function validateResponse(action: ActionName, body: unknown): SchemaProblem[] {
  let validate = validators.get(action);
  if (validate === undefined) {
    validate = ajv.compile(ACTIONS[action].response);
    validators.set(action, validate);
  }
  if (validate(body)) return [];
  const errors = pickBranch(validate.errors ?? [], hasErrorMember(body));
  return errors.filter((e) => e.keyword !== 'additionalProperties' && e.keyword !== 'false schema').map(toProblem);
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

function toProblem(error: ErrorObject): SchemaProblem {
  const missing = error.keyword === 'required' ? `/${String(error.params['missingProperty'])}` : '';
  const path = `${error.instancePath}${missing}`;
  const allowed: unknown = error.params['allowedValues'];
  const detail = Array.isArray(allowed) ? ` (${allowed.map(String).join(', ')})` : '';
  const parent: unknown = error.parentSchema;
  const decision =
    typeof parent === 'object' && parent !== null ? (parent as Record<string, unknown>)[DECISION_KEYWORD] : undefined;
  return {
    path,
    keyword: error.keyword,
    message: `${error.instancePath === '' ? '(root)' : error.instancePath} ${error.message ?? error.keyword}${detail}`,
    ...(typeof decision === 'string' ? { decision: decision as DecisionId } : {}),
  };
}
