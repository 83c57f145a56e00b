import { ACTIONS, isActionName } from '../../generated/actions.ts';
import { ERROR_CODES } from '../../generated/errorCodes.ts';
import { mediaTypeOf } from '../wire/decodeParams.ts';
import type { ActionErrorCode, EnvelopeBreak, SuccessData } from './CallResult.ts';
import { validateResponse } from './validateResponse.ts';
import { MAX_ANSWER_DEPTH } from './Deadlines.ts';

/**
 * `RequestId: lowercase 8-4-4-4-12 hex UUID in every example` (reference §2.7), the `RequestId` pattern of
 * spec/common.yaml (decision D-13). Checked here for actions without a generated schema; a known action's schema
 * carries the same pattern.
 */
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type ReadAnswer<A extends string> =
  | { kind: 'success'; data: SuccessData<A>; requestId: string | undefined; breaks: EnvelopeBreak[] }
  | {
      kind: 'error';
      code: ActionErrorCode<A> | (string & {});
      message: string | undefined;
      requestId: string | undefined;
      breaks: EnvelopeBreak[];
    }
  | { kind: 'unreadable'; breaks: EnvelopeBreak[]; body?: unknown };

/** Whether parsed JSON nests deeper than `limit` arrays and objects; iterative, so any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Tolerant reader, strict judge: reads the code or the data out of every answer it can parse — whatever its status,
 * Content-Type or envelope — and lists every envelope rule the answer breaks (reference §4.4), so that each break is
 * judged once, by the invariant that owns it, while everyone else gets on with the data. Only an answer with neither
 * a readable `Response` nor a readable `Error.Code` is `unreadable`.
 */
export function readResponse<A extends string>(
  action: A,
  status: number,
  contentType: string | undefined,
  bodyText: string,
  /** Why the body was not read to its end (larger than the cap): the answer is then unreadable, whatever it starts with. */
  cutOff?: string,
): ReadAnswer<A> {
  const breaks: EnvelopeBreak[] = [];
  const add = (fact: EnvelopeBreak['fact'], message: string, decision?: EnvelopeBreak['decision']): void => {
    breaks.push(decision === undefined ? { fact, message } : { fact, message, decision });
  };
  if (status !== 200)
    add(
      'http-status',
      `HTTP status ${status}; every API answer, errors included, is HTTP 200 (reference §4.4)`,
      'D-16',
    );
  if (mediaTypeOf(contentType) !== 'application/json') {
    add(
      'content-type',
      `Content-Type is ${contentType === undefined ? 'missing' : `"${contentType}"`}, not application/json`,
    );
  }
  if (cutOff !== undefined) {
    add('response-object', `${cutOff}: not read past that`);
    return { kind: 'unreadable', breaks };
  }
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    add('response-object', 'the body is not JSON');
    return { kind: 'unreadable', breaks };
  }
  // Nothing downstream (validation, redaction, reports) recurses into an answer deeper than this.
  if (nestsDeeperThan(body, MAX_ANSWER_DEPTH)) {
    add('response-object', `the body nests deeper than ${MAX_ANSWER_DEPTH} levels: not read`);
    return { kind: 'unreadable', breaks };
  }
  const response = isRecord(body) ? body['Response'] : undefined;
  if (!isRecord(response)) {
    add('response-object', 'the body has no "Response" object (wrong envelope)');
    return { kind: 'unreadable', breaks, body };
  }

  const rawRequestId = response['RequestId'];
  const requestId = typeof rawRequestId === 'string' ? rawRequestId : undefined;
  if (requestId === undefined) add('request-id-present', 'Response.RequestId is missing or not a string');
  else if (!REQUEST_ID.test(requestId)) {
    add('request-id-format', `Response.RequestId "${requestId}" is not a lowercase UUID`, 'D-13');
  }

  const known = isActionName(action);
  const error = response['Error'];
  let code: string | undefined;
  let message: string | undefined;
  if (error !== undefined) {
    code = isRecord(error) && typeof error['Code'] === 'string' ? error['Code'] : undefined;
    message = isRecord(error) && typeof error['Message'] === 'string' ? error['Message'] : undefined;
    if (code === undefined) add('error-code', 'Response.Error has no Code string');
    else {
      const documented: readonly string[] = known ? ACTIONS[action].errorCodes : Object.keys(ERROR_CODES);
      if (!documented.includes(code)) add('error-code', `error code "${code}" is not documented for ${action}`);
    }
    if (message === undefined) add('error-message', 'Response.Error has no Message string');
  }
  // The output parameters: what the schema says beyond the envelope rules checked above.
  if (known) {
    for (const problem of validateResponse(action, body)) {
      if (problem.path.startsWith('/Response/RequestId') || problem.path.startsWith('/Response/Error')) continue;
      add('output', `schema: ${problem.message}`, problem.decision);
    }
  }

  if (error !== undefined) {
    if (code === undefined) return { kind: 'unreadable', breaks, body };
    return { kind: 'error', code: code as ActionErrorCode<A>, message, requestId, breaks };
  }
  return { kind: 'success', data: response as SuccessData<A>, requestId, breaks };
}
