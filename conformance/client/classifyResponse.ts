import { ACTIONS, isActionName } from '../../generated/actions.ts';
import { ERROR_CODES } from '../../generated/errorCodes.ts';
import type { ActionErrorCode, SuccessData } from './CallResult.ts';
import { validateResponse } from './validateResponse.ts';

/**
 * "RequestId: lowercase 8-4-4-4-12 hex UUID in every example" (reference §2.7); the `RequestId` pattern of
 * spec/common.yaml. Used only for actions without a generated schema: for a known action the schema checks it.
 */
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type Classified<A extends string> =
  | { kind: 'success'; data: SuccessData<A>; requestId: string }
  | { kind: 'error'; code: ActionErrorCode<A>; message: string; requestId: string }
  | { kind: 'violation'; problems: string[]; body?: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads one HTTP answer the way the spec says it must look (reference §4.4): HTTP 200, `Content-Type:
 * application/json`, `{"Response": {..., "RequestId": "<uuid>"}}`, and "a response is an error if and only if
 * `Response.Error` is present", with a code the action documents. Anything else is a violation, listed in full.
 */
export function classifyResponse<A extends string>(
  action: A,
  status: number,
  contentType: string | undefined,
  bodyText: string,
): Classified<A> {
  const problems: string[] = [];
  if (status !== 200) {
    problems.push(`HTTP status ${status}; every API answer, errors included, is HTTP 200 (reference §4.4)`);
  }
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    problems.push(
      `Content-Type is ${contentType === undefined ? 'missing' : `"${contentType}"`}, not application/json`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    problems.push('the body is not JSON');
    return { kind: 'violation', problems };
  }
  const response = isRecord(body) ? body['Response'] : undefined;
  if (!isRecord(response)) {
    problems.push('the body has no "Response" object (wrong envelope)');
    return { kind: 'violation', problems, body };
  }
  const known = isActionName(action);
  const requestId = response['RequestId'];
  const error = response['Error'];
  let code: string | undefined;
  let message = '';
  if (isRecord(error) && typeof error['Code'] === 'string' && typeof error['Message'] === 'string') {
    code = error['Code'];
    message = error['Message'];
  }
  // Why only for unknown actions (raw calls): a known action's generated response schema already requires the
  // RequestId pattern and the {Code, Message} shape (spec/common.yaml), and checking both would list one fault twice.
  if (!known) {
    if (typeof requestId !== 'string') {
      problems.push('Response.RequestId is missing or not a string');
    } else if (!REQUEST_ID.test(requestId)) {
      problems.push(`Response.RequestId "${requestId}" is not a lowercase UUID`);
    }
    if (error !== undefined && code === undefined) {
      problems.push('Response.Error is not {"Code": string, "Message": string}');
    }
  }
  // The schemas do not list an action's error codes: this is the one check of them.
  if (code !== undefined) {
    const documented: readonly string[] = known ? ACTIONS[action].errorCodes : Object.keys(ERROR_CODES);
    if (!documented.includes(code)) {
      problems.push(`error code "${code}" is not documented for ${action}`);
    }
  }
  if (known) problems.push(...validateResponse(action, body));
  if (problems.length > 0 || typeof requestId !== 'string') return { kind: 'violation', problems, body };
  if (code !== undefined) {
    return { kind: 'error', code: code as ActionErrorCode<A>, message, requestId };
  }
  return { kind: 'success', data: response as SuccessData<A>, requestId };
}
