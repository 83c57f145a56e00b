import type { ACTIONS, ActionName } from '../../generated/actions.ts';
import type { ErrorCode } from '../../generated/errorCodes.ts';
import type { components as DescribeJob } from '../../generated/types/DescribeJob.ts';
import type { components as DescribeTask } from '../../generated/types/DescribeTask.ts';
import type { components as SubmitJob } from '../../generated/types/SubmitJob.ts';
import type { components as TerminateJob } from '../../generated/types/TerminateJob.ts';
import type { components as TerminateTaskInstance } from '../../generated/types/TerminateTaskInstance.ts';

/** Request and response (both envelopes) of each action, from the openapi-typescript output of spec/. */
export interface ActionTypes {
  DescribeJob: {
    request: DescribeJob['schemas']['DescribeJobRequest'];
    response: DescribeJob['schemas']['DescribeJobResponse'];
  };
  DescribeTask: {
    request: DescribeTask['schemas']['DescribeTaskRequest'];
    response: DescribeTask['schemas']['DescribeTaskResponse'];
  };
  SubmitJob: {
    request: SubmitJob['schemas']['SubmitJobRequest'];
    response: SubmitJob['schemas']['SubmitJobResponse'];
  };
  TerminateJob: {
    request: TerminateJob['schemas']['TerminateJobRequest'];
    response: TerminateJob['schemas']['TerminateJobResponse'];
  };
  TerminateTaskInstance: {
    request: TerminateTaskInstance['schemas']['TerminateTaskInstanceRequest'];
    response: TerminateTaskInstance['schemas']['TerminateTaskInstanceResponse'];
  };
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AssertTrue<T extends true> = T;
/** Stops compiling when generated/actions.ts gains or loses an action that this map does not list. */
export type ActionTypesCoverActions = AssertTrue<Same<keyof ActionTypes, ActionName>>;

export type RequestOf<A extends ActionName> = ActionTypes[A]['request'];

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
