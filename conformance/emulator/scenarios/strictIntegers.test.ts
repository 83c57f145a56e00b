import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type RawCall } from '../../client/createApiClient.ts';
import { createControlClient } from '../../control/createControlClient.ts';
import { EXAMPLE_CREDENTIALS } from '../../signing/Credentials.ts';
import { task } from '../../test-only/startSdkHarness.ts';
import { createEmulator } from '../createEmulator.ts';

const RUN_SEED = Number(process.env['TBC_SEED'] ?? 20261129);

/** Text JavaScript's Number reads as an integer, and near misses of decimal digits (decision D-22). */
const lookalikeArb = fc.oneof(
  fc.constantFrom(
    '0x1',
    '0X1',
    '0b1',
    '0o1',
    '1e0',
    '1E0',
    '1.0',
    '1.',
    '.1',
    '+1',
    ' 1',
    '1 ',
    '\t1',
    '1\n',
    '1_0',
    '',
  ),
  fc.tuple(fc.nat(3), fc.constantFrom(' ', '+', '.', 'e', 'x', '\u00a0', '１')).map(([n, c]) => `${c}${n}`),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const notIntegerArb = lookalikeArb.filter((s) => !/^-?[0-9]+$/.test(s));

describe('strict integers on every flat wire form (decision D-22)', () => {
  const emulator = createEmulator({ clock: 'virtual', rateLimits: false, seed: RUN_SEED });
  const control = createControlClient(emulator.implementation, 'http://emulator');
  const target = createApiClient({
    implementation: emulator.implementation,
    credentials: EXAMPLE_CREDENTIALS,
    pacing: false,
  });
  let job = '';
  beforeAll(async () => {
    const submitted = await target.SubmitJob({
      Placement: { Zone: 'ap-guangzhou-2' },
      Job: { Tasks: [task('sleep 100000', { TaskInstanceNum: 3 }) as never] },
    });
    if (submitted.kind !== 'success') throw new Error('SubmitJob failed');
    job = submitted.data.JobId;
    await control.advanceBy(30);
  });

  it('never acts on an instance for a TaskInstanceIndex that is not decimal digits (property)', async () => {
    const forms = fc.constantFrom<Pick<RawCall, 'scheme' | 'method'>>(
      { scheme: 'TC3', method: 'GET' },
      { scheme: 'v1', method: 'GET' },
      { scheme: 'v1', method: 'POST' },
    );
    await fc.assert(
      fc.asyncProperty(notIntegerArb, forms, async (text, form) => {
        const before = await control.snapshot(job);
        const result = await target.raw({
          action: 'TerminateTaskInstance',
          params: { JobId: job, TaskName: 'A', TaskInstanceIndex: text },
          ...form,
        });
        expect(result.kind === 'error' ? result.code : result.kind).toBe('InvalidParameter');
        expect(await control.snapshot(job)).toEqual(before);
      }),
      { seed: RUN_SEED, numRuns: 150 },
    );
  });

  it('acts on the instance that decimal digits name, leading zeros and all', async () => {
    const result = await target.raw({
      action: 'TerminateTaskInstance',
      params: { JobId: job, TaskName: 'A', TaskInstanceIndex: '002' },
      scheme: 'v1',
      method: 'GET',
    });
    expect(result.kind).toBe('success');
    await control.advanceBy(60);
    const states = (await control.snapshot(job)).jobs[0]?.tasks[0]?.instances.map((i) => i.state);
    expect(states).toEqual(['RUNNING', 'RUNNING', 'FAILED']);
  });

  it('names no instance with an index past 2^53−1, exact on a query and parsed in JSON', async () => {
    for (const [index, form] of [
      ['9007199254740993', { method: 'GET' }],
      ['9223372036854775807', { scheme: 'v1', method: 'POST' }],
      [2 ** 53 + 2, {}],
    ] as const) {
      const result = await target.raw({
        action: 'TerminateTaskInstance',
        params: { JobId: job, TaskName: 'A', TaskInstanceIndex: index },
        ...form,
      });
      expect(result.kind === 'error' ? result.code : result.kind).toBe('ResourceNotFound.TaskInstance');
    }
  });
});
