// `tbc` as a child process, the way a user or CI script meets it: what it printed and how it exited.
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

/** The repo's bin, run on the same Node as the tests. */
export const TBC_BIN = join(import.meta.dirname, '../cli/tbc.mjs');

/** An environment without the user's Tencent credentials, so a run takes only what its flags give it. */
export const WITHOUT_CREDENTIALS: NodeJS.ProcessEnv = { TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' };

export interface TbcProcessOptions {
  cwd?: string;
  /** Merged over this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Node flags before the bin (e.g. `--import` of a module that simulates a kit bug). */
  nodeArgs?: string[];
}

export interface TbcExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout then stderr. */
  output: string;
}

/** Runs `tbc <args>` to its end. */
export async function runTbc(args: string[], options: TbcProcessOptions = {}): Promise<TbcExit> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), TBC_BIN, ...args],
      { cwd: options.cwd, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        const signal = error?.signal ?? null;
        resolve({ code, signal, stdout, stderr, output: stdout + stderr });
      },
    );
  });
}

export interface RunningTbc {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** stdout and stderr so far, interleaved as they arrived. */
  output: () => string;
  /** Resolves when the process has exited and its output is closed. */
  exited: Promise<TbcExit>;
  /** Waits until the output matches `pattern` or the process exits; false when `limitMs` passed first. */
  waitFor: (pattern: string | RegExp, limitMs?: number) => Promise<boolean>;
  /** The `listening on URL` line's URL, once printed ('' if the process exited or `limitMs` passed first). */
  url: (limitMs?: number) => Promise<string>;
}

/** Starts `tbc <args>` in the background. */
export function startTbc(args: string[], options: TbcProcessOptions = {}): RunningTbc {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), TBC_BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    output += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    output += chunk;
  });
  let closed = false;
  const exited = new Promise<TbcExit>((resolve) => {
    child.once('close', (code, signal) => {
      closed = true;
      resolve({ code, signal, stdout, stderr, output: stdout + stderr });
    });
  });
  const matches = (pattern: string | RegExp): boolean =>
    typeof pattern === 'string' ? output.includes(pattern) : pattern.test(output);
  const waitFor = async (pattern: string | RegExp, limitMs = 30_000): Promise<boolean> => {
    const deadline = performance.now() + limitMs;
    while (!matches(pattern)) {
      if (closed || performance.now() > deadline) return matches(pattern);
      await sleep(50);
    }
    return true;
  };
  const LISTENING = /listening on (https?:\/\/127\.0\.0\.1:\d+)/;
  return {
    child,
    output: () => output,
    exited,
    waitFor,
    url: async (limitMs) => ((await waitFor(LISTENING, limitMs)) ? (LISTENING.exec(output)?.[1] ?? '') : ''),
  };
}
