// `tbc conformance --embedded`: in process by default, over HTTP with --http; the same verdicts either way.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../generated/reportTypes.ts';
import { runTbc, WITHOUT_CREDENTIALS } from '../test-only/tbcProcess.ts';

const tbc = (args: string[], cwd: string) => runTbc(args, { cwd, env: WITHOUT_CREDENTIALS });

/** What must not differ between the two paths: every verdict, run and request count, and the coverage. */
function verdicts(report: Report) {
  return {
    ok: report.ok,
    invariants: report.invariants.map(({ durationMs: _, ...rest }) => rest),
    coverage: report.coverage,
  };
}

describe('tbc conformance --embedded', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tbc-embedded-'));
  });
  const run = (json: string, extra: string[] = []) =>
    tbc(
      ['conformance', '--embedded', ...extra, '--only', 'TTI-01,TTI-08', '--runs', '3', '--seed', '5', '--json', json],
      dir,
    ).then(async (result) => ({
      ...result,
      report: result.code === 0 ? (JSON.parse(await readFile(join(dir, json), 'utf8')) as Report) : undefined,
    }));

  it('calls the emulator in process by default and over 127.0.0.1 with --http, with the same verdicts', async () => {
    const inProcess = await run('in-process.json', ['--no-progress']);
    const overHttp = await run('http.json', ['--http', '--no-progress']);
    expect([inProcess.code, overHttp.code]).toEqual([0, 0]);
    expect(inProcess.output).toContain('embedded emulator in process');
    expect(inProcess.report?.target).toBe('embedded');
    expect(overHttp.output).toMatch(/embedded emulator on http:\/\/127\.0\.0\.1:\d+/);
    expect(overHttp.report?.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(inProcess.report === undefined ? undefined : verdicts(inProcess.report)).toEqual(
      overHttp.report === undefined ? undefined : verdicts(overHttp.report),
    );
  });

  it('exits 2 for --http without --embedded', async () => {
    const result = await tbc(['conformance', '--target', 'http://127.0.0.1:9', '--http'], dir);
    expect(result.code).toBe(2);
    expect(result.output).toContain('--http goes with --embedded');
  });
});
