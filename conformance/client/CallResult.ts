import type { ACTIONS, ActionName } from '../../generated/actions.ts';
import type { ActionTypes } from '../../generated/actionTypes.ts';
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

/** The API accepted the call: the `Response` object of a success envelope that matched the action's schema. */
export interface SuccessResult<A extends string> extends ResultBase<A> {
  kind: 'success';
  data: SuccessData<A>;
  requestId: string;
}

/** A well-formed error envelope with a code the action documents. Assert on `code`, never on `message` (§3.2). */
export interface ErrorResult<A extends string> extends ResultBase<A> {
  kind: 'error';
  code: ActionErrorCode<A>;
  message: string;
  requestId: string;
}

/** The response broke the spec; `body` is the parsed JSON when the body was JSON at all. */
export interface ViolationResult<A extends string> extends ResultBase<A> {
  kind: 'violation';
  problems: string[];
  body?: unknown;
}

/** No HTTP response: connection refused, reset, timed out, or an Implementation that threw. */
export interface TransportResult<A extends string> extends ResultBase<A> {
  kind: 'transport';
  reason: string;
}

export type CallResult<A extends string> = SuccessResult<A> | ErrorResult<A> | ViolationResult<A> | TransportResult<A>;
