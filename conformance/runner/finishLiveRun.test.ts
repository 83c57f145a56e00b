import { describe, expect, it } from 'vitest';
import type { RequestOf } from '../../generated/actionTypes.ts';
import { LIVE_TIMING } from '../../property-tests/createLiveHarness.ts';
import { GATE_WORKLOADS } from '../../property-tests/Workload.ts';
import { ANONYMOUS_COMPUTE_ENV } from '../client/anonymousComputeEnv.ts';
import { createApiClient } from '../client/createApiClient.ts';
import type { Credentials } from '../signing/Credentials.ts';
import { createLiveLikeDouble } from '../test-only/createLiveLikeDouble.ts';
import type { BookedJob } from './createJobBook.ts';
import { finishLiveRun } from './finishLiveRun.ts';
import { explainTermination } from './terminateJobs.ts';

const KEYS: Credentials = {
  secretId: 'AKIDfinishLiveRunKey000000000001',
  secretKey: 'finishLiveRunSecretKey0000000001',
};
const NAMED_ENV = 'env-finish01';
const FAST = { pollMs: 50, maxPollMs: 200, backOff: 2 };

function job(command: string, env: { EnvId: string } | { ComputeEnv: typeof ANONYMOUS_COMPUTE_ENV }) {
  return {
    Placement: { Zone: 'ap-guangzhou-2' },
    Job: {
      JobName: 'finish',
      Tasks: [{ TaskName: 'A', TaskInstanceNum: 2, Application: { DeliveryForm: 'LOCAL', Command: command }, ...env }],
    },
  } as RequestOf<'SubmitJob'>;
}

/** A seed-conformant double (a named environment's jobs cannot be terminated), jobs 200 times faster than the wall. */
function setUp() {
  const double = createLiveLikeDouble({
    credentials: [KEYS],
    namedEnvs: [NAMED_ENV],
    docRevision: 'seed',
    timeScale: 200,
    latencyMs: 0,
    rateLimits: { DescribeJob: 1000, TerminateJob: 1000, SubmitJob: 1000, DescribeTask: 1000 },
  });
  const client = createApiClient({ implementation: double.implementation, credentials: KEYS, pacing: false });
  const submit = async (command: string, env: 'anonymous' | 'named'): Promise<BookedJob> => {
    const result = await client.SubmitJob(
      job(command, env === 'named' ? { EnvId: NAMED_ENV } : { ComputeEnv: ANONYMOUS_COMPUTE_ENV }),
    );
    if (result.kind !== 'success') throw new Error('SubmitJob failed');
    return { jobId: result.data.JobId, env, instances: 2, createdAt: performance.now() };
  };
  return { double, client, submit };
}

describe('finishLiveRun', () => {
  it('terminates what it can, waits for a named environment’s job to end by itself, and leaves nothing behind', async () => {
    const { double, client, submit } = setUp();
    const jobs = [await submit('sleep 86400', 'anonymous'), await submit(GATE_WORKLOADS.named, 'named')];
    const end = await finishLiveRun({ client, jobs, ledger: undefined, waitMs: 60_000, timing: FAST });
    expect(end.leftovers).toEqual([]);
    expect(end.instanceSeconds).toBeGreaterThan(0);
    const snapshot = await double.snapshot();
    const states = snapshot.jobs.flatMap((j) => j.tasks.flatMap((t) => t.instances.map((i) => i.state)));
    expect(states.every((s) => s === 'SUCCEED' || s === 'FAILED')).toBe(true);
    // Only the anonymous job could be terminated.
    expect(double.terminatedJobIds).toEqual([jobs[0]?.jobId]);
  });

  it('lists a job still not final when the wait ends as a leftover, with why it could not be ended', async () => {
    const { client, submit } = setUp();
    const named = await submit('sleep 86400', 'named');
    const end = await finishLiveRun({ client, jobs: [named], ledger: undefined, waitMs: 0, timing: LIVE_TIMING });
    expect(end.leftovers).toEqual([
      {
        jobId: named.jobId,
        env: 'named',
        instances: 2,
        jobState: expect.stringMatching(/^(SUBMITTED|PENDING|RUNNABLE|STARTING|RUNNING)$/) as unknown,
        terminated: false,
        reason: explainTermination('UnsupportedOperation.TerminateOperationWithEnvId'),
      },
    ]);
  });
});

describe('explainTermination', () => {
  it('says why, in words to act on, for each answer that leaves a job running', () => {
    expect(explainTermination('UnsupportedOperation.TerminateOperationWithEnvId')).toMatch(/named compute environment/);
    expect(explainTermination('UnsupportedOperation')).toMatch(/SUBMITTED/);
    expect(explainTermination('ResourceInUse.Job')).toMatch(/busy/);
    expect(explainTermination('RequestLimitExceeded')).toMatch(/rate limit/);
    expect(explainTermination('AuthFailure.SignatureFailure')).toMatch(/credentials/);
    expect(explainTermination('InternalError')).toBe('TerminateJob answered InternalError');
  });
});
