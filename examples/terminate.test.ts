// terminate.test.ts — run with `npx vitest run`
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { ANONYMOUS_COMPUTE_ENV, startTestEmulator } from 'tencent-batch-conformance/testing';

// One emulator for this file: 127.0.0.1 on a free port, virtual clock, rate limits off, the example key pair.
const emulator = await startTestEmulator();
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const { endpoint, version, config } = emulator.commonClient;
const client = new CommonClient(endpoint, version, config);

async function submit(command: string): Promise<string> {
  const { JobId } = (await client.request('SubmitJob', {
    Placement: { Zone: 'ap-guangzhou-2' },
    Job: {
      JobName: 'demo',
      Tasks: [
        {
          TaskName: 'A',
          TaskInstanceNum: 1,
          Application: { DeliveryForm: 'LOCAL', Command: command },
          ComputeEnv: ANONYMOUS_COMPUTE_ENV,
        },
      ],
    },
  })) as { JobId: string };
  return JobId;
}

it('terminates a RUNNING instance: FAILED once its CVM is gone', async () => {
  const jobId = await submit('sleep 3600');
  await emulator.advance(60); // virtual seconds: the CVM is created and the workload runs
  await client.request('TerminateTaskInstance', { JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 });
  await emulator.advance(30);
  const { jobs } = await emulator.snapshot(jobId);
  expect(jobs[0]?.tasks[0]?.instances[0]?.state).toBe('FAILED');
});

it('surfaces an injected InternalError with its code', async () => {
  await emulator.injectFault({ kind: 'error', code: 'InternalError', action: 'TerminateTaskInstance', count: 1 });
  const call = client.request('TerminateTaskInstance', { JobId: 'job-abcdefgh', TaskName: 'A', TaskInstanceIndex: 0 });
  await expect(call).rejects.toMatchObject({ code: 'InternalError' });
});
