import type { ActionErrorCode, SuccessData } from './ActionTypes.ts';

/** One HTTP exchange as plain data, secrets already replaced by REDACTED (see redact.ts). */
export interface Exchange {
  request: {
    method: string;
    url: string;
    /** Lowercased names, as the Fetch `Headers` gives them, plus `host`. */
    headers: Record<string, string>;
    /** The body bytes as UTF-8 text ('' when there is none). */
    body: string;
  };
  /** Absent when no response arrived (kind 'transport'). */
  response?: {
    status: number;
    headers: Record<string, string>;
    body: string;
  };
}

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
