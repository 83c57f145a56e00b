// `tbc client-check` as a process, the way CI runs it: output, report files and exit codes.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTbc } from '../test-only/tbcProcess.ts';

const ROOT = join(import.meta.dirname, '../..');

const tbc = (args: string[]) => runTbc(args, { cwd: ROOT });

const FAST = ['--runs', '3', '--timeout-ms', '300', '--seed', '5'];

describe('tbc client-check', () => {
  it('exits 1 for the broken client, prints its three faults and writes JSON and JUnit reports', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tbc-client-check-'));
    const json = join(dir, 'report.json');
    const junit = join(dir, 'report.xml');
    const run = await tbc([
      'client-check',
      '--adapter',
      'examples/adapters/brokenClient.ts',
      ...FAST,
      '--json',
      json,
      '--junit',
      junit,
    ]);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/TaskInstanceIndex is sent as a JSON string \("\d+"\); the spec's type is integer/);
    expect(run.output).toContain('X-TC-Region is missing; doc revision seed requires Region');
    expect(run.output).toContain('swallowed the error: the response was MissingParameter');
    expect(run.output).toMatch(/│ success +│ 1 +│ 1 +│ pass +│ pass +│ FAIL +│ pass +│ FAIL +│ FAIL +│ pass +│/);
    const report = JSON.parse(await readFile(json, 'utf8')) as { ok: boolean; seed: number; scenarios: unknown[] };
    expect(report).toMatchObject({ ok: false, seed: 5 });
    expect(report.scenarios).toHaveLength(11);
    expect(await readFile(junit, 'utf8')).toContain('<testsuite name="tbc client-check success"');
  });

  it('exits 0 for the official CommonClient adapter', async () => {
    const run = await tbc(['client-check', '--adapter', 'examples/adapters/commonSdk.ts', ...FAST]);
    expect(run.output).toContain('77 checks passed, 0 failed, 0 skipped');
    expect(run.code).toBe(0);
  });

  it('exits 0 for the official CommonClient adapter over HTTPS (--tls: the adapter is given the certificate)', async () => {
    const run = await tbc([
      'client-check',
      '--adapter',
      'examples/adapters/commonSdk.ts',
      '--tls',
      '--only',
      'success,ResourceNotFound.TaskInstance',
      '--seed',
      '5',
    ]);
    expect(run.output).toContain('HTTPS: the adapter is given protocol https://');
    expect(run.output).toMatch(/\d+ checks passed, 0 failed/);
    expect(run.code).toBe(0);
  });

  // Concurrent: each is a process start and a refusal, no timing-sensitive scenario.
  it.concurrent.each([
    [['--adapter', 'examples/adapters/nope.ts'], 'does not exist'],
    [['--adapter', 'examples/adapters/commonSdk.ts', '--only', 'fuzz,bogus'], 'unknown scenario bogus'],
    [[], "required option '--adapter <module>' not specified"],
    [['--adapter', 'examples/adapters/commonSdk.ts', '--tls', '--ca', 'ca.pem'], '--ca names the CA of your own'],
  ])('exits 2 on a usage or setup error: %j', async (args, message) => {
    const run = await tbc(['client-check', ...args]);
    expect(run.code).toBe(2);
    expect(run.output).toContain(message);
  });
});
