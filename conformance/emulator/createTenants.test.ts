import { describe, expect, it } from 'vitest';
import { createApiClient } from '../client/createApiClient.ts';
import { createControlClient } from '../control/createControlClient.ts';
import type { Credentials } from '../signing/Credentials.ts';
import { EXAMPLE_CREDENTIALS } from '../signing/Credentials.ts';
import { TbcError } from '../TbcError.ts';
import { ANONYMOUS_COMPUTE_ENV } from '../client/anonymousComputeEnv.ts';
import { createEmulator, type Emulator } from './createEmulator.ts';

const ORIGIN = 'http://emulator.test';

const JOB = {
  Placement: { Zone: 'ap-guangzhou-2' },
  Job: {
    Tasks: [
      {
        TaskName: 'A',
        Application: { DeliveryForm: 'LOCAL' as const, Command: 'sleep 1' },
        ComputeEnv: ANONYMOUS_COMPUTE_ENV,
      },
    ],
  },
};

/** Submits one job in process, signed with `credentials`, and answers its JobId. */
async function submitAs(emulator: Emulator, credentials: Credentials): Promise<string> {
  const target = createApiClient({ implementation: emulator.implementation, credentials, pacing: false });
  const result = await target.SubmitJob(JOB);
  if (result.kind !== 'success') throw new Error(`SubmitJob: ${result.kind}`);
  return result.data.JobId;
}

async function firstJobOf(emulator: Emulator, id: string): Promise<string> {
  const { credentials } = await createControlClient(emulator.implementation, ORIGIN).createTenant({ id });
  return submitAs(emulator, credentials);
}

describe('tenants of one emulator', () => {
  it('gives a tenant the same ids whatever tenants were created before it', async () => {
    const one = createEmulator({ clock: 'virtual', seed: 7 });
    const other = createEmulator({ clock: 'virtual', seed: 7 });
    const forward = [await firstJobOf(one, 'x'), await firstJobOf(one, 'y')];
    const backward = [await firstJobOf(other, 'y'), await firstJobOf(other, 'x')];
    expect(forward).toEqual([backward[1], backward[0]]);
    expect(forward[0]).not.toBe(forward[1]);
  });

  it("keeps the default tenant's ids those of an emulator without tenants", async () => {
    const plain = createEmulator({ clock: 'virtual', seed: 7 });
    const busy = createEmulator({ clock: 'virtual', seed: 7, tenants: [{ id: 'x' }, { id: 'y' }] });
    await firstJobOf(busy, 'z');
    expect(await submitAs(busy, EXAMPLE_CREDENTIALS)).toBe(await submitAs(plain, EXAMPLE_CREDENTIALS));
  });

  it('repeats ids after a reset with a seed, whatever ran before it', async () => {
    const emulator = createEmulator({ clock: 'virtual' });
    const control = createControlClient(emulator.implementation, ORIGIN);
    await control.reset({ seed: 3 });
    const first = await submitAs(emulator, EXAMPLE_CREDENTIALS);
    await submitAs(emulator, EXAMPLE_CREDENTIALS);
    await control.reset({ seed: 3 });
    expect(await submitAs(emulator, EXAMPLE_CREDENTIALS)).toBe(first);
  });

  it('creates the tenants of the `tenants` option at start, signing with the pair given', async () => {
    const credentials = { secretId: 'AKIDtenantAtStart', secretKey: 'its-key' };
    const emulator = createEmulator({ clock: 'virtual', tenants: [{ id: 'ci', credentials }] });
    const job = await submitAs(emulator, credentials);
    const control = createControlClient(emulator.implementation, ORIGIN, { tenant: 'ci' });
    expect((await control.snapshot()).jobs.map((j) => j.JobId)).toEqual([job]);
    expect((await control.info()).tenant).toBe('ci');
  });

  it('refuses a `tenants` option that reuses an id, as misuse', () => {
    expect(() => createEmulator({ tenants: [{ id: 'twice' }, { id: 'twice' }] })).toThrow(TbcError);
  });

  it('gives out ids t-1, t-2, ... and skips the ones taken', async () => {
    const control = createControlClient(createEmulator({ tenants: [{ id: 't-2' }] }).implementation, ORIGIN);
    expect((await control.createTenant()).id).toBe('t-1');
    expect((await control.createTenant()).id).toBe('t-3');
    expect((await control.listTenants()).map((t) => t.id)).toEqual(['default', 't-2', 't-1', 't-3']);
  });
});
