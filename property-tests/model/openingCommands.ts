import type fc from 'fast-check';
import type { EnvKind } from '../../generated/transitions.ts';
import type { WireForm } from '../coverage/WireForm.ts';
import { LONG_SLEEP } from '../Workload.ts';
import type { BatchModel } from './BatchModel.ts';
import { DescribeTaskCommand } from './DescribeTaskCommand.ts';
import type { ModelReal } from './ModelReal.ts';
import { PassTimeCommand } from './PassTimeCommand.ts';
import { SubmitJobCommand } from './SubmitJobCommand.ts';
import { TerminateBadIdCommand } from './TerminateBadIdCommand.ts';
import { TerminateCommand } from './TerminateCommand.ts';

/**
 * The opening every TTI-MODEL run plays before its drawn commands, in its cell's wire form and environment: what a
 * random sequence reaches only by luck. Four jobs (the run's first one and three more, so the oldest is three jobs
 * back), terminations early, later and again, of the oldest job and of one failing with INTERRUPT, calls for a missing
 * instance and task, and a settled read of the oldest job.
 */
export function openingCommands(form: WireForm, env: EnvKind): fc.AsyncCommand<BatchModel, ModelReal>[] {
  return [
    new SubmitJobCommand(env, 3, 'sleep 30', 'INTERRUPT'),
    new SubmitJobCommand(env, 1, 'exit 1', 'INTERRUPT'),
    new SubmitJobCommand(env, 2, LONG_SLEEP, 'TERMINATE'),
    new PassTimeCommand('next-event'),
    new TerminateCommand(0, 0, form),
    new PassTimeCommand(90),
    new TerminateCommand(0, 1, form),
    new TerminateCommand(0, 0, form),
    new TerminateCommand(2, 0, form),
    new TerminateBadIdCommand('index-out-of-range', 'B', form),
    new TerminateBadIdCommand('unknown-task', 'B', form),
    new DescribeTaskCommand(1, false),
    new DescribeTaskCommand(0, true),
  ];
}
