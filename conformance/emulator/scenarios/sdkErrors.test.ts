import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../generated/actions.ts';
import { EXAMPLE_CREDENTIALS } from '../../signing/Credentials.ts';
import {
  startSdkHarness,
  task,
  type SdkHarness,
  type SdkOutcome,
  startWithRunningJob,
} from '../../test-only/startSdkHarness.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the emulator answered for the last API call, read from its recording (the wire truth). */
function lastRequestId(h: SdkHarness): string {
  const body = h.exchanges.at(-1)?.response.body;
  return (JSON.parse(String(body)) as { Response: { RequestId: string } }).Response.RequestId;
}

function expectError(h: SdkHarness, outcome: SdkOutcome, code: string): void {
  expect(outcome.ok ? 'Success' : outcome.code).toBe(code);
  if (!outcome.ok) {
    expect(outcome.requestId).toMatch(UUID);
    expect(outcome.requestId).toBe(lastRequestId(h));
  }
}

describe('documented errors reach the official SDKs with their code and RequestId', () => {
  let h: SdkHarness;
  let job: string;
  beforeAll(async () => {
    ({ h, job } = await startWithRunningJob());
  });
  afterAll(() => h.close());

  const valid = () => ({ JobId: job, TaskName: 'A', TaskInstanceIndex: 0 });

  it.each(ACTIONS.TerminateTaskInstance.errorCodes)(
    'surfaces an injected %s through CommonClient (TC3)',
    async (code) => {
      await h.control.addFault({ kind: 'error', code, action: 'TerminateTaskInstance', count: 1 });
      const before = await h.snapshot(job);
      expectError(h, await h.call('TerminateTaskInstance', valid()), code);
      expect(await h.state(job)).toBe('RUNNING');
      // The state alone cannot tell: a RUNNING instance stays RUNNING while its CVM terminates. The snapshot can.
      expect(await h.snapshot(job)).toEqual(before);
    },
  );

  it.each([
    ['InvalidParameter.JobIdMalformed', { JobId: 'job-BAD', TaskName: 'A', TaskInstanceIndex: 0 }],
    ['ResourceNotFound.TaskInstance', { JobId: 'job-00000000', TaskName: 'A', TaskInstanceIndex: 0 }],
    ['ResourceNotFound.TaskInstance', { JobId: '<job>', TaskName: 'nope', TaskInstanceIndex: 0 }],
    ['ResourceNotFound.TaskInstance', { JobId: '<job>', TaskName: 'A', TaskInstanceIndex: 2 }],
    ['MissingParameter', { JobId: '<job>', TaskName: 'A' }],
    ['UnknownParameter', { JobId: '<job>', TaskName: 'A', TaskInstanceIndex: 0, Force: true }],
    ['InvalidParameter', { JobId: '<job>', TaskName: 'A', TaskInstanceIndex: '0' }],
    ['InvalidParameter', { JobId: '<job>', TaskName: 'A', TaskInstanceIndex: 0.5 }],
    ['InvalidParameterValue', { JobId: '<job>', TaskName: 'A', TaskInstanceIndex: -1 }],
    ['InvalidParameterValue', { JobId: '<job>', TaskName: 'A', TaskInstanceIndex: 2 ** 63 }],
  ])('answers %s for %j and changes nothing', async (code, params) => {
    const resolved = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v === '<job>' ? job : v]));
    const before = await h.snapshot(job);
    expectError(h, await h.call('TerminateTaskInstance', resolved), code);
    expect((await h.instances(job)).map((i) => i.TaskInstanceState)).toEqual(['RUNNING', 'RUNNING']);
    expect(await h.snapshot(job)).toEqual(before);
  });

  it('answers InvalidAction for an unknown action and NoSuchVersion for an unknown version', async () => {
    expectError(h, await h.call('TerminateEverything', valid()), 'InvalidAction');
    // Names every JavaScript object inherits are not actions either.
    for (const inherited of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      expectError(h, await h.call(inherited, valid()), 'InvalidAction');
    }
    const future = new h.sdks.common.CommonClient(h.endpoint, '2099-01-01', {
      credential: { ...EXAMPLE_CREDENTIALS },
      region: 'ap-guangzhou',
      profile: { httpProfile: { protocol: 'http://', endpoint: h.endpoint } },
    });
    expectError(h, await h.call('TerminateTaskInstance', valid(), future), 'NoSuchVersion');
  });

  it('answers AuthFailure codes for a wrong key, an unknown SecretId and a wrong token', async () => {
    const before = await h.snapshot(job);
    const wrongKey = h.commonClient({}, { ...EXAMPLE_CREDENTIALS, secretKey: 'not-the-key' });
    expectError(h, await h.call('TerminateTaskInstance', valid(), wrongKey), 'AuthFailure.SignatureFailure');
    const unknownId = h.commonClient({}, { ...EXAMPLE_CREDENTIALS, secretId: 'AKIDunknown' });
    expectError(h, await h.call('TerminateTaskInstance', valid(), unknownId), 'AuthFailure.SecretIdNotFound');
    const withToken = h.commonClient({}, { ...EXAMPLE_CREDENTIALS, token: 'a-token-nobody-issued' });
    expectError(h, await h.call('TerminateTaskInstance', valid(), withToken), 'AuthFailure.TokenFailure');
    expect(await h.state(job)).toBe('RUNNING');
    expect(await h.snapshot(job)).toEqual(before);
  });

  it('answers the same codes over TC3 GET', async () => {
    const get = h.commonClient({ reqMethod: 'GET' });
    expectError(
      h,
      await h.call('TerminateTaskInstance', { ...valid(), JobId: 'job-x' }, get),
      'InvalidParameter.JobIdMalformed',
    );
    expectError(
      h,
      await h.call('TerminateTaskInstance', { ...valid(), TaskInstanceIndex: 9 }, get),
      'ResourceNotFound.TaskInstance',
    );
    const described = await h.call(
      'DescribeTask',
      { JobId: job, TaskName: 'A', Filters: [{ Name: 'task-instance-state', Values: ['RUNNING'] }] },
      get,
    );
    expect(described.ok && described.data['TaskInstanceTotalCount']).toBe(2);
  });
});

describe('the intl-en SDK (v1 signatures by default, and TC3) against the emulator', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness();
  });
  afterAll(() => h.close());

  function intlClient(signMethod: string, reqMethod = 'POST') {
    const { intl } = h.sdks;
    return new intl.BatchClient(
      new intl.Credential(EXAMPLE_CREDENTIALS.secretId, EXAMPLE_CREDENTIALS.secretKey),
      'ap-guangzhou',
      new intl.ClientProfile(signMethod, new intl.HttpProfile('http://', h.endpoint, reqMethod)),
    );
  }

  function terminateWith(client: ReturnType<typeof intlClient>, params: unknown): Promise<SdkOutcome> {
    return new Promise((resolve) => {
      client.TerminateTaskInstance(params, (error, response) => {
        if (error === null || error === undefined) resolve({ ok: true, data: response as Record<string, unknown> });
        else {
          const e = error as { code?: string; requestId?: string; message?: string };
          resolve({ ok: false, code: e.code, requestId: e.requestId ?? '', message: e.message ?? '' });
        }
      });
    });
  }

  it.each([
    ['HmacSHA256', 'POST'],
    ['HmacSHA1', 'GET'],
    ['TC3-HMAC-SHA256', 'POST'],
  ])('terminates a RUNNING instance and surfaces errors with %s over %s', async (signMethod, reqMethod) => {
    const client = intlClient(signMethod, reqMethod);
    const job = await h.submit([task('sleep 1000')]);
    await h.advance(30);
    expectError(
      h,
      await terminateWith(client, { JobId: 'JOB', TaskName: 'A', TaskInstanceIndex: 0 }),
      'InvalidParameter.JobIdMalformed',
    );
    expectError(
      h,
      await terminateWith(client, { JobId: job, TaskName: 'B', TaskInstanceIndex: 0 }),
      'ResourceNotFound.TaskInstance',
    );
    const ok = await terminateWith(client, { JobId: job, TaskName: 'A', TaskInstanceIndex: 0 });
    expect(ok.ok && ok.data['RequestId']).toBe(lastRequestId(h));
    await h.advance(10);
    expect(await h.state(job)).toBe('FAILED');
  });

  it('answers AuthFailure.SignatureExpire when the client signed more than 5 minutes ago by wall clock', async () => {
    const late = await startSdkHarness({ wallClock: () => Date.now() + 6 * 60_000 });
    try {
      const outcome = await late.call('DescribeJob', { JobId: 'job-00000000' });
      expectError(late, outcome, 'AuthFailure.SignatureExpire');
    } finally {
      await late.close();
    }
  });
});

describe('rate limit on the emulator clock', () => {
  it('answers RequestLimitExceeded to the third TerminateTaskInstance in one second, and lets it through a second later', async () => {
    const h = await startSdkHarness({ rateLimits: undefined });
    try {
      const params = { JobId: 'job-00000000', TaskName: 'A', TaskInstanceIndex: 0 };
      const codes = [];
      for (let i = 0; i < 3; i++) {
        const outcome = await h.call('TerminateTaskInstance', params);
        codes.push(outcome.ok ? 'Success' : outcome.code);
      }
      expect(codes).toEqual(['ResourceNotFound.TaskInstance', 'ResourceNotFound.TaskInstance', 'RequestLimitExceeded']);
      await h.advance(1);
      expectError(h, await h.call('TerminateTaskInstance', params), 'ResourceNotFound.TaskInstance');
    } finally {
      await h.close();
    }
  });
});
