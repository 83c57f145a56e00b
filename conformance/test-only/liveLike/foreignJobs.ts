import { ID_PATTERNS } from '../../../generated/actions.ts';
import type { SuccessData } from '../../client/CallResult.ts';
import { isoTime } from '../../emulator/describeViews.ts';
import { envelope, isRecord, type Behaviour } from './LiveRequest.ts';

const KIT_JOB_ID = new RegExp(ID_PATTERNS.JobId);

type StateMetrics = SuccessData<'DescribeJob'>['TaskMetrics'];

const NO_INSTANCES: StateMetrics = {
  SubmittedCount: 0,
  PendingCount: 0,
  RunnableCount: 0,
  StartingCount: 0,
  RunningCount: 0,
  SucceedCount: 0,
  FailedInterruptedCount: 0,
  FailedCount: 0,
};

/** Whether a JobId is of the kit's form and not one of the account's jobs the double knows: someone else's job. */
export function isForeignJob(jobId: string | undefined, isOwn: (jobId: string) => boolean): jobId is string {
  return jobId !== undefined && KIT_JOB_ID.test(jobId) && !isOwn(jobId);
}

/**
 * An account full of other people's jobs: DescribeJob of any JobId of the kit's form that is not `isOwn` answers
 * success with a plausible running job (the same one every time); TerminateTaskInstance and TerminateJob on such a
 * JobId answer success (the real service would have terminated someone's work). DescribeTask passes: the double
 * models other people's jobs at the job level only, so the wrapped emulator answers ResourceNotFound.Task.
 */
export function foreignJobs(isOwn: (jobId: string) => boolean, wallClock: () => number): Behaviour {
  /** When the double first saw each foreign job, so its view stays the same between calls. */
  const foreignSince = new Map<string, number>();

  function foreignJobView(jobId: string): Record<string, unknown> {
    const since = foreignSince.get(jobId) ?? wallClock() - 3_600_000;
    foreignSince.set(jobId, since);
    const view: Omit<SuccessData<'DescribeJob'>, 'RequestId'> = {
      JobId: jobId,
      JobName: 'nightly-report',
      Zone: 'ap-guangzhou-3',
      Priority: 10,
      JobState: 'RUNNING',
      CreateTime: isoTime(since),
      EndTime: null,
      TaskSet: [{ TaskName: 'render', TaskState: 'RUNNING', CreateTime: isoTime(since), EndTime: null }],
      DependenceSet: [],
      TaskMetrics: { ...NO_INSTANCES, RunningCount: 1 },
      TaskInstanceMetrics: { ...NO_INSTANCES, RunningCount: 4, SucceedCount: 12 },
      StateReason: '',
      Tags: [{ Key: 'owner', Value: 'another-team' }],
      NextAction: '',
    };
    return view;
  }

  return (request, next) => {
    const { call } = request;
    if (
      call === undefined ||
      call.action === 'SubmitJob' ||
      call.action === 'DescribeTask' ||
      !isRecord(call.reading.sent) ||
      !call.reading.outcome.ok ||
      !isForeignJob(call.jobId, isOwn)
    ) {
      return next();
    }
    return Promise.resolve(envelope(call.action === 'DescribeJob' ? foreignJobView(call.jobId) : {}));
  };
}
