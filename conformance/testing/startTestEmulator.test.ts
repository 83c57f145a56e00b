// The test helper as a user's test file would use it: the official SDKs pointed at it with its ready settings.
import { globalAgent } from 'node:https';
import { createServer } from 'node:net';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANONYMOUS_COMPUTE_ENV } from '../client/anonymousComputeEnv.ts';
import { loadOfficialSdks } from '../test-only/loadOfficialSdks.ts';
import { startTestEmulator, type TestEmulator } from './startTestEmulator.ts';

const NAMED_ENV = 'env-abcdefgh';

function submitJob(emulator: TestEmulator, command = 'sleep 30', env: object = { ComputeEnv: ANONYMOUS_COMPUTE_ENV }) {
  const { endpoint, version, config } = emulator.commonClient;
  return new CommonClient(endpoint, version, config).request('SubmitJob', {
    Placement: { Zone: 'ap-guangzhou-2' },
    Job: {
      JobName: 'helper',
      Tasks: [{ TaskName: 'A', TaskInstanceNum: 1, Application: { DeliveryForm: 'LOCAL', Command: command }, ...env }],
    },
  }) as Promise<{ JobId: string }>;
}

/** What an SDK threw, as code (undefined when the call succeeded). */
async function codeOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

function stateOf(snapshot: Awaited<ReturnType<TestEmulator['snapshot']>>, jobId: string) {
  return snapshot.jobs.find((job) => job.JobId === jobId)?.tasks[0]?.instances[0]?.state;
}

describe('startTestEmulator with its defaults', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  beforeEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('listens on 127.0.0.1 on a free port and names the SDK endpoint', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9][0-9]*$/);
    expect(emulator.endpoint).toBe(emulator.url.slice('http://'.length));
  });

  it('answers the common SDK CommonClient built from its ready settings (TC3)', async () => {
    const { JobId } = await submitJob(emulator);
    expect(JobId).toMatch(/^job-[a-z0-9]{8}$/);
  });

  it('answers the intl-en batch Client built from its ready settings (v1 HmacSHA256 form POST)', async () => {
    const { JobId } = await submitJob(emulator);
    const { BatchClient } = loadOfficialSdks().intl;
    const { credential, region, profile } = emulator.intlClient;
    const client = new BatchClient(credential, region, profile);
    const answer = await new Promise((resolve) => {
      client.DescribeJob({ JobId }, (error, response) => {
        resolve(error ?? response);
      });
    });
    expect(answer).toMatchObject({ JobId, JobState: 'SUBMITTED' });
  });

  it('has rate limits off: five SubmitJob calls in one second all succeed (the spec allows 2/s)', async () => {
    const codes = await Promise.all([1, 2, 3, 4, 5].map(() => codeOf(submitJob(emulator))));
    expect(codes).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('runs the virtual clock: nothing moves until advance(), which fires what is due', async () => {
    const { JobId } = await submitJob(emulator, 'sleep 30');
    expect(stateOf(await emulator.snapshot(JobId), JobId)).toBe('SUBMITTED');
    await emulator.advance(600);
    expect(stateOf(await emulator.snapshot(JobId), JobId)).toBe('SUCCEED');
  });

  it('advanceToNextEvent() steps one event at a time and says false once nothing is pending', async () => {
    const { JobId } = await submitJob(emulator, 'exit 0');
    expect(await emulator.advanceToNextEvent()).toBe(true);
    expect(stateOf(await emulator.snapshot(JobId), JobId)).toBe('PENDING');
    while (await emulator.advanceToNextEvent());
    expect(stateOf(await emulator.snapshot(JobId), JobId)).toBe('SUCCEED');
  });

  it('reset() forgets every job', async () => {
    await submitJob(emulator);
    expect((await emulator.snapshot()).jobs).toHaveLength(1);
    await emulator.reset();
    expect((await emulator.snapshot()).jobs).toEqual([]);
  });

  it('declareEnv() makes a named compute environment SubmitJob accepts (unknown ones are ResourceNotFound.ComputeEnv)', async () => {
    const named = { EnvId: NAMED_ENV };
    expect(await codeOf(submitJob(emulator, 'sleep 1', named))).toBe('ResourceNotFound.ComputeEnv');
    await emulator.declareEnv(NAMED_ENV);
    expect(await codeOf(submitJob(emulator, 'sleep 1', named))).toBeUndefined();
  });

  it('injectFault() arms a fault for the next calls, and clearFaults() disarms it', async () => {
    await emulator.injectFault({ kind: 'error', code: 'InternalError', action: 'SubmitJob', count: 1 });
    expect(await codeOf(submitJob(emulator))).toBe('InternalError');
    expect(await codeOf(submitJob(emulator))).toBeUndefined();
    await emulator.injectFault({ kind: 'error', code: 'InternalError' });
    await emulator.clearFaults();
    expect(await codeOf(submitJob(emulator))).toBeUndefined();
  });
});

describe('startTestEmulator options', () => {
  it('gives the spec limits with rateLimits: true (the third SubmitJob in a second is RequestLimitExceeded)', async () => {
    const emulator = await startTestEmulator({ rateLimits: true });
    try {
      const codes = await Promise.all([1, 2, 3].map(() => codeOf(submitJob(emulator))));
      expect(codes.filter((code) => code === 'RequestLimitExceeded')).toHaveLength(1);
    } finally {
      await emulator.close();
    }
  });

  it('carries the given credentials and region into the SDK settings, and accepts only that pair', async () => {
    const credentials = {
      secretId: 'AKIDtestHelper000000000000000000000',
      secretKey: 'helperSecretKey0000000000000000',
    };
    const emulator = await startTestEmulator({ credentials, region: 'ap-shanghai' });
    try {
      expect(emulator.commonClient.config).toMatchObject({ credential: credentials, region: 'ap-shanghai' });
      expect(emulator.intlClient).toMatchObject({ credential: credentials, region: 'ap-shanghai' });
      expect(await codeOf(submitJob(emulator))).toBeUndefined();
    } finally {
      await emulator.close();
    }
  });
});

describe('startTestEmulator lifecycle', () => {
  /** Resolves once something can listen on the port again (it was freed), rejects with EADDRINUSE otherwise. */
  function canListenOn(port: number): Promise<void> {
    const server = createServer();
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
    });
  }

  /** Listening servers and open sockets of this test process (the emulator's and the SDK's both show here). */
  const tcpHandles = (): string[] => process.getActiveResourcesInfo().filter((kind) => kind.startsWith('TCP'));

  it('close() frees the port and leaves no server, socket or handle running', async () => {
    const emulator = await startTestEmulator();
    const port = Number(new URL(emulator.url).port);
    await submitJob(emulator);
    expect(tcpHandles()).toContain('TCPServerWrap');
    await expect(canListenOn(port)).rejects.toThrow(/EADDRINUSE/);
    await emulator.close();
    await canListenOn(port);
    // The SDK's own keep-alive socket closes once it reads the emulator's end of the connection; the emulators of
    // the tests above are closed too, so no server or socket is left in this process.
    await vi.waitFor(() => {
      expect(tcpHandles()).toEqual([]);
    });
  });

  it('close() twice is harmless', async () => {
    const emulator = await startTestEmulator();
    await emulator.close();
    await expect(emulator.close()).resolves.toBeUndefined();
  });

  it('`await using` closes it at the end of the block', async () => {
    let port = 0;
    {
      await using emulator = await startTestEmulator();
      port = Number(new URL(emulator.url).port);
      await expect(canListenOn(port)).rejects.toThrow(/EADDRINUSE/);
    }
    await canListenOn(port);
  });
});

describe('startTestEmulator({ tls: true })', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ tls: true });
  });
  afterAll(() => emulator.close());

  /** What the intl-en client answered DescribeJob with: the response, or the error's code or message. */
  function intlDescribe(jobId: string, target: TestEmulator = emulator): Promise<unknown> {
    const { BatchClient } = loadOfficialSdks().intl;
    const { credential, region, profile } = target.intlClient;
    return new Promise((resolve) => {
      new BatchClient(credential, region, profile).DescribeJob({ JobId: jobId }, (error, response) => {
        const e = error as { code?: string; message?: string } | null;
        resolve(e === null ? response : (e.code ?? e.message));
      });
    });
  }

  it('listens on https:// and hands back the certificate it made', () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:[1-9][0-9]*$/);
    expect(emulator.ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
    // The SDKs trust the certificate they are given, never an off switch.
    expect(process.env['NODE_TLS_REJECT_UNAUTHORIZED']).toBeUndefined();
  });

  it('answers both official SDKs built from its ready settings, each trusting only that certificate', async () => {
    const { JobId } = await submitJob(emulator);
    expect(await intlDescribe(JobId)).toMatchObject({ JobId, JobState: 'SUBMITTED' });
  });

  it('with trustInGlobalAgent: false, only a client given the settings agent trusts the certificate', async () => {
    await using own = await startTestEmulator({ tls: true, trustInGlobalAgent: false });
    const { endpoint, version, config } = own.commonClient;
    const withoutAgent = { protocol: 'https://', endpoint };
    const untrusting = new CommonClient(endpoint, version, { ...config, profile: { httpProfile: withoutAgent } });
    const describeJob = (client: CommonClient) => codeOf(client.request('DescribeJob', { JobId: 'job-abcdefgh' }));
    expect(await describeJob(new CommonClient(endpoint, version, config))).toBe('ResourceNotFound.Job');
    expect(await describeJob(untrusting)).toMatch(/self-signed certificate/);
    expect(await intlDescribe('job-abcdefgh', own)).toMatch(/self-signed certificate/);
  });

  it('trusts its certificate in the global agent only while it is up', async () => {
    const other = await startTestEmulator({ tls: true });
    expect(globalAgent.options.ca).toContain(other.ca);
    expect(await intlDescribe('job-abcdefgh', other)).toBe('ResourceNotFound.Job');
    await other.close();
    expect(globalAgent.options.ca).not.toContain(other.ca);
    expect(globalAgent.options.ca).toContain(emulator.ca);
  });
});
