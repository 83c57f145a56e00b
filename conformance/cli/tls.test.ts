// HTTPS end to end, as a user meets it: `tbc emulator --tls` and `tbc proxy --tls` as processes, the
// official Node SDKs unmodified, and `tbc conformance --ca`, each trusting only the certificate the server made. No
// NODE_TLS_REJECT_UNAUTHORIZED anywhere: a client that does not trust the certificate must fail on it.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { Agent as HttpsAgent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../http/createSelfSignedCertificate.ts';
import { trustInGlobalAgent } from '../testing/trustInGlobalAgent.ts';
import { loadOfficialSdks } from '../test-only/loadOfficialSdks.ts';
import { runTbc, startTbc, WITHOUT_CREDENTIALS, type RunningTbc } from '../test-only/tbcProcess.ts';
import { EXAMPLE_CREDENTIALS } from '../signing/Credentials.ts';

const GENERATED = /made at start-up: (\S+\.pem)/;

/** Starts a `tbc` server verb with --tls on a free port; its URL and the certificate file it printed. */
async function startTlsServer(args: string[]): Promise<{ run: RunningTbc; url: string; caFile: string }> {
  const run = startTbc([...args, '--port', '0', '--tls'], { env: WITHOUT_CREDENTIALS });
  const url = await run.url();
  await run.waitFor(GENERATED);
  const caFile = GENERATED.exec(run.output())?.[1] ?? '';
  return { run, url, caFile };
}

async function stop(server: { run: RunningTbc } | undefined): Promise<void> {
  if (server === undefined) return;
  server.run.child.kill('SIGINT');
  await server.run.exited;
}

const conformance = (args: string[]) =>
  runTbc(['conformance', '--no-progress', '--seed', '5', ...args], { env: WITHOUT_CREDENTIALS });

describe('tbc emulator --tls', () => {
  let emulator: Awaited<ReturnType<typeof startTlsServer>>;
  let ca: string;
  beforeAll(async () => {
    emulator = await startTlsServer(['emulator', '--clock', 'virtual', '--no-rate-limit']);
    ca = await readFile(emulator.caFile, 'utf8');
  });
  afterAll(() => stop(emulator));

  it('listens on https:// and prints the certificate file and how to trust it', () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.run.output()).toContain(`NODE_EXTRA_CA_CERTS=${emulator.caFile}`);
    expect(emulator.run.output()).toContain(`tbc conformance --ca ${emulator.caFile}`);
    expect(process.env['NODE_TLS_REJECT_UNAUTHORIZED']).toBeUndefined();
  });

  it('answers the common SDK (TC3) trusting only that certificate through its agent', async () => {
    const endpoint = new URL(emulator.url).host;
    const client = (agent?: HttpsAgent) =>
      new (loadOfficialSdks().common.CommonClient)(endpoint, '2017-03-12', {
        credential: EXAMPLE_CREDENTIALS,
        region: 'ap-guangzhou',
        profile: { httpProfile: { protocol: 'https://', endpoint, ...(agent === undefined ? {} : { agent }) } },
      });
    const codeOf = (call: Promise<unknown>) =>
      call.then(
        () => 'ok',
        (error: unknown) => (error as { code?: string; message?: string }).code ?? (error as Error).message,
      );
    const params = { JobId: 'job-abcdefgh', TaskName: 'A', TaskInstanceIndex: 0 };
    expect(await codeOf(client(new HttpsAgent({ ca })).request('TerminateTaskInstance', params))).toBe(
      'ResourceNotFound.TaskInstance',
    );
    expect(await codeOf(client().request('TerminateTaskInstance', params))).toMatch(/self-signed certificate/);
  });

  it('answers the intl-en SDK (v1 HmacSHA256 form POST), which trusts it through the global agent', async () => {
    const { intl } = loadOfficialSdks();
    const endpoint = new URL(emulator.url).host;
    const client = new intl.BatchClient(
      new intl.Credential(EXAMPLE_CREDENTIALS.secretId, EXAMPLE_CREDENTIALS.secretKey),
      'ap-guangzhou',
      new intl.ClientProfile('HmacSHA256', new intl.HttpProfile('https://', endpoint)),
    );
    const describeJob = () =>
      new Promise((resolve) => {
        client.DescribeJob({ JobId: 'job-abcdefgh' }, (error) => {
          const e = error as { code?: string; message?: string } | null;
          resolve(e?.code ?? e?.message);
        });
      });
    expect(await describeJob()).toMatch(/self-signed certificate/);
    const distrust = trustInGlobalAgent(ca);
    try {
      expect(await describeJob()).toBe('ResourceNotFound.Job');
    } finally {
      distrust();
    }
  });

  it('passes tbc conformance --target https://… --ca <the printed file>', async () => {
    const run = await conformance(['--target', emulator.url, '--ca', emulator.caFile, '--runs', '5']);
    expect(run.stdout).toMatch(/Checked (\d+) of \1 invariants \(\1 passed, 0 failed\)/);
    expect(run.code).toBe(0);
  });

  it.each([
    ['no --ca', [], /unreachable: .*self-signed certificate/],
    ['the wrong --ca', ['--ca', 'OTHER'], /its TLS certificate is not trusted: .*\(DEPTH_ZERO_SELF_SIGNED_CERT\)/],
  ])('exits 2 with one line naming the certificate problem for %s', async (_what, extra, reason) => {
    const dir = await mkdtemp(join(tmpdir(), 'tbc-tls-'));
    const other = join(dir, 'other.pem');
    await writeFile(other, (await createSelfSignedCertificate()).cert);
    const run = await conformance(['--target', emulator.url, ...extra.map((a) => (a === 'OTHER' ? other : a))]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(reason) as string]);
  });

  it('exits 2 for a --ca file that holds no certificate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tbc-tls-'));
    await writeFile(join(dir, 'not.pem'), 'hello');
    const run = await conformance(['--target', emulator.url, '--ca', join(dir, 'not.pem')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('holds no PEM certificate');
  });
});

describe('tbc proxy --tls in front of the emulator', () => {
  let upstream: RunningTbc;
  let proxy: Awaited<ReturnType<typeof startTlsServer>> | undefined;
  beforeAll(async () => {
    upstream = startTbc(['emulator', '--port', '0'], { env: WITHOUT_CREDENTIALS });
    proxy = await startTlsServer(['proxy', '--upstream', await upstream.url()]);
  });
  afterAll(async () => {
    await stop(proxy);
    upstream.child.kill('SIGINT');
    await upstream.exited;
  });

  it('passes the catalogue: tbc conformance --target https://<proxy> --ca <its file>', async () => {
    const run = await conformance(['--target', proxy?.url ?? '', '--ca', proxy?.caFile ?? '', '--runs', '3']);
    expect(run.stdout).toMatch(/Checked (\d+) of \1 invariants \(\1 passed, 0 failed\)/);
    expect(run.code).toBe(0);
  });
});
