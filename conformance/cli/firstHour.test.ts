// The first hour of a new user, through the CLI: one-line usage errors that say where the usage is, exit codes that a
// closed pipe cannot change, a --target that says what to fix, help that lists every exit code, and a run that ends
// with its verdict.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renameCode, withBug } from '../../property-tests/test-only/withBug.ts';
import { createEmulator } from '../emulator/createEmulator.ts';
import { serveImplementation } from '../http/serveImplementation.ts';
import { runTbc, TBC_BIN, WITHOUT_CREDENTIALS } from '../test-only/tbcProcess.ts';
import { EXIT_CODE_MEANINGS } from './exitCodes.ts';

const tbc = (args: string[], cwd?: string) =>
  runTbc(args, { env: WITHOUT_CREDENTIALS, ...(cwd === undefined ? {} : { cwd }) });
const lines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

describe('usage errors', () => {
  it("commander's: one line with the suggestion and where the usage is, exit 2", async () => {
    const run = await tbc(['conformance', '--taget', 'x']);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      "[tbc] error: unknown option '--taget' (Did you mean --target?) — see `tbc conformance --help`",
    ]);
    expect(run.stdout).toBe('');
  });

  it("tbc's own: one line and where the usage is, exit 2", async () => {
    const run = await tbc(['conformance', '--embedded', '--replay', 'r.json']);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual(['[tbc] error: --replay and --id go together — see `tbc conformance --help`']);
  });

  it('a --target without a scheme says it needs http:// or https://, not that it is unreachable', async () => {
    const run = await tbc(['conformance', '--target', '127.0.0.1:4310']);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      '[tbc] error: --target needs a URL that starts with http:// or https://, e.g. http://127.0.0.1:4310 (got "127.0.0.1:4310") — see `tbc conformance --help`',
    ]);
  });

  it('an unreachable target says what to check', async () => {
    const closed = await serveImplementation(() => Promise.resolve(new Response()));
    await closed.close();
    const run = await tbc(['conformance', '--target', closed.url]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(
        /is unreachable: connect ECONNREFUSED .*\(nothing listens there: is the emulator, or your server, running on that port\? e\.g\. tbc emulator --port \d+\)$/,
      ),
    ]);
  });
});

describe('a closed output', () => {
  /** Runs tbc and closes its stdout and stderr at their first bytes, as `| head -1` does; resolves to its exit code. */
  function closeEarly(args: string[]): Promise<number | null> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [TBC_BIN, ...args], {
        env: { ...process.env, ...WITHOUT_CREDENTIALS },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      for (const stream of [child.stdout, child.stderr]) stream.once('data', () => stream.destroy());
      child.once('exit', (code) => {
        resolve(code);
      });
    });
  }

  it('never turns the exit code into 3: a help, a usage error and a whole run keep theirs', async () => {
    const codes = await Promise.all([
      closeEarly(['conformance', '--help']),
      closeEarly(['conformance', '--taget', 'x']),
      closeEarly(['conformance', '--embedded', '--only', 'TTI-07,TTI-11', '--runs', '1', '--no-progress']),
    ]);
    expect(codes).toEqual([0, 2, 0]);
  });
});

describe('help', () => {
  it('every verb lists its exit codes from the one table, and the README names the same', async () => {
    const readme = await readFile(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const verbs = [
      ['conformance', 'judging'],
      ['client-check', 'judging'],
      ['cleanup', 'judging'],
      ['report merge', 'judging'],
      ['emulator', 'serving'],
      ['mock', 'serving'],
      ['proxy', 'serving'],
    ] as const;
    for (const [verb, kind] of verbs) {
      const help = await tbc([...verb.split(' '), '--help']);
      expect(help.code, verb).toBe(0);
      for (const [code, meaning] of EXIT_CODE_MEANINGS[kind]) {
        expect(help.stdout, verb).toContain(`  ${code}  ${meaning}`);
        expect(readme, `${kind} ${code}`).toContain(meaning);
      }
    }
    expect((await tbc(['emulator', '--help'])).stdout).toContain('Stop it with Ctrl+C or SIGTERM');
  });
});

describe('the end of a run', () => {
  it('PASS: the last line says so, with the counts, the exit code and the files written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tbc-verdict-'));
    const run = await tbc(
      ['conformance', '--embedded', '--only', 'TTI-07', '--runs', '1', '--json', 'r.json', '--no-progress'],
      dir,
    );
    expect(run.code).toBe(0);
    expect(lines(run.stdout).at(-1)).toBe(
      '[conformance] PASS — 1 of 1 invariants checked, all passed (exit 0); wrote r.json',
    );
    expect(run.stdout).toMatch(/no call was answered with \(\d+; coverage information, not a finding/);
  });

  it('FAIL: the failures and where their replay files are', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tbc-verdict-'));
    const broken = await serveImplementation(
      withBug(
        createEmulator({ clock: 'virtual', seed: 1 }).implementation,
        renameCode('InvalidParameter.JobIdMalformed', 'InvalidParameter'),
      ),
    );
    try {
      const run = await tbc(
        ['conformance', '--target', broken.url, '--only', 'TTI-07,TTI-11', '--runs', '1', '--no-progress'],
        dir,
      );
      expect(run.code).toBe(1);
      expect(lines(run.stdout).at(-1)).toBe(
        '[conformance] FAIL — 1 of 2 invariants failed, 1 passed (exit 1); replay files in tbc-replays/',
      );
    } finally {
      await broken.close();
    }
  });

  it('INCOMPLETE: what was checked passed, and how much was not checked', async () => {
    // As a stateless mock: TTI-01 needs jobs of its own, TTI-07 does not.
    const run = await tbc([
      'conformance',
      '--embedded',
      '--profile',
      'mock',
      '--only',
      'TTI-01,TTI-07',
      '--runs',
      '1',
      '--no-progress',
    ]);
    expect(run.code).toBe(0);
    expect(lines(run.stdout).at(-1)).toBe(
      '[conformance] INCOMPLETE — 1 of 2 invariants checked, all passed; 1 not checked (1 skipped, 0 blocked) (exit 0)',
    );
  });
});
