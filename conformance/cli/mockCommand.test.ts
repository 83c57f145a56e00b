// `tbc mock` as a process: what a user or CI script sees (output, signals, exit codes).
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTbc, type RunningTbc } from '../test-only/tbcProcess.ts';

/** Runs `tbc mock ...` from another working directory, so paths must resolve relative to the package. */
function runTbcMock(args: string[]): RunningTbc & { exitCode: Promise<number | null> } {
  const run = startTbc(['mock', ...args], { cwd: '/' });
  return { ...run, exitCode: run.exited.then((exit) => exit.code) };
}

async function waitForUrl(run: RunningTbc): Promise<string> {
  const url = await run.url();
  if (url === '') throw new Error(`tbc mock printed no URL:\n${run.output()}`);
  return url;
}

describe('tbc mock', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints its URL once Prism is ready, serves the spec, and exits 0 after forwarding %s',
    async (signal) => {
      const run = runTbcMock(['--port', '0']);
      try {
        const url = await waitForUrl(run);
        const response = await fetch(`${url}/`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: 'TC3-HMAC-SHA256 Credential=x/2019-02-25/batch/tc3_request, SignedHeaders=a, Signature=0',
            'X-TC-Action': 'TerminateTaskInstance',
            'X-TC-Version': '2017-03-12',
            'X-TC-Timestamp': '1551113065',
            Prefer: 'example=ResourceNotFound.TaskInstance',
          },
          body: JSON.stringify({ JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: 0 }),
        });
        expect(await response.json()).toMatchObject({ Response: { Error: { Code: 'ResourceNotFound.TaskInstance' } } });

        run.child.kill(signal);
        expect(await run.exitCode).toBe(0);
        expect(run.output()).toContain(`${signal} received, stopping Prism`);
        await expect(fetch(`${url}/`)).rejects.toThrow();
      } finally {
        run.child.kill('SIGKILL');
      }
    },
  );

  it('exits 2 with Prism’s reason when the port is already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const run = runTbcMock(['--port', String(port)]);
      expect(await run.exitCode).toBe(2);
      expect(run.output()).toContain(`Prism could not start on 127.0.0.1:${port}`);
      expect(run.output()).toContain('EADDRINUSE');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('exits 2 without starting Prism when --port is not a port number', async () => {
    const run = runTbcMock(['--port', '65536']);
    expect(await run.exitCode).toBe(2);
    expect(run.output()).toContain('expected an integer from 0 to 65535');
  });
});
