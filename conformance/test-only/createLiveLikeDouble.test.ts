import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { RequestOf } from '../../generated/actionTypes.ts';
import { TbcError } from '../TbcError.ts';
import { ANONYMOUS_COMPUTE_ENV } from '../client/anonymousComputeEnv.ts';
import type { CallResult } from '../client/CallResult.ts';
import { createApiClient, IN_PROCESS_ORIGIN, type ApiClient } from '../client/createApiClient.ts';
import { validateResponse } from '../client/validateResponse.ts';
import { createEmulator } from '../emulator/createEmulator.ts';
import { EXAMPLE_CREDENTIALS, type Credentials } from '../signing/Credentials.ts';
import { createLiveLikeDouble, NEWER_API_FIELDS, type LiveLikeOptions } from './createLiveLikeDouble.ts';

const KEYS: Credentials = {
  secretId: 'AKIDliveLikeDoubleTestKeyNumber0001',
  secretKey: 'liveLikeDoubleTestSecretKey00001',
};
const OTHER_KEYS: Credentials = {
  secretId: 'AKIDliveLikeDoubleTestKeyNumber0002',
  secretKey: 'liveLikeDoubleTestSecretKey00002',
};
/** Well-formed under D-01 and never created by any double: someone else's job. */
const FOREIGN_JOB = 'job-zz9plz9a';
const UPPER_UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

type Envelope = { Response: Record<string, unknown> & { Error?: { Code: string; Message: string } } };

/** The answer as sent (the double's upper-case RequestIds make the kit's client call every answer a violation). */
function envelopeOf(result: CallResult<string>): Envelope {
  return JSON.parse(result.exchange.response?.body ?? 'null') as Envelope;
}

function outcomeOf(result: CallResult<string>): string {
  return envelopeOf(result).Response.Error?.Code ?? 'Success';
}

/** A wall clock that moves only when told, so rate windows and the consistency window are stepped exactly. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = Date.now();
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}

/** Generous limits for the reads of state, where the test is not about rate limits. */
const POLLING_LIMITS = { DescribeTask: 1000, DescribeJob: 1000 };

function setUp(options: Partial<LiveLikeOptions> = {}) {
  const clock = manualClock();
  // DescribeJob and DescribeTask are documented at 2/s (D-11): these tests read state in tight loops, so only the test
  // of the limits keeps them.
  const double = createLiveLikeDouble({
    credentials: [KEYS],
    latencyMs: 0,
    wallClock: clock.now,
    rateLimits: POLLING_LIMITS,
    ...options,
  });
  const target = (keys: Credentials = KEYS, region?: string, scheme?: 'TC3' | 'v1'): ApiClient =>
    createApiClient({
      implementation: double.implementation,
      credentials: keys,
      pacing: false,
      ...(region === undefined ? {} : { region }),
      ...(scheme === undefined ? {} : { scheme }),
    });
  return { double, clock, target };
}

function job(command: string, task: Record<string, unknown> = { ComputeEnv: ANONYMOUS_COMPUTE_ENV }) {
  return {
    Placement: { Zone: 'ap-guangzhou-2' },
    Job: {
      JobName: 'live-like',
      Tasks: [
        {
          TaskName: 'A',
          TaskInstanceNum: 2,
          Application: { DeliveryForm: 'LOCAL' as const, Command: command },
          ...task,
        },
      ],
    },
  } as RequestOf<'SubmitJob'>;
}

async function submit(target: ApiClient, command = 'sleep 1000'): Promise<string> {
  const result = await target.SubmitJob(job(command));
  const jobId = envelopeOf(result).Response['JobId'];
  if (typeof jobId !== 'string') throw new Error(`SubmitJob failed: ${result.exchange.response?.body ?? ''}`);
  return jobId;
}

async function statesOf(target: ApiClient, jobId: string, extra: Partial<RequestOf<'DescribeTask'>> = {}) {
  const response = envelopeOf(await target.DescribeTask({ JobId: jobId, TaskName: 'A', ...extra })).Response;
  const set = response['TaskInstanceSet'] as { TaskInstanceState: string }[];
  return { states: set.map((i) => i.TaskInstanceState), total: response['TaskInstanceTotalCount'], response };
}

describe('createLiveLikeDouble: like a live endpoint', () => {
  it('answers /_emulator/ paths like an unknown API path: HTTP 200 with an InvalidAction envelope, changing nothing', async () => {
    const { double, target } = setUp();
    const jobId = await submit(target());
    for (const [method, path] of [
      ['GET', 'info'],
      ['POST', 'reset'],
      ['POST', 'clock/advance'],
    ] as const) {
      const response = await double.implementation(
        new Request(new URL(`/_emulator/${path}`, IN_PROCESS_ORIGIN), {
          method,
          ...(method === 'POST' ? { body: '{"seconds":60}', headers: { 'content-type': 'application/json' } } : {}),
        }),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect((JSON.parse(await response.text()) as Envelope).Response.Error?.Code).toBe('InvalidAction');
    }
    // The reset did not forget the job, and the clock did not jump a minute: the job is still SUBMITTED.
    expect((await statesOf(target(), jobId)).states).toEqual(['SUBMITTED', 'SUBMITTED']);
  });

  it('runs jobs on the real clock sped up by timeScale, with no clock to advance', async () => {
    const double = createLiveLikeDouble({
      credentials: [KEYS],
      timeScale: 100,
      latencyMs: 0,
      rateLimits: POLLING_LIMITS,
    });
    const target = createApiClient({ implementation: double.implementation, credentials: KEYS, pacing: false });
    const submittedAt = performance.now();
    const jobId = await submit(target, 'exit 0');
    const seen: string[] = [];
    while (seen.at(-1) !== 'SUCCEED' && performance.now() - submittedAt < 10_000) {
      const [state = ''] = (await statesOf(target, jobId)).states;
      if (seen.at(-1) !== state) seen.push(state);
      await sleep(20);
    }
    // Accept, schedule, start, CVM creation and agent start take 28 s of job time: 280 ms of wall time at 100×.
    expect(performance.now() - submittedAt).toBeGreaterThanOrEqual(270);
    expect(seen.at(-1)).toBe('SUCCEED');
    expect(seen.length).toBeGreaterThan(1);
  });

  it('refuses the third TerminateTaskInstance within one wall-clock second and accepts it once the second has passed', async () => {
    const { target, clock } = setUp({ timeScale: 20 });
    const t = target();
    const jobId = await submit(t);
    const call = () => t.TerminateTaskInstance({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: 9 });
    expect([outcomeOf(await call()), outcomeOf(await call()), outcomeOf(await call())]).toEqual([
      'ResourceNotFound.TaskInstance',
      'ResourceNotFound.TaskInstance',
      'RequestLimitExceeded',
    ]);
    // 100 ms of wall time is 2 s of job time at timeScale 20: a limiter on the job clock would let it through.
    clock.advance(100);
    expect(outcomeOf(await call())).toBe('RequestLimitExceeded');
    clock.advance(900);
    expect(outcomeOf(await call())).toBe('ResourceNotFound.TaskInstance');
  });

  it('keeps one rate window per action and per SecretId', async () => {
    const { target } = setUp({ credentials: [KEYS, OTHER_KEYS] });
    const mine = target(KEYS);
    const theirs = target(OTHER_KEYS);
    const terminate = { JobId: 'job-abc1234', TaskName: 'A', TaskInstanceIndex: 0 };
    await mine.TerminateTaskInstance(terminate);
    await mine.TerminateTaskInstance(terminate);
    expect(outcomeOf(await mine.TerminateTaskInstance(terminate))).toBe('RequestLimitExceeded');
    expect(outcomeOf(await theirs.TerminateTaskInstance(terminate))).toBe('ResourceNotFound.TaskInstance');
    expect(outcomeOf(await mine.TerminateJob({ JobId: 'job-abc1234' }))).toBe('ResourceNotFound.Job');
  });

  it('allows SubmitJob 7 times per second, as the current page says (the kit chose 2, D-12)', async () => {
    const { target } = setUp();
    const t = target();
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) outcomes.push(outcomeOf(await t.SubmitJob(job('sleep 1'))));
    expect(outcomes).toEqual([...Array<string>(7).fill('Success'), 'RequestLimitExceeded']);
  });

  it('delays every answer by a random time of up to latencyMs', async () => {
    const { target } = setUp({ latencyMs: 80, random: () => 0.99 });
    const started = performance.now();
    await target().DescribeJob({ JobId: FOREIGN_JOB });
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('accepts the key pair it is given and not the example pair it was not given', async () => {
    const { target } = setUp();
    expect(outcomeOf(await target(KEYS).DescribeJob({ JobId: FOREIGN_JOB }))).toBe('Success');
    expect(outcomeOf(await target(EXAMPLE_CREDENTIALS).DescribeJob({ JobId: FOREIGN_JOB }))).toBe(
      'AuthFailure.SecretIdNotFound',
    );
  });

  it('accepts the Batch regions and a missing Region, and refuses any other region with UnsupportedRegion', async () => {
    const { target } = setUp();
    const describe = { JobId: FOREIGN_JOB };
    expect(outcomeOf(await target(KEYS).DescribeJob(describe))).toBe('Success');
    expect(outcomeOf(await target(KEYS, 'ap-guangzhou').DescribeJob(describe))).toBe('Success');
    expect(outcomeOf(await target(KEYS, 'na-toronto', 'v1').DescribeJob(describe))).toBe('Success');
    expect(outcomeOf(await target(KEYS, 'eu-frankfurt').DescribeJob(describe))).toBe('UnsupportedRegion');
    expect(outcomeOf(await target(KEYS, 'ap-mars-1', 'v1').DescribeJob(describe))).toBe('UnsupportedRegion');
    expect(outcomeOf(await target(KEYS, 'null').DescribeJob(describe))).toBe('UnsupportedRegion');
  });

  it('refuses to start without a key pair', () => {
    expect(() => createLiveLikeDouble({ credentials: [] })).toThrow(TbcError);
  });
});

describe('createLiveLikeDouble: answers unlike the kit where the docs are silent', () => {
  it('rewords every error message and keeps every code', async () => {
    const { target } = setUp({ timeScale: 1 });
    const emulator = createEmulator({ credentials: [KEYS], rateLimits: false });
    const plain = createApiClient({ implementation: emulator.implementation, credentials: KEYS, pacing: false });
    const liveJob = await submit(target());
    const plainJob = await submit(plain);
    const wrongKey = { ...KEYS, secretKey: 'not-the-secret-key-00000000000000' };
    const pairs: [CallResult<string>, CallResult<string>][] = [
      [
        await target().TerminateTaskInstance({ JobId: liveJob, TaskName: 'A', TaskInstanceIndex: 7 }),
        await plain.TerminateTaskInstance({ JobId: plainJob, TaskName: 'A', TaskInstanceIndex: 7 }),
      ],
      [
        await target().raw({ action: 'TerminateTaskInstance', params: { JobId: liveJob, TaskName: 'A' } }),
        await plain.raw({ action: 'TerminateTaskInstance', params: { JobId: plainJob, TaskName: 'A' } }),
      ],
      [
        await target(wrongKey).DescribeJob({ JobId: liveJob }),
        await createApiClient({
          implementation: emulator.implementation,
          credentials: wrongKey,
          pacing: false,
        }).DescribeJob({ JobId: plainJob }),
      ],
      [await target().raw({ action: 'NoSuchAction' }), await plain.raw({ action: 'NoSuchAction' })],
    ];
    for (const [live, reference] of pairs) {
      const liveError = envelopeOf(live).Response.Error;
      const referenceError = envelopeOf(reference).Response.Error;
      expect(liveError?.Code).toBeDefined();
      expect(liveError?.Code).toBe(referenceError?.Code);
      expect(liveError?.Message).not.toBe(referenceError?.Message);
      expect(liveError?.Message).not.toBe('');
    }
  });

  it('adds a field a newer API version might have to every success and to every DescribeTask instance view, never to errors', async () => {
    const { target } = setUp();
    const t = target();
    const jobId = await submit(t);
    const submitted = envelopeOf(await t.DescribeJob({ JobId: jobId })).Response;
    expect(submitted).toHaveProperty(NEWER_API_FIELDS.response);
    const { response } = await statesOf(t, jobId);
    expect(response).toHaveProperty(NEWER_API_FIELDS.response);
    for (const view of response['TaskInstanceSet'] as Record<string, unknown>[]) {
      expect(view).toHaveProperty(NEWER_API_FIELDS.instance);
    }
    const failed = envelopeOf(await t.DescribeTask({ JobId: jobId, TaskName: 'B' })).Response;
    expect(failed.Error?.Code).toBe('ResourceNotFound.Task');
    expect(failed).not.toHaveProperty(NEWER_API_FIELDS.response);
  });

  it('answers RequestIds as upper-case UUIDs, successes and errors alike (the kit chose lowercase, D-13)', async () => {
    const { target } = setUp();
    const t = target();
    const jobId = await submit(t);
    for (const result of [
      await t.DescribeJob({ JobId: jobId }),
      await t.TerminateTaskInstance({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: 5 }),
      await target(KEYS, 'eu-frankfurt').DescribeJob({ JobId: jobId }),
    ]) {
      expect(envelopeOf(result).Response['RequestId']).toMatch(UPPER_UUID);
    }
  });

  it('takes a 7- or 9-character JobId for an unknown job, not a malformed one (the kit says JobIdMalformed, D-01)', async () => {
    const { target } = setUp();
    const t = target();
    for (const jobId of ['job-abc1234', 'job-abc123456']) {
      expect(outcomeOf(await t.TerminateTaskInstance({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 }))).toBe(
        'ResourceNotFound.TaskInstance',
      );
      expect(outcomeOf(await t.DescribeJob({ JobId: jobId }))).toBe('ResourceNotFound.Job');
      expect(outcomeOf(await t.DescribeTask({ JobId: jobId, TaskName: 'A' }))).toBe('ResourceNotFound.Task');
      expect(outcomeOf(await t.TerminateJob({ JobId: jobId }))).toBe('ResourceNotFound.Job');
    }
    const plain = createApiClient({
      implementation: createEmulator({ credentials: [KEYS] }).implementation,
      credentials: KEYS,
      pacing: false,
    });
    expect(outcomeOf(await plain.DescribeJob({ JobId: 'job-abc1234' }))).toBe('InvalidParameter.JobIdMalformed');
  });

  it('still calls JobIds outside job- plus 1 to 32 lowercase alphanumerics malformed, and checks the other parameters of a lax one', async () => {
    const { target } = setUp();
    const t = target();
    for (const jobId of ['job-ABCDEFGH', `job-${'a'.repeat(33)}`, 'job-', 'jobabc12345']) {
      expect(outcomeOf(await t.DescribeJob({ JobId: jobId }))).toBe('InvalidParameter.JobIdMalformed');
    }
    const missingTaskName = await t.raw({ action: 'TerminateTaskInstance', params: { JobId: 'job-abc1234' } });
    expect(outcomeOf(missingTaskName)).toBe('MissingParameter');
    const getForm = await t.raw({
      action: 'DescribeTask',
      method: 'GET',
      params: { JobId: 'job-abc1234', TaskName: 'A', Limit: 0 },
    });
    expect(outcomeOf(getForm)).toBe('InvalidParameterValue');
  });

  it('runs named compute environments declared in options; others do not exist', async () => {
    const { target } = setUp({ namedEnvs: ['env-lcpcej85'] });
    const t = target();
    const declared = await t.SubmitJob(job('sleep 100', { EnvId: 'env-lcpcej85' }));
    expect(outcomeOf(declared)).toBe('Success');
    expect(outcomeOf(await t.SubmitJob(job('sleep 100', { EnvId: 'env-00000000' })))).toBe(
      'ResourceNotFound.ComputeEnv',
    );
    // Today's docs (doc revision current): the named environment's instance is terminated, not refused (D-05).
    const jobId = envelopeOf(declared).Response['JobId'] as string;
    expect(outcomeOf(await t.TerminateTaskInstance({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 }))).toBe(
      'Success',
    );
  });
});

describe('createLiveLikeDouble: eventual consistency', () => {
  it('shows the previous state in DescribeTask for a second after an accepted TerminateTaskInstance', async () => {
    const { target, clock } = setUp();
    const t = target();
    const jobId = await submit(t);
    clock.advance(60); // 1.2 s of job time: accepted, PENDING
    expect((await statesOf(t, jobId)).states).toEqual(['PENDING', 'PENDING']);
    expect(outcomeOf(await t.TerminateTaskInstance({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 }))).toBe(
      'Success',
    );
    expect((await statesOf(t, jobId)).states).toEqual(['PENDING', 'PENDING']);
    const failedOnly = { Filters: [{ Name: 'task-instance-state' as const, Values: ['FAILED' as const] }] };
    expect(await statesOf(t, jobId, failedOnly)).toMatchObject({ states: [], total: 0 });
    clock.advance(1000); // 20 s more of job time: the other instance went on to STARTING
    expect((await statesOf(t, jobId)).states).toEqual(['FAILED', 'STARTING']);
    expect(await statesOf(t, jobId, failedOnly)).toMatchObject({ states: ['FAILED'], total: 1 });
  });

  it('shows the new state at once when the consistency window is zero', async () => {
    const { target, clock } = setUp({ consistencyWindowMs: 0 });
    const t = target();
    const jobId = await submit(t);
    clock.advance(60);
    await t.TerminateTaskInstance({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 });
    expect((await statesOf(t, jobId)).states).toEqual(['FAILED', 'PENDING']);
  });

  it('shows every instance as before for a second after an accepted TerminateJob', async () => {
    const { target, clock, double } = setUp();
    const t = target();
    const jobId = await submit(t);
    clock.advance(60);
    expect(outcomeOf(await t.TerminateJob({ JobId: jobId }))).toBe('Success');
    expect((await statesOf(t, jobId)).states).toEqual(['PENDING', 'PENDING']);
    clock.advance(1000);
    expect((await statesOf(t, jobId)).states).toEqual(['FAILED', 'FAILED']);
    expect(double.terminatedJobIds).toEqual([jobId]);
  });
});

describe('createLiveLikeDouble: other people’s jobs', () => {
  it('answers DescribeJob of a well-formed JobId it did not create with someone else’s running job', async () => {
    const { target, clock } = setUp();
    const first = envelopeOf(await target().DescribeJob({ JobId: FOREIGN_JOB }));
    expect(first.Response).toMatchObject({ JobId: FOREIGN_JOB, JobState: 'RUNNING' });
    // Plausible: the kit's schema accepts it once the RequestId is in the kit's own (lowercase) form.
    const requestId = first.Response['RequestId'] as string;
    const asKitWants = { Response: { ...first.Response, RequestId: requestId.toLowerCase() } };
    expect(validateResponse('DescribeJob', asKitWants)).toEqual([]);
    clock.advance(2000);
    const second = envelopeOf(await target().DescribeJob({ JobId: FOREIGN_JOB }));
    expect(second.Response['CreateTime']).toBe(first.Response['CreateTime']);
  });

  it('terminates someone else’s work with Success and records each such call', async () => {
    const { target, double } = setUp();
    const t = target();
    const mine = await submit(t);
    const terminate = { JobId: FOREIGN_JOB, TaskName: 'render', TaskInstanceIndex: 3 };
    expect(outcomeOf(await t.TerminateTaskInstance(terminate))).toBe('Success');
    expect(outcomeOf(await t.TerminateJob({ JobId: FOREIGN_JOB }))).toBe('Success');
    await t.TerminateTaskInstance({ JobId: mine, TaskName: 'A', TaskInstanceIndex: 0 });
    expect(double.foreignTerminations).toEqual([
      { action: 'TerminateTaskInstance', jobId: FOREIGN_JOB, params: terminate },
      { action: 'TerminateJob', jobId: FOREIGN_JOB, params: { JobId: FOREIGN_JOB } },
    ]);
    expect(double.terminatedJobIds).toEqual([]);
  });

  it('answers DescribeTask of someone else’s job with ResourceNotFound.Task', async () => {
    const { target } = setUp();
    expect(outcomeOf(await target().DescribeTask({ JobId: FOREIGN_JOB, TaskName: 'render' }))).toBe(
      'ResourceNotFound.Task',
    );
  });
});

describe('createLiveLikeDouble: what it records', () => {
  it('records every request with its action, JobId and outcome, the jobs created and those TerminateJob ended', async () => {
    const { target, double } = setUp();
    const t = target();
    const first = await submit(t);
    const second = await submit(t);
    await t.TerminateJob({ JobId: first }); // SUBMITTED: refused, so not recorded as terminated
    await t.DescribeJob({ JobId: 'job-abc1234' });
    await double.implementation(new Request(new URL('/_emulator/info', IN_PROCESS_ORIGIN)));
    expect(double.requests).toEqual([
      { action: 'SubmitJob', jobId: undefined, outcome: 'Success' },
      { action: 'SubmitJob', jobId: undefined, outcome: 'Success' },
      { action: 'TerminateJob', jobId: first, outcome: 'UnsupportedOperation' },
      { action: 'DescribeJob', jobId: 'job-abc1234', outcome: 'ResourceNotFound.Job' },
      { action: undefined, jobId: undefined, outcome: 'InvalidAction' },
    ]);
    expect(double.createdJobIds).toEqual([first, second]);
    expect(double.terminatedJobIds).toEqual([]);
    expect(double.foreignTerminations).toEqual([]);
  });
});
