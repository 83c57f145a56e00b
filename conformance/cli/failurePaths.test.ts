// The failure paths of `tbc conformance` end like every other path: a full report and exit 1, never exit 3. The
// invariants most likely to find deep bugs (the model, the envelope) are the ones whose failures are exercised here.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../generated/reportTypes.ts';
import { INVARIANT_IDS } from '../../property-tests/catalogue.ts';
import { forgetsOlderJobs } from '../../property-tests/test-only/singleFaults.ts';
import { withBug, type Bug } from '../../property-tests/test-only/withBug.ts';
import { createEmulator } from '../emulator/createEmulator.ts';
import { serveImplementation } from '../http/serveImplementation.ts';
import type { Listening } from '../http/listen.ts';
import { validateReport } from '../runner/validateReport.ts';
import { runTbc, WITHOUT_CREDENTIALS } from '../test-only/tbcProcess.ts';

const tbc = (args: string[], cwd: string) => runTbc(args, { cwd, env: WITHOUT_CREDENTIALS });

async function readReport(path: string): Promise<Report> {
  const report: unknown = JSON.parse(await readFile(path, 'utf8'));
  expect(validateReport(report)).toBeUndefined();
  return report as Report;
}

describe('tbc conformance against an implementation that fails only TTI-MODEL', () => {
  let dir: string;
  let target: Listening;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tbc-model-'));
    target = await serveImplementation(forgetsOlderJobs(createEmulator({ clock: 'virtual', seed: 1 }).implementation));
  });
  afterAll(() => target.close());

  it('exits 1 with the whole report, the shrunk command sequence, and a replay that reproduces it', async () => {
    const run = await tbc(
      [
        'conformance',
        '--target',
        target.url,
        '--seed',
        '1',
        '--json',
        'model.json',
        '--junit',
        'model.xml',
        '--no-progress',
      ],
      dir,
    );
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(1);
    const report = await readReport(join(dir, 'model.json'));
    expect(report.invariants.map((i) => i.id)).toEqual(INVARIANT_IDS);
    const notPassed = report.invariants.filter((i) => i.status !== 'passed').map((i) => `${i.id} ${i.status}`);
    expect(notPassed).toEqual(['TTI-MODEL failed']);
    const model = report.invariants.find((i) => i.id === 'TTI-MODEL');
    // The cell (wire form, environment) and the drawn commands; the replay's notes list each command and its answer.
    expect(model?.counterexample?.text).toMatch(/"form":\{.*"label":"(TC3|v1) (GET|POST)"\}.*"commands":/);
    expect(run.stdout).toMatch(
      /what happened:\n(.*\n)*\s+Terminate\(job 0, index 0, (TC3|v1) (GET|POST)\): job-\w+\/A#0 in \w+ answered ResourceNotFound\.TaskInstance/,
    );
    expect(model?.replay?.commandsReplayPath).toMatch(/\S/);
    expect(run.stdout).toContain('TTI-MODEL FAILED: terminating job-');
    expect(await readFile(join(dir, 'model.xml'), 'utf8')).toContain('<failure message="terminating job-');

    const replay = await tbc(
      ['conformance', '--target', target.url, '--replay', 'tbc-replays/TTI-MODEL.json', '--id', 'TTI-MODEL'],
      dir,
    );
    expect(replay.stderr).not.toMatch(/internal error/);
    expect(replay.code).toBe(1);
    // The same failure, in a world of its own (so with other JobIds).
    const anyJob = (text: string): string => text.replace(/job-[a-z0-9]{8}/g, 'job-…');
    expect(anyJob(replay.stdout)).toContain(anyJob(model?.reason ?? '(no reason)'));
  });
});

/** A plausible server bug: an unknown parameter whose value is an object crashes the handler into an HTML error page. */
const crashesOnObjectParameters: Bug = async (call, forward) => {
  const objectValued = Object.values(call.params ?? {}).some(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  );
  if (call.path !== '/' || !objectValued) return forward();
  return new Response('<html><body>500 Internal Server Error</body></html>', {
    status: 500,
    headers: { 'content-type': 'text/html' },
  });
};

describe('tbc conformance against an implementation that fails only TTI-10, on inputs holding objects', () => {
  let dir: string;
  let target: Listening;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tbc-envelope-'));
    target = await serveImplementation(
      withBug(createEmulator({ clock: 'virtual', seed: 2 }).implementation, crashesOnObjectParameters),
    );
  });
  afterAll(() => target.close());

  it('exits 1 with the whole report: TTI-10 failed with its counterexample, the others passed or blocked by it', async () => {
    const run = await tbc(
      ['conformance', '--target', target.url, '--seed', '2', '--json', 'envelope.json', '--no-progress'],
      dir,
    );
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(1);
    const report = await readReport(join(dir, 'envelope.json'));
    expect(report.invariants.map((i) => i.id)).toEqual(INVARIANT_IDS);
    const failed = report.invariants.filter((i) => i.status === 'failed').map((i) => i.id);
    expect(failed).toEqual(['TTI-10']);
    for (const blocked of report.invariants.filter((i) => i.status === 'blocked')) expect(blocked.owner).toBe('TTI-10');
    const envelope = report.invariants.find((i) => i.id === 'TTI-10');
    expect(envelope?.counterexample?.text).toMatch(/\{.*\}/);
    const replay = await tbc(
      ['conformance', '--target', target.url, '--replay', 'tbc-replays/TTI-10.json', '--id', 'TTI-10'],
      dir,
    );
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain('TTI-10 FAILED');
  });
});
