import { describe, expect, it } from 'vitest';
import { ANONYMOUS_COMPUTE_ENV } from '../../client/anonymousComputeEnv.ts';
import { IN_PROCESS_ORIGIN } from '../../client/createApiClient.ts';
import { envelope, errorAnswer, type LiveHandler } from './LiveRequest.ts';
import { recordRequests } from './recordRequests.ts';
import { serveBehaviours } from './serveBehaviours.ts';

/** A service that creates job-00000001, -2, … and accepts TerminateJob only for the first. */
const service: () => LiveHandler = () => {
  let jobs = 0;
  return (request) => {
    const call = request.call;
    if (call?.action === 'SubmitJob')
      return Promise.resolve(envelope({ JobId: `job-${String(++jobs).padStart(8, '0')}` }));
    if (call?.action === 'TerminateJob' && call.jobId !== 'job-00000001') {
      return Promise.resolve(errorAnswer('UnsupportedOperation'));
    }
    return Promise.resolve(envelope({}));
  };
};

const JOB = {
  Placement: { Zone: 'ap-guangzhou-2' },
  Job: {
    JobName: 'recorded',
    Tasks: [
      {
        TaskName: 'A',
        TaskInstanceNum: 1,
        Application: { DeliveryForm: 'LOCAL' as const, Command: 'true' },
        ComputeEnv: ANONYMOUS_COMPUTE_ENV,
      },
    ],
  },
};

describe('recordRequests', () => {
  it('records each request, the jobs created, those an accepted TerminateJob named, and terminations of other people’s jobs', async () => {
    const { behaviour, record } = recordRequests();
    const { target, implementation } = serveBehaviours([behaviour], { base: service() });
    const t = target();
    await t.SubmitJob(JOB);
    await t.SubmitJob(JOB);
    await t.TerminateJob({ JobId: 'job-00000001' });
    await t.TerminateJob({ JobId: 'job-00000001' });
    await t.TerminateJob({ JobId: 'job-00000002' });
    await t.TerminateTaskInstance({ JobId: 'job-zz9plz9a', TaskName: 'A', TaskInstanceIndex: 0 });
    await implementation(new Request(new URL('/_emulator/info', IN_PROCESS_ORIGIN)));
    expect(record.requests).toEqual([
      { action: 'SubmitJob', jobId: undefined, outcome: 'Success' },
      { action: 'SubmitJob', jobId: undefined, outcome: 'Success' },
      { action: 'TerminateJob', jobId: 'job-00000001', outcome: 'Success' },
      { action: 'TerminateJob', jobId: 'job-00000001', outcome: 'Success' },
      { action: 'TerminateJob', jobId: 'job-00000002', outcome: 'UnsupportedOperation' },
      { action: 'TerminateTaskInstance', jobId: 'job-zz9plz9a', outcome: 'Success' },
      { action: undefined, jobId: undefined, outcome: 'Success' },
    ]);
    expect(record.createdJobIds).toEqual(['job-00000001', 'job-00000002']);
    expect(record.terminatedJobIds).toEqual(['job-00000001']);
    expect(record.foreignTerminations).toEqual([
      {
        action: 'TerminateTaskInstance',
        jobId: 'job-zz9plz9a',
        params: { JobId: 'job-zz9plz9a', TaskName: 'A', TaskInstanceIndex: 0 },
      },
    ]);
    expect([record.isOwn('job-00000002'), record.isOwn('job-zz9plz9a')]).toEqual([true, false]);
  });
});
