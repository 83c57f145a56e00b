// `tbc proxy` as a process in front of an in-test emulator: what a user sees.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../emulator/createEmulator.ts';
import type { Listening } from '../emulator/serveRaw.ts';
import { EXAMPLE_CREDENTIALS } from '../signing/Credentials.ts';
import { loadOfficialSdks } from '../signing/loadOfficialSdks.ts';

const TBC = join(import.meta.dirname, 'tbc.mjs');

describe('tbc proxy', () => {
  let emulator: Listening;
  beforeAll(async () => {
    emulator = await createEmulator({ clock: 'virtual', rateLimits: false }).listen();
  });
  afterAll(() => emulator.close());

  it('prints its URL, one line per violation, and exits 0 on SIGINT', async () => {
    const child = spawn(process.execPath, [TBC, 'proxy', '--upstream', emulator.url, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exitCode = new Promise<number | null>((resolve) => child.once('close', resolve));
    try {
      let url: string | undefined;
      for (let waited = 0; url === undefined && waited < 30_000; waited += 50) {
        url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(output).toContain('signatures are not verified');
      const endpoint = new URL(url ?? '').host;
      const client = new (loadOfficialSdks().common.CommonClient)(endpoint, '2017-03-12', {
        credential: { ...EXAMPLE_CREDENTIALS },
        profile: { httpProfile: { protocol: 'http://', endpoint } },
      });
      await expect(
        client.request('TerminateTaskInstance', { JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: 1.5 }),
      ).rejects.toMatchObject({ code: 'InvalidParameter' });
      for (let waited = 0; !output.includes('request.body') && waited < 5_000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(output).toContain(
        '[proxy] violation #1 TerminateTaskInstance request.region: X-TC-Region is missing; under doc revision seed',
      );
      expect(output).toContain(
        `[proxy] violation #1 TerminateTaskInstance request.body: TaskInstanceIndex is sent as a JSON number (1.5); the spec's type is integer`,
      );
      expect(output).not.toContain(EXAMPLE_CREDENTIALS.secretKey);
      child.kill('SIGINT');
      expect(await exitCode).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
