// `tbc proxy` as a process in front of an in-test emulator: what a user sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../emulator/createEmulator.ts';
import { EXAMPLE_CREDENTIALS } from '../signing/Credentials.ts';
import { loadOfficialSdks } from '../test-only/loadOfficialSdks.ts';
import type { Listening } from '../http/listen.ts';
import { startTbc } from '../test-only/tbcProcess.ts';

const TOKEN = 'cliTestSessionToken-0123456789abcdef';
const SIGNATURE = 'b'.repeat(64);

/** A confused client that sends a secret where the version belongs, so the violation line quotes it. */
function quoting(secret: string): RequestInit {
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-tc-action': 'TerminateTaskInstance',
      'x-tc-version': secret,
      'x-tc-timestamp': String(Math.floor(Date.now() / 1000)),
      'x-tc-region': 'ap-guangzhou',
      'x-tc-token': TOKEN,
      authorization: `TC3-HMAC-SHA256 Credential=${EXAMPLE_CREDENTIALS.secretId}/2024-01-01/batch/tc3_request, SignedHeaders=content-type;host, Signature=${SIGNATURE}`,
    },
    body: JSON.stringify({ JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: 0 }),
  };
}

/** Starts `tbc proxy` with `args` on a free port; `output()` is what it has printed so far. */
async function startTbcProxy(args: string[]) {
  const run = startTbc(['proxy', ...args, '--port', '0']);
  return { ...run, url: await run.url(), exitCode: run.exited.then((exit) => exit.code) };
}

describe('tbc proxy', () => {
  let emulator: Listening;
  beforeAll(async () => {
    emulator = await createEmulator({ clock: 'virtual', rateLimits: false }).listen();
  });
  afterAll(() => emulator.close());

  it('prints its URL, one line per violation, and exits 0 on SIGINT', async () => {
    const proxy = await startTbcProxy(['--upstream', emulator.url]);
    try {
      const output = proxy.output;
      // The notice may arrive in a later chunk than the URL line.
      expect(await proxy.waitFor('signatures are not verified')).toBe(true);
      const endpoint = new URL(proxy.url).host;
      const client = new (loadOfficialSdks().common.CommonClient)(endpoint, '2017-03-12', {
        credential: { ...EXAMPLE_CREDENTIALS },
        profile: { httpProfile: { protocol: 'http://', endpoint } },
      });
      await expect(
        client.request('TerminateTaskInstance', { JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: 1.5 }),
        // No region given: the emulator refuses the missing Region before the body (decision D-19).
      ).rejects.toMatchObject({ code: 'MissingParameter' });
      await proxy.waitFor('request.body');
      expect(output()).toContain(
        '[proxy] violation #1 TerminateTaskInstance request.region: X-TC-Region is missing; doc revision seed requires Region',
      );
      expect(output()).toContain(
        `[proxy] violation #1 TerminateTaskInstance request.body: TaskInstanceIndex is sent as a JSON number (1.5); the spec's type is integer`,
      );
      expect(output()).not.toContain(EXAMPLE_CREDENTIALS.secretKey);
      proxy.child.kill('SIGINT');
      expect(await proxy.exitCode).toBe(0);
    } finally {
      proxy.child.kill('SIGKILL');
    }
  });

  it('never prints the --secret-key, the token or the signature, even where a line quotes them', async () => {
    const secretKey = 'cliTestSecretKey-given-on-the-command-line';
    const proxy = await startTbcProxy(['--upstream', emulator.url, '--secret-key', secretKey]);
    try {
      for (const secret of [secretKey, TOKEN, SIGNATURE]) await fetch(proxy.url, quoting(secret));
      await proxy.waitFor('violation #3 TerminateTaskInstance request.common-params');
      const quoted = proxy
        .output()
        .split('\n')
        .filter((line) => line.includes('request.common-params'));
      expect(quoted).toEqual(
        [1, 2, 3].map(
          (n) =>
            `[proxy] violation #${n} TerminateTaskInstance request.common-params: X-TC-Version is "[REDACTED]", not 2017-03-12`,
        ),
      );
      for (const secret of [secretKey, TOKEN, SIGNATURE]) expect(proxy.output()).not.toContain(secret);
    } finally {
      proxy.child.kill('SIGKILL');
    }
  });
});
