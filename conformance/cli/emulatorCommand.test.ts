// `tbc emulator` as a process: tenants declared by flag, reached by an official SDK signing with their key pair.
import { describe, expect, it } from 'vitest';
import { createControlClient } from '../control/createControlClient.ts';
import { loadOfficialSdks } from '../test-only/loadOfficialSdks.ts';
import { task } from '../test-only/startSdkHarness.ts';
import { startTbc } from '../test-only/tbcProcess.ts';

/** Starts `tbc emulator` with `args` on a free port; resolves once it printed its URL (or exited). */
async function startTbcEmulator(args: string[]) {
  const run = startTbc(['emulator', '--port', '0', ...args]);
  return { ...run, url: await run.url(), exitCode: run.exited.then((exit) => exit.code) };
}

describe('tbc emulator --tenant', () => {
  it('serves each declared tenant its own world, reached by signing with its key pair', async () => {
    const emulator = await startTbcEmulator(['--clock', 'virtual', '--tenant', 'ci-1:AKIDci1:key:with:colons']);
    try {
      // The tenant line follows the URL line, maybe in a later chunk of output.
      await expect.poll(() => emulator.output()).toContain('tenant ci-1: SecretId AKIDci1');
      expect(emulator.output()).not.toContain('key:with:colons');
      const endpoint = new URL(emulator.url).host;
      const client = new (loadOfficialSdks().common.CommonClient)(endpoint, '2017-03-12', {
        credential: { secretId: 'AKIDci1', secretKey: 'key:with:colons' },
        region: 'ap-guangzhou',
        profile: { httpProfile: { protocol: 'http://', endpoint } },
      });
      const { JobId } = (await client.request('SubmitJob', {
        Placement: { Zone: 'ap-guangzhou-2' },
        Job: { Tasks: [task('sleep 1')] },
      })) as { JobId: string };
      const control = (tenant?: string) =>
        createControlClient((r) => fetch(r), emulator.url, tenant === undefined ? {} : { tenant });
      expect((await control('ci-1').snapshot()).jobs.map((j) => j.JobId)).toEqual([JobId]);
      expect((await control().snapshot()).jobs).toEqual([]);
    } finally {
      emulator.child.kill('SIGINT');
      await emulator.exitCode;
    }
  });

  it.each([
    ['a --tenant without a key pair', 'ci-1', 'expected id:SecretId:SecretKey'],
    [
      'a tenant whose SecretId is the default tenant one',
      'x:AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE:k',
      'belongs to tenant default',
    ],
  ])('exits 2 for %s, with the reason', async (_what, tenant, reason) => {
    const emulator = await startTbcEmulator(['--tenant', tenant]);
    // An emulator that started anyway is stopped, so a failing test leaves no process behind.
    if (emulator.child.exitCode === null) emulator.child.kill('SIGINT');
    expect(await emulator.exitCode).toBe(2);
    expect(emulator.output()).toContain(reason);
  });
});
