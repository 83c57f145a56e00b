import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRequest } from '../../control/controlPlane.ts';
import { createControlClient } from '../../control/createControlClient.ts';
import { createEmulator } from '../createEmulator.ts';
import { startSdkHarness, task, type SdkHarness, type SdkOutcome } from '../../test-only/startSdkHarness.ts';

// Tenants over HTTP, driven by the official SDKs: each tenant signs with its own key pair and sees only its world.

const TERMINATE_A0 = (JobId: string) => ({ JobId, TaskName: 'A', TaskInstanceIndex: 0 });

async function startTenant(h: SdkHarness, request: TenantRequest = {}) {
  const created = await h.control.createTenant(request);
  const client = h.commonClient({}, created.credentials);
  const control = createControlClient((r) => fetch(r), h.url, { tenant: created.id });
  return {
    ...created,
    control,
    call: (action: string, params: unknown) => h.call(action, params, client),
    async submit(command = 'sleep 1000'): Promise<string> {
      const outcome = await h.call(
        'SubmitJob',
        { Placement: { Zone: 'ap-guangzhou-2' }, Job: { Tasks: [task(command)] } },
        client,
      );
      if (!outcome.ok) throw new Error(`SubmitJob failed: ${outcome.code ?? outcome.message}`);
      return outcome.data['JobId'] as string;
    },
  };
}

const codeOf = (outcome: SdkOutcome): string | undefined => (outcome.ok ? 'Success' : outcome.code);

/** Everything a control call could change, for every tenant: a refused call must leave it all as it was. */
async function everyWorld(h: SdkHarness) {
  const tenants = await h.control.listTenants();
  return Promise.all(
    tenants.map(async (t) => {
      const control = createControlClient((r) => fetch(r), h.url, { tenant: t.id });
      return { summary: t, snapshot: await control.snapshot(), faults: await control.listFaults() };
    }),
  );
}

describe('the official SDKs against a non-default tenant', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness();
  });
  afterAll(() => h.close());

  it('answers CommonClient (TC3) from the world of the tenant whose key signed the call', async () => {
    const a = await startTenant(h);
    const job = await a.submit();
    expect(codeOf(await a.call('DescribeJob', { JobId: job }))).toBe('Success');
    expect(codeOf(await h.call('DescribeJob', { JobId: job }))).toBe('ResourceNotFound.Job');
    expect((await a.control.snapshot()).jobs.map((j) => j.JobId)).toEqual([job]);
    expect((await h.control.snapshot()).jobs.map((j) => j.JobId)).not.toContain(job);
  });

  it.each([
    ['HmacSHA256', 'POST'],
    ['HmacSHA1', 'GET'],
  ])('terminates through the intl-en BatchClient signing v1 %s over %s with the tenant key', async (sign, method) => {
    const a = await startTenant(h);
    const job = await a.submit();
    await a.control.advanceBy(30);
    const { intl } = h.sdks;
    const client = new intl.BatchClient(
      new intl.Credential(a.credentials.secretId, a.credentials.secretKey),
      'ap-guangzhou',
      new intl.ClientProfile(sign, new intl.HttpProfile('http://', h.endpoint, method)),
    );
    const outcome = await new Promise<unknown>((resolve) => {
      client.TerminateTaskInstance(TERMINATE_A0(job), (error) => {
        resolve(error ?? 'Success');
      });
    });
    expect(outcome).toBe('Success');
    await a.control.advanceBy(10);
    expect((await a.control.snapshot(job)).jobs[0]?.tasks[0]?.instances[0]?.state).toBe('FAILED');
  });

  it('refuses a deleted tenant key with AuthFailure.SecretIdNotFound and forgets the tenant', async () => {
    const a = await startTenant(h);
    await h.control.deleteTenant(a.id);
    expect(codeOf(await a.call('DescribeJob', { JobId: 'job-00000000' }))).toBe('AuthFailure.SecretIdNotFound');
    expect((await h.control.listTenants()).map((t) => t.id)).not.toContain(a.id);
  });
});

describe('two tenants interleaving calls', () => {
  let h: SdkHarness;
  let a: Awaited<ReturnType<typeof startTenant>>;
  let b: Awaited<ReturnType<typeof startTenant>>;
  let jobA: string;
  let jobB: string;
  beforeAll(async () => {
    // Rate limits on (the spec's): the windows are part of what must stay apart.
    h = await startSdkHarness({ rateLimits: undefined });
    a = await startTenant(h, { id: 'alpha' });
    b = await startTenant(h, { id: 'beta' });
    jobA = await a.submit();
    jobB = await b.submit();
  });
  afterAll(() => h.close());

  it('never shows one tenant the jobs of another', async () => {
    expect(codeOf(await a.call('DescribeJob', { JobId: jobB }))).toBe('ResourceNotFound.Job');
    expect(codeOf(await b.call('DescribeJob', { JobId: jobA }))).toBe('ResourceNotFound.Job');
    expect(codeOf(await b.call('TerminateTaskInstance', TERMINATE_A0(jobA)))).toBe('ResourceNotFound.TaskInstance');
    expect((await a.control.snapshot()).jobs.map((j) => j.JobId)).toEqual([jobA]);
    expect((await b.control.snapshot()).jobs.map((j) => j.JobId)).toEqual([jobB]);
  });

  it("moves one tenant's clock and leaves the other's where it was", async () => {
    const before = (await b.control.info()).clock.nowMs;
    await a.control.advanceBy(30);
    expect((await b.control.info()).clock.nowMs).toBe(before);
    expect((await a.control.snapshot(jobA)).jobs[0]?.tasks[0]?.instances[0]?.state).toBe('RUNNING');
    expect((await b.control.snapshot(jobB)).jobs[0]?.tasks[0]?.instances[0]?.state).toBe('SUBMITTED');
  });

  it('counts rate-limit windows per tenant: each gets its own 2 calls per second', async () => {
    // Both clocks move one second on, so every earlier call has left the window.
    await a.control.advanceBy(1);
    await b.control.advanceBy(1);
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push(codeOf(await a.call('TerminateTaskInstance', { ...TERMINATE_A0(jobA), TaskInstanceIndex: 5 })));
      codes.push(codeOf(await b.call('TerminateTaskInstance', { ...TERMINATE_A0(jobB), TaskInstanceIndex: 5 })));
    }
    const notFound = 'ResourceNotFound.TaskInstance';
    expect(codes).toEqual([notFound, notFound, notFound, notFound, 'RequestLimitExceeded', 'RequestLimitExceeded']);
  });

  it("fires one tenant's faults and never another's", async () => {
    await a.control.addFault({ kind: 'error', code: 'InternalError', action: 'DescribeJob' });
    expect(codeOf(await b.call('DescribeJob', { JobId: jobB }))).toBe('Success');
    expect(codeOf(await a.call('DescribeJob', { JobId: jobA }))).toBe('InternalError');
    expect(await b.control.listFaults()).toEqual([]);
    await a.control.clearFaults();
  });

  it('resets one tenant and leaves the other, and the default tenant, alone', async () => {
    await b.control.addFault({ kind: 'latency', ms: 1, action: 'SubmitJob' });
    const others = { b: await b.control.snapshot(), bFaults: await b.control.listFaults(), d: await h.snapshot() };
    await a.control.reset();
    expect((await a.control.snapshot()).jobs).toEqual([]);
    expect({ b: await b.control.snapshot(), bFaults: await b.control.listFaults(), d: await h.snapshot() }).toEqual(
      others,
    );
  });
});

describe('checkpoint and restore', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness();
  });
  afterAll(() => h.close());

  it('round-trips a world: jobs, instance histories, CVMs, clock and faults come back as saved', async () => {
    const a = await startTenant(h);
    const job = await a.submit('sleep 100');
    await a.control.advanceBy(25);
    await a.control.addFault({ kind: 'error', code: 'InternalError', action: 'DescribeTask', count: 2 });
    const saved = { snapshot: await a.control.snapshot(), faults: await a.control.listFaults() };
    const { checkpoint } = await a.control.checkpoint();

    // Change everything the checkpoint holds, then put it back.
    await a.call('TerminateTaskInstance', TERMINATE_A0(job));
    await a.submit();
    await a.control.advanceBy(500);
    await a.control.clearFaults();
    await a.control.restore(checkpoint);
    expect({ snapshot: await a.control.snapshot(), faults: await a.control.listFaults() }).toEqual(saved);
  });

  it('continues a restored world exactly as the saved one would, in any tenant, as often as restored', async () => {
    const a = await startTenant(h);
    const job = await a.submit('sleep 40; exit 3');
    await a.control.advanceBy(10);
    const { checkpoint } = await a.control.checkpoint();
    const b = await startTenant(h);
    await b.control.restore(checkpoint);

    // The same calls and time in both: same JobIds (the random sequence is saved too), same histories.
    const run = async (t: typeof a) => {
      const next = await t.submit();
      await t.control.advanceBy(100);
      await t.call('TerminateTaskInstance', TERMINATE_A0(next));
      await t.control.advanceBy(30);
      return t.control.snapshot();
    };
    const first = await run(a);
    expect(await run(b)).toEqual(first);
    expect(first.jobs.find((j) => j.JobId === job)?.tasks[0]?.instances[0]?.state).toBe('FAILED');
    await a.control.restore(checkpoint);
    expect(await run(a)).toEqual(first);
  });

  it('frees a checkpoint on DELETE, after which restoring it is a 404', async () => {
    const a = await startTenant(h);
    const { checkpoint } = await a.control.checkpoint();
    await a.control.deleteCheckpoint(checkpoint);
    await expect(a.control.restore(checkpoint)).rejects.toMatchObject({ status: 404 });
  });
});

describe('bad input on the control plane', () => {
  let h: SdkHarness;
  let currentCheckpoint: string;
  beforeAll(async () => {
    h = await startSdkHarness();
    const a = await startTenant(h, { id: 'prepared' });
    await a.submit();
    await a.control.addFault({ kind: 'latency', ms: 1 });
    const c = await startTenant(h, { id: 'current-rev', docRevision: 'current' });
    await c.submit();
    currentCheckpoint = (await c.control.checkpoint()).checkpoint;
  });
  afterAll(() => h.close());

  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${h.url}/_emulator/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: response.status, body: (await response.json()) as { error?: string } };
  };

  it.each([
    ['an unknown tenant', 'POST', 'tenants/nobody/reset', undefined, 404, /^No tenant nobody/],
    ['an unknown tenant, deleted', 'DELETE', 'tenants/nobody', undefined, 404, /^No tenant nobody/],
    ['a malformed tenant id', 'POST', 'tenants/-bad/reset', undefined, 400, /^Malformed tenant id "-bad"/],
    ['a malformed tenant id, encoded', 'GET', 'tenants/a%2Fb/info', undefined, 400, /^Malformed tenant id/],
    ['a malformed tenant id, deleted', 'DELETE', 'tenants/a.b!', undefined, 400, /^Malformed tenant id/],
    ['a malformed tenant id, created', 'POST', 'tenants', { id: 'no spaces' }, 400, /pattern/],
    ['a tenant id that exists', 'POST', 'tenants', { id: 'prepared' }, 409, /^Tenant prepared exists/],
    ['a SecretId of the default tenant', 'POST', 'tenants', 'example', 409, /belongs to tenant/],
    ['the default tenant, deleted', 'DELETE', 'tenants/default', undefined, 409, /cannot be deleted/],
    [
      'a checkpoint of another doc revision',
      'POST',
      'tenants/prepared/restore',
      'current',
      400,
      /saved under doc revision current, this tenant follows seed/,
    ],
    ['an unknown checkpoint', 'POST', 'tenants/prepared/restore', { checkpoint: 'cp-999' }, 404, /No checkpoint/],
    ['a malformed checkpoint id', 'POST', 'restore', { checkpoint: 'x' }, 400, /pattern/],
    ['an emulator route under a tenant', 'GET', 'tenants/prepared/tenants', undefined, 404, /No control endpoint/],
  ])('refuses %s with a one-line reason and changes no tenant', async (_what, method, path, body, status, reason) => {
    const before = await everyWorld(h);
    const resolved =
      body === 'current'
        ? { checkpoint: currentCheckpoint }
        : body === 'example'
          ? { credentials: { secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', secretKey: 'k' } }
          : body;
    const answer = await send(method, path, resolved);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatch(reason);
    expect(answer.body.error).not.toMatch(/\n/);
    expect(await everyWorld(h)).toEqual(before);
  });
});

describe('a tenant with its own clock', () => {
  it('runs a virtual clock in an emulator started on the real one, which its other tenants keep', async () => {
    const emulator = createEmulator({ clock: 'real', seed: 1 });
    const origin = 'http://emulator.test';
    const emulatorControl = createControlClient(emulator.implementation, origin);
    const created = await emulatorControl.createTenant({ id: 'runner', clock: 'virtual' });
    const runner = createControlClient(emulator.implementation, origin, { tenant: created.id });
    expect(created.info.clock.kind).toBe('virtual');
    const before = (await runner.info()).clock.nowMs;
    await runner.advanceBy(3600);
    expect((await runner.info()).clock.nowMs).toBe(before + 3_600_000);
    expect((await emulatorControl.info()).clock.kind).toBe('real');
    await expect(emulatorControl.advanceBy(1)).rejects.toThrow(/clock is real/);
    expect((await emulatorControl.createTenant({ id: 'other' })).info.clock.kind).toBe('real');
  });
});
