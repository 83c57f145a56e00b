import type { ACTIONS, ActionName } from '../../generated/actions.ts';
import type { ActionTypes } from '../../generated/actionTypes.ts';
import type { ErrorCode } from '../../generated/errorCodes.ts';

export type { RequestOf } from '../../generated/actionTypes.ts';

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
