import type { ACTIONS, ActionName } from '../../generated/actions.ts';
import type { ActionTypes } from '../../generated/actionTypes.ts';
import type { DecisionId } from '../../generated/decisions.ts';
import type { ErrorCode } from '../../generated/errorCodes.ts';
import type { Exchange } from '../../generated/reportTypes.ts';

/**
 * The `Response` object of the success envelope ("A response is an error if and only if `Response.Error` is
 * present", reference §4.4). For an action the kit does not know (raw calls), any object.
 */
export type SuccessData<A extends string> = A extends ActionName
  ? Exclude<ActionTypes[A]['response'], { Response: { Error: unknown } }>['Response']
  : Record<string, unknown>;

/** The codes the action documents (generated/actions.ts); any documented code for an unknown action. */
export type ActionErrorCode<A extends string> = A extends ActionName
  ? (typeof ACTIONS)[A]['errorCodes'][number]
  : ErrorCode;

interface ResultBase<A extends string> {
  action: A;
  exchange: Exchange;
  /** How many times RequestLimitExceeded made the target wait and send again before this answer. */
  retries: number;
}

/**
 * The envelope facts every answer is judged on (reference §4.4), each owned by one invariant of the catalogue:
 * - `http-status`: HTTP 200, errors included (decision D-16);
 * - `content-type`: `Content-Type: application/json`;
 * - `response-object`: a JSON body `{"Response": {...}}`;
 * - `request-id-present`: `Response.RequestId`, a string ("The unique request ID which is returned for each request");
 * - `request-id-format`: a lowercase UUID (decision D-13);
 * - `error-code`: `Error.Code` a string documented for the action;
 * - `error-message`: `Error.Message` a string;
 * - `output`: the action's documented output parameters with their types (unknown extra fields are fine).
 */
export type EnvelopeFact =
  | 'http-status'
  | 'content-type'
  | 'response-object'
  | 'request-id-present'
  | 'request-id-format'
  | 'error-code'
  | 'error-message'
  | 'output';

/** One envelope fact an answer breaks. `decision` when the broken constraint is a kit decision, not a documented fact. */
export interface EnvelopeBreak {
  fact: EnvelopeFact;
  message: string;
  decision?: DecisionId;
}

/**
 * The API accepted the call: the `Response` object of a success envelope, read even when the envelope breaks a rule
 * (each break listed in `breaks`, judged by the invariants that own them; everyone else uses the data).
 */
export interface SuccessResult<A extends string> extends ResultBase<A> {
  kind: 'success';
  data: SuccessData<A>;
  requestId: string | undefined;
  breaks: EnvelopeBreak[];
}

/**
 * An error envelope whose code could be read. Assert on `code`, never on `message` (§3.2). The code may be one the
 * action does not document (then `breaks` says so).
 */
export interface ErrorResult<A extends string> extends ResultBase<A> {
  kind: 'error';
  code: ActionErrorCode<A> | (string & {});
  message: string | undefined;
  requestId: string | undefined;
  breaks: EnvelopeBreak[];
}

/** An answer from which neither data nor an error code can be read (not JSON, no `Response` object, no `Error.Code`). */
export interface UnreadableResult<A extends string> extends ResultBase<A> {
  kind: 'unreadable';
  breaks: EnvelopeBreak[];
  /** The parsed JSON, when the body was JSON at all. */
  body?: unknown;
}

/** No HTTP response: connection refused, reset, timed out, or an Implementation that threw. */
export interface TransportResult<A extends string> extends ResultBase<A> {
  kind: 'transport';
  reason: string;
}

export type CallResult<A extends string> = SuccessResult<A> | ErrorResult<A> | UnreadableResult<A> | TransportResult<A>;
