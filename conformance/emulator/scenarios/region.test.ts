import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGION_RULES } from '../../../generated/regions.ts';
import { createApiClient, type RawCall } from '../../client/createApiClient.ts';
import type { Malformation } from '../../client/Malformation.ts';
import { EXAMPLE_CREDENTIALS } from '../../signing/Credentials.ts';
import { createEmulator } from '../createEmulator.ts';
import { task, type SdkHarness, type SdkOutcome, startWithRunningJob } from '../../test-only/startSdkHarness.ts';

const WIRE_FORMS = [
  { scheme: 'TC3', method: 'POST' },
  { scheme: 'TC3', method: 'GET' },
  { scheme: 'v1', method: 'POST' },
  { scheme: 'v1', method: 'GET' },
] as const;

const REFUSALS: [string, Malformation, string][] = [
  ['no Region', { kind: 'omit-common-parameter', name: 'Region' }, 'MissingParameter'],
  ['an empty Region', { kind: 'region', value: '' }, 'MissingParameter'],
  ['the literal null', { kind: 'region', value: 'null' }, 'UnsupportedRegion'],
  ['a made-up region', { kind: 'region', value: 'mars-north-1' }, 'UnsupportedRegion'],
  ['a zone instead of a region', { kind: 'region', value: 'ap-guangzhou-2' }, 'UnsupportedRegion'],
];

function codeOf(result: { kind: string; code?: string }): string {
  return result.kind === 'error' ? (result.code ?? '') : result.kind;
}

describe('Region under doc revision seed (decisions D-04, D-19)', () => {
  let h: SdkHarness;
  let job: string;
  beforeAll(async () => {
    ({ h, job } = await startWithRunningJob());
  });
  afterAll(() => h.close());

  const target = () => createApiClient({ endpoint: h.url, credentials: EXAMPLE_CREDENTIALS, pacing: false });
  const terminate = (malformation: Malformation, form: (typeof WIRE_FORMS)[number]): RawCall => ({
    action: 'TerminateTaskInstance',
    params: { JobId: job, TaskName: 'A', TaskInstanceIndex: 0 },
    ...form,
    malformations: [malformation],
  });

  describe.each(WIRE_FORMS)('$scheme $method', (form) => {
    it.each(REFUSALS)(
      'refuses a TerminateTaskInstance with %s (%j) as %s and changes nothing',
      async (_what, m, code) => {
        const before = await h.snapshot(job);
        expect(codeOf(await target().raw(terminate(m, form)))).toBe(code);
        expect(await h.snapshot(job)).toEqual(before);
      },
    );
  });

  it('refuses the supporting actions without a Region too, and SubmitJob creates no job', async () => {
    const omit: Malformation[] = [{ kind: 'omit-common-parameter', name: 'Region' }];
    const before = await h.snapshot();
    const calls: RawCall[] = [
      { action: 'DescribeJob', params: { JobId: job } },
      { action: 'DescribeTask', params: { JobId: job, TaskName: 'A' } },
      { action: 'TerminateJob', params: { JobId: job } },
      {
        action: 'SubmitJob',
        params: {
          Placement: { Zone: 'ap-guangzhou-2' },
          Job: { Tasks: [{ ...task('sleep 1'), TaskName: 'A' }] },
        },
      },
    ];
    for (const call of calls)
      expect(codeOf(await target().raw({ ...call, malformations: omit }))).toBe('MissingParameter');
    expect(await h.snapshot()).toEqual(before);
  });

  it('lets every region of the spec through', async () => {
    for (const region of REGION_RULES.seed.regions) {
      const result = await createApiClient({
        endpoint: h.url,
        credentials: EXAMPLE_CREDENTIALS,
        region,
        pacing: false,
      }).DescribeJob({ JobId: job });
      expect(result.kind).toBe('success');
    }
  });

  it('judges authentication, the action and the version before the Region', async () => {
    const omit: Malformation = { kind: 'omit-common-parameter', name: 'Region' };
    const base = terminate(omit, WIRE_FORMS[0]);
    const answers = [
      await target().raw({ ...base, malformations: [omit, { kind: 'signature', fault: 'corrupt' }] }),
      await target().raw({ ...base, malformations: [omit, { kind: 'action', value: 'TerminateEverything' }] }),
      await target().raw({ ...base, malformations: [omit, { kind: 'version', value: '2099-01-01' }] }),
    ];
    expect(answers.map(codeOf)).toEqual(['AuthFailure.SignatureFailure', 'InvalidAction', 'NoSuchVersion']);
  });

  it.each([
    // v1 leaves Region out; TC3 sends the header `X-TC-Region: null` (reference §5.2 item 5).
    ['HmacSHA256', 'MissingParameter'],
    ['TC3-HMAC-SHA256', 'UnsupportedRegion'],
  ])('refuses the intl-en SDK built without a region over %s with %s', async (signMethod, code) => {
    const { intl } = h.sdks;
    const client = new intl.BatchClient(
      new intl.Credential(EXAMPLE_CREDENTIALS.secretId, EXAMPLE_CREDENTIALS.secretKey),
      null,
      new intl.ClientProfile(signMethod, new intl.HttpProfile('http://', h.endpoint)),
    );
    const outcome = await new Promise<SdkOutcome>((resolve) => {
      client.TerminateTaskInstance({ JobId: job, TaskName: 'A', TaskInstanceIndex: 0 }, (error) => {
        const e = error as { code?: string; requestId?: string; message?: string } | null;
        resolve(e === null ? { ok: true, data: {} } : { ok: false, code: e.code, requestId: '', message: '' });
      });
    });
    expect(outcome.ok ? 'Success' : outcome.code).toBe(code);
    expect(await h.state(job)).toBe('RUNNING');
  });
});

describe('Region under doc revision current, and regions added by option', () => {
  it('accepts a request without a Region, still refuses an empty or made-up one', async () => {
    const emulator = createEmulator({ clock: 'virtual', docRevision: 'current', rateLimits: false });
    const target = createApiClient({
      implementation: emulator.implementation,
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
    });
    const describe = (malformations: Malformation[]) =>
      target.raw({ action: 'DescribeJob', params: { JobId: 'job-00000000' }, malformations });
    expect(codeOf(await describe([{ kind: 'omit-common-parameter', name: 'Region' }]))).toBe('ResourceNotFound.Job');
    expect(codeOf(await describe([{ kind: 'region', value: '' }]))).toBe('MissingParameter');
    expect(codeOf(await describe([{ kind: 'region', value: 'mars-north-1' }]))).toBe('UnsupportedRegion');
  });

  it('accepts the regions given with `regions` (tbc emulator --region) under both revisions', async () => {
    for (const docRevision of ['seed', 'current'] as const) {
      const emulator = createEmulator({ clock: 'virtual', docRevision, regions: ['eu-frankfurt'], rateLimits: false });
      const target = createApiClient({
        implementation: emulator.implementation,
        credentials: EXAMPLE_CREDENTIALS,
        region: 'eu-frankfurt',
        pacing: false,
      });
      expect(codeOf(await target.DescribeJob({ JobId: 'job-00000000' }))).toBe('ResourceNotFound.Job');
    }
  });

  it('counts a refused Region against no rate limit', async () => {
    const emulator = createEmulator({ clock: 'virtual' });
    const target = createApiClient({
      implementation: emulator.implementation,
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
    });
    const call = (malformations: Malformation[]) =>
      target.raw({
        action: 'TerminateTaskInstance',
        params: { JobId: 'job-00000000', TaskName: 'A', TaskInstanceIndex: 0 },
        malformations,
      });
    for (let i = 0; i < 3; i++) {
      expect(codeOf(await call([{ kind: 'region', value: 'mars-north-1' }]))).toBe('UnsupportedRegion');
    }
    expect([codeOf(await call([])), codeOf(await call([]))]).toEqual([
      'ResourceNotFound.TaskInstance',
      'ResourceNotFound.TaskInstance',
    ]);
  });
});
