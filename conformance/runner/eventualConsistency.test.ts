import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../generated/reportTypes.ts';
import { CATALOGUE } from '../../property-tests/catalogue.ts';
import { DEFAULT_MAX_INSTANCES } from '../../property-tests/planSharedJobs.ts';
import { createEmulator } from '../emulator/createEmulator.ts';
import { EXAMPLE_CREDENTIALS } from '../signing/Credentials.ts';
import { EVENTUALLY_CONSISTENT, eventuallyConsistentService } from '../test-only/eventuallyConsistentService.ts';
import { createJobLedger, readLedger } from './createJobLedger.ts';
import { runConformance } from './runConformance.ts';

const { keys: KEYS, namedEnv: NAMED_ENV, lagMs: LAG_MS } = EVENTUALLY_CONSISTENT;
const TIME_BUDGET_MS = 8 * 60_000;

const FINAL = new Set(['SUCCEED', 'FAILED']);

describe('live-stateful against a live-like double that is eventually consistent, with a named environment', () => {
  // A user's live run (`--allow-destructive --max-jobs 4 --named-env env-… --time-budget 8m --seed 1`) with 1 run per
  // invariant and short live waits (the double's jobs live 20 times faster than the wall clock): about 90 s.
  it('checks at least 16 of 19, blocks nothing on consistency, stays within --max-instances and leaves nothing behind', async () => {
    const double = eventuallyConsistentService();
    const path = join(mkdtempSync(join(tmpdir(), 'tbc-ec-')), 'ledger.jsonl');
    const report: Report = await runConformance({
      url: 'https://batch.eventually-consistent.test',
      implementation: double.implementation,
      credentials: KEYS,
      credentialsAreExample: false,
      region: 'ap-guangzhou',
      profile: 'live-stateful',
      docRevision: 'seed',
      runs: 1,
      seed: 1,
      allowDestructive: true,
      maxJobs: 4,
      namedEnvId: NAMED_ENV,
      timeBudgetMs: TIME_BUDGET_MS,
      ledger: createJobLedger(path, { target: 'https://batch.eventually-consistent.test', seed: 1 }),
      liveTiming: { maxSingleWaitMs: 1500, maxWaitPerRunMs: 12_000 },
    });
    const statusOf = (status: string): string[] =>
      report.invariants.filter((i) => i.status === status).map((i) => i.id);

    expect(report.summary?.total).toBe(CATALOGUE.length);
    expect(report.summary?.checked).toBeGreaterThanOrEqual(16);
    expect(statusOf('blocked')).toEqual([]);
    expect(statusOf('failed')).toEqual([]);
    // The lag was met, and waited out: every new job was found within the grace.
    expect(report.consistency?.newJobs.waitedFor).toBeGreaterThan(0);
    expect(report.consistency?.newJobs.longestMs).toBeGreaterThanOrEqual(LAG_MS - 100);
    expect(report.consistency?.newJobs.neverFound).toBe(0);

    // The service's own books: what the run created, and what it left.
    const snapshot = await double.snapshot();
    const mine = snapshot.jobs.filter((j) => double.createdJobIds.includes(j.JobId));
    const instances = mine.flatMap((j) => j.tasks.flatMap((t) => t.instances.map((i) => ({ env: t.env.kind, i }))));
    expect(instances.length).toBeLessThanOrEqual(DEFAULT_MAX_INSTANCES);
    expect(report.resources?.instancesCreated).toBe(instances.length);
    expect(report.resources?.instanceSeconds).toBeGreaterThan(0);
    // Named-environment jobs got only workloads that end by themselves, and the run waited for them.
    expect(instances.some(({ env }) => env === 'named')).toBe(true);
    expect(instances.filter(({ i }) => !FINAL.has(i.state))).toEqual([]);
    expect(report.leftovers).toEqual([]);
    expect(double.foreignTerminations).toEqual([]);
    // The named job could not be terminated (seed), so the ledger still lists it: tbc cleanup would try it again.
    expect(readLedger(path).open.length).toBeLessThanOrEqual(double.createdJobIds.length);
  }, 300_000);
});

describe('a tbc emulator made eventually consistent on purpose (control plane eventualConsistency)', () => {
  // The same lags on the emulator's virtual clock: the kit's patience is exercised in seconds, every invariant with it.
  const lagging = () => createEmulator({ eventualConsistency: { newJobMs: LAG_MS, terminationMs: LAG_MS }, seed: 3 });
  const run = (implementation: ReturnType<typeof lagging>['implementation'], consistencyGraceMs?: number) =>
    runConformance({
      url: 'embedded',
      implementation,
      credentials: EXAMPLE_CREDENTIALS,
      profile: 'auto',
      docRevision: 'seed',
      runs: 5,
      seed: 3,
      ...(consistencyGraceMs === undefined ? {} : { consistencyGraceMs }),
    });

  it('gets no grace by default: an emulator is consistent, so a job it does not find blocks the invariant', async () => {
    const report = await run(lagging().implementation);
    expect(report.profile).toBe('emulated');
    expect(report.summary?.blocked).toBeGreaterThan(0);
    expect(report.invariants.find((i) => i.status === 'blocked')?.reason).toMatch(/ResourceNotFound/);
    expect(report.consistency).toBeUndefined();
  });

  it('with a grace, checks every invariant, and reports what the lag needed', async () => {
    const report = await run(lagging().implementation, 10_000);
    expect(report.summary?.checked).toBe(CATALOGUE.length);
    expect(report.ok).toBe(true);
    expect(report.consistency?.newJobs.waitedFor).toBeGreaterThan(0);
    expect(report.consistency?.newJobs.neverFound).toBe(0);
    expect(report.consistency?.terminations.reread).toBeGreaterThan(0);
    expect(report.consistency?.terminations.unsettled).toBe(0);
  });
});
