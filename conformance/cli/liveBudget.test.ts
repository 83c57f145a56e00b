import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../generated/reportTypes.ts';
import type { Listening } from '../http/listen.ts';
import { serveImplementation } from '../http/serveImplementation.ts';
import type { Credentials } from '../signing/Credentials.ts';
import { createLiveLikeDouble } from '../test-only/createLiveLikeDouble.ts';
import { runTbc, WITHOUT_CREDENTIALS } from '../test-only/tbcProcess.ts';

const KEYS: Credentials = {
  secretId: 'AKIDliveBudgetCliKey000000000001',
  secretKey: 'liveBudgetCliSecretKey0000000001',
};
const KEY_FLAGS = ['--secret-id', KEYS.secretId, '--secret-key', KEYS.secretKey, '--region', 'ap-guangzhou'];
const NAMED_ENV = 'env-budget01';

const servers: Listening[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('tbc conformance live-stateful: what a run creates, and what it leaves behind', () => {
  // A seed-conformant service on the wall clock (timeScale 1): its named environment's job cannot be terminated, and
  // its 120 s workloads outlast the run's 20 s budget.
  it('prints the plan before the run, what it used after, and a job it could not end loudly; tbc cleanup says why', async () => {
    const double = createLiveLikeDouble({
      credentials: [KEYS],
      namedEnvs: [NAMED_ENV],
      docRevision: 'seed',
      timeScale: 1,
    });
    const served = await serveImplementation(double.implementation);
    servers.push(served);
    const dir = mkdtempSync(join(tmpdir(), 'tbc-live-budget-'));
    const ledger = join(dir, 'ledger.jsonl');
    const run = await runTbc(
      [
        ...['conformance', '--target', served.url, '--profile', 'live-stateful', '--allow-destructive'],
        ...['--max-jobs', '1', '--max-instances', '20', '--named-env', NAMED_ENV, '--only', 'TTI-06', '--runs', '1'],
        ...['--time-budget', '20s', '--seed', '1', '--no-progress', '--ledger', ledger, '--json', join(dir, 'r.json')],
        ...KEY_FLAGS,
      ],
      { cwd: dir, env: WITHOUT_CREDENTIALS },
    );
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as Report;
    const [named] = double.createdJobIds;
    // Before the first SubmitJob (the run's first line after the profile): what it will create.
    const plan = run.output.indexOf('this run may create 1 job and at most');
    expect(plan).toBeGreaterThan(-1);
    expect(plan).toBeLessThan(run.output.indexOf('TTI-06 '));
    expect(run.output).toMatch(/job 1, named environment: .*ends by itself/);
    // After: what it created and used, and the job it could not end.
    expect(report.resources?.instancesCreated).toBeLessThanOrEqual(20);
    expect(run.output).toMatch(
      /Machine budget: 1 job and \d+ instances created \(planned \d+, --max-instances 20\); \d+ instance-seconds/,
    );
    expect(report.leftovers?.map((l) => [l.jobId, l.env, l.terminated])).toEqual([[named, 'named', false]]);
    expect(run.stderr).toContain(`LEFT BEHIND: ${String(named)} (named environment`);
    expect(run.stderr).toMatch(/ledger entry \(.*\): \{"event":"created"/);
    expect(run.stderr).toContain(`tbc cleanup --ledger ${ledger}`);

    const cleanup = await runTbc(['cleanup', '--ledger', ledger, ...KEY_FLAGS], { cwd: dir, env: WITHOUT_CREDENTIALS });
    expect(cleanup.code).toBe(2);
    expect(cleanup.stderr).toContain(`could not terminate 1 of 1 job(s) listed in ${ledger}:`);
    expect(cleanup.stderr).toMatch(
      new RegExp(`${String(named)} \\(named environment, \\d+ instances\\): it runs on a named compute environment`),
    );
  }, 120_000);

  it('refuses a --max-instances that is not a positive integer, and a negative --consistency-grace', async () => {
    for (const flags of [
      ['--max-instances', '0'],
      ['--consistency-grace', '-1s'],
    ]) {
      const run = await runTbc(['conformance', '--target', 'http://127.0.0.1:9', ...flags], {
        env: WITHOUT_CREDENTIALS,
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`option '${flags[0] ?? ''}`);
    }
  });
});
