import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renameCode, withBug } from '../../property-tests/test-only/withBug.ts';
import { createEmulator } from '../emulator/createEmulator.ts';
import { serveImplementation } from '../http/serveImplementation.ts';
import { validateReport } from '../runner/validateReport.ts';
import type { Listening } from '../http/listen.ts';
import { runTbc, WITHOUT_CREDENTIALS } from '../test-only/tbcProcess.ts';

const tbc = (args: string[], cwd: string) => runTbc(args, { cwd, env: WITHOUT_CREDENTIALS });

describe('tbc conformance, as a new user runs it', () => {
  let dir: string;
  let broken: Listening;
  let correct: Awaited<ReturnType<ReturnType<typeof createEmulator>['listen']>>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tbc-cli-'));
    broken = await serveImplementation(
      withBug(
        createEmulator({ clock: 'virtual', seed: 3 }).implementation,
        renameCode('InvalidParameter.JobIdMalformed', 'InvalidParameter'),
      ),
    );
    // As `tbc emulator` starts with no flags: the real clock (the run makes virtual-clock tenants of its own).
    correct = await createEmulator({ seed: 3 }).listen();
  });
  afterAll(async () => {
    await broken.close();
    await correct.close();
  });

  it('exits 1 on a broken implementation, names the invariant, and writes a replay that reproduces it', async () => {
    const run = await tbc(
      [
        'conformance',
        '--target',
        broken.url,
        '--only',
        'TTI-07,TTI-11',
        '--runs',
        '8',
        '--seed',
        '3',
        '--json',
        'report.json',
        '--junit',
        'report.xml',
        '--no-progress',
      ],
      dir,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('TTI-07 FAILED: terminating JobId');
    const report: unknown = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(validateReport(report)).toBeUndefined();
    expect(await readFile(join(dir, 'report.xml'), 'utf8')).toContain('<failure message="terminating JobId');
    const replay = await tbc(
      ['conformance', '--target', broken.url, '--replay', 'tbc-replays/TTI-07.json', '--id', 'TTI-07', '--no-progress'],
      dir,
    );
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain('TTI-07 FAILED');
    // The differential check: the same recorded case against the correct emulator passes.
    const differential = await tbc(
      [
        'conformance',
        '--target',
        correct.url,
        '--replay',
        'tbc-replays/TTI-07.json',
        '--id',
        'TTI-07',
        '--no-progress',
      ],
      dir,
    );
    expect(differential.code).toBe(0);
  });

  it('exits 0 when every selected invariant holds, and merges shard reports', async () => {
    const shard = (i: number) =>
      tbc(
        [
          'conformance',
          '--target',
          correct.url,
          '--only',
          'TTI-08',
          '--runs',
          '4',
          '--seed',
          '1',
          '--shard',
          `${i}/2`,
          '--json',
          `${i}.json`,
          '--no-progress',
        ],
        dir,
      );
    const [one, two] = [await shard(1), await shard(2)];
    expect([one.code, two.code]).toEqual([0, 0]);
    const merged = await tbc(['report', 'merge', '1.json', '2.json', '--json', 'merged.json'], dir);
    expect(merged.code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'merged.json'), 'utf8')) as { shards: string[] };
    expect(report.shards).toEqual(['1/2', '2/2']);
    // The runs used tenants of their own and deleted them: the emulator's own world is as it was.
    const tenants = (await (await fetch(`${correct.url}/_emulator/tenants`)).json()) as { tenants: { id: string }[] };
    expect(tenants.tenants.map((t) => t.id)).toEqual(['default']);
  });

  it('exits 2 with a clear message for an unreachable target and for bad flags', async () => {
    const unreachable = await tbc(['conformance', '--target', 'http://127.0.0.1:9', '--no-progress'], dir);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/the target http:\/\/127\.0\.0\.1:9 is unreachable/);
    const badId = await tbc(['conformance', '--embedded', '--only', 'TTI-99'], dir);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('unknown invariant TTI-99');
    const both = await tbc(['conformance', '--embedded', '--target', correct.url], dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('exactly one of --target');
    const liveFlags = [
      '--profile',
      'live-safe',
      '--secret-id',
      'AKIDx',
      '--secret-key',
      'k',
      '--region',
      'ap-guangzhou',
    ];
    const concurrent = await tbc(['conformance', '--target', correct.url, ...liveFlags, '--concurrency', '2'], dir);
    expect(concurrent.code).toBe(2);
    expect(concurrent.stderr).toContain('a live run checks one invariant at a time');
  });
});
