// Request parameter types of the emulated actions, from generated/ (the spec), after schema validation.
import type { components as DescribeJob } from '../../generated/types/DescribeJob.ts';
import type { components as DescribeTask } from '../../generated/types/DescribeTask.ts';
import type { components as SubmitJob } from '../../generated/types/SubmitJob.ts';
import type { components as TerminateJob } from '../../generated/types/TerminateJob.ts';
import type { components as TerminateTaskInstance } from '../../generated/types/TerminateTaskInstance.ts';

export type SubmitJobParams = SubmitJob['schemas']['SubmitJobRequest'];
export type DescribeJobParams = DescribeJob['schemas']['DescribeJobRequest'];
export type DescribeTaskParams = DescribeTask['schemas']['DescribeTaskRequest'];
export type TerminateJobParams = TerminateJob['schemas']['TerminateJobRequest'];
export type TerminateTaskInstanceParams = TerminateTaskInstance['schemas']['TerminateTaskInstanceRequest'];
