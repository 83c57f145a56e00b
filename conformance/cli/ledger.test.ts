import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { TbcError } from '../TbcError.ts';
import type { Listening } from '../http/listen.ts';
import { serveImplementation } from '../http/serveImplementation.ts';
import { createJobLedger, readLedger, type LedgerEntry } from '../runner/createJobLedger.ts';
import type { Credentials } from '../signing/Credentials.ts';
import { createLiveLikeDouble, type LiveLikeDouble } from '../test-only/createLiveLikeDouble.ts';
import { startTbc, WITHOUT_CREDENTIALS } from '../test-only/tbcProcess.ts';

const TARGET = 'https://batch.live-like.test';

function freshPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'tbc-ledger-')), 'ledger.jsonl');
}

function entriesOf(path: string): LedgerEntry[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LedgerEntry);
}

describe('createJobLedger and readLedger', () => {
  it('writes the run, then each submission before it goes out, its JobId or failure once answered, and each termination', () => {
    const path = freshPath();
    const ledger = createJobLedger(path, { target: TARGET, seed: 7 });
    const first = ledger.submitting('tbc-conformance-7');
    // Written through before the SubmitJob is sent: a crash now still leaves the intent.
    expect(entriesOf(path).map((e) => e.event)).toEqual(['run', 'submitting']);
    first('job-aaaaaaa1');
    ledger.submitting('tbc-conformance-7')(undefined);
    ledger.terminated('job-aaaaaaa1', 'Success');
    const entries = entriesOf(path);
    expect(entries.map(({ at: _, ...rest }) => rest)).toEqual([
      { event: 'run', target: TARGET, seed: 7 },
      { event: 'submitting', jobName: 'tbc-conformance-7' },
      { event: 'created', jobId: 'job-aaaaaaa1', jobName: 'tbc-conformance-7' },
      { event: 'submitting', jobName: 'tbc-conformance-7' },
      { event: 'submit-failed', jobName: 'tbc-conformance-7' },
      { event: 'terminated', jobId: 'job-aaaaaaa1', outcome: 'Success' },
    ]);
    for (const entry of entries) expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
  });

  it('reads the jobs created and not yet terminated, and the submissions never answered', () => {
    const path = freshPath();
    const ledger = createJobLedger(path, { target: TARGET, seed: 7 });
    ledger.submitting('a')('job-aaaaaaa1');
    ledger.submitting('b')('job-bbbbbbb2');
    ledger.submitting('c')(undefined);
    ledger.submitting('d'); // never answered: the process died with the call in flight
    ledger.terminated('job-aaaaaaa1', 'Success');
    expect(readLedger(path)).toEqual({ target: TARGET, open: ['job-bbbbbbb2'], unanswered: ['d'], torn: 0 });
  });

  it('keeps the first run’s target when a later writer (tbc cleanup) appends to the same file', () => {
    const path = freshPath();
    createJobLedger(path, { target: TARGET, seed: 7 }).submitting('a')('job-aaaaaaa1');
    createJobLedger(path, { target: 'http://127.0.0.1:9', seed: 0 }).terminated('job-aaaaaaa1', 'ResourceNotFound.Job');
    expect(readLedger(path)).toEqual({ target: TARGET, open: [], unanswered: [], torn: 0 });
  });

  it('resolves settled() only once no SubmitJob is in flight', async () => {
    const ledger = createJobLedger(freshPath(), { target: TARGET, seed: 7 });
    await ledger.settled();
    const answer = ledger.submitting('a');
    let settled = false;
    const waiting = ledger.settled().then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    answer('job-aaaaaaa1');
    await waiting;
    expect(settled).toBe(true);
  });

  it('skips a last line a crash cut short, and counts it', () => {
    const path = freshPath();
    const ledger = createJobLedger(path, { target: TARGET, seed: 7 });
    ledger.submitting('a')('job-aaaaaaa1');
    ledger.submitting('b');
    // The process died while appending the JobId of b: half a line, no newline.
    appendFileSync(path, '{"event":"created","jobId":"job-bb');
    expect(readLedger(path)).toEqual({ target: TARGET, open: ['job-aaaaaaa1'], unanswered: ['b'], torn: 1 });
  });

  it('lets the next writer start on a line of its own after a cut-short line, and still reads the file', () => {
    const path = freshPath();
    createJobLedger(path, { target: TARGET, seed: 7 }).submitting('a')('job-aaaaaaa1');
    appendFileSync(path, '{"event":"terminated","jobId":"job-aa');
    const cleanup = createJobLedger(path, { target: TARGET, seed: 0 });
    expect(readLedger(path)).toEqual({ target: TARGET, open: ['job-aaaaaaa1'], unanswered: [], torn: 1 });
    cleanup.terminated('job-aaaaaaa1', 'Success');
    expect(readLedger(path)).toEqual({ target: TARGET, open: [], unanswered: [], torn: 1 });
  });

  it('refuses a file with a line that is not JSON anywhere else: it is not a ledger', () => {
    const path = freshPath();
    writeFileSync(path, `${JSON.stringify({ event: 'run', target: TARGET, seed: 1, at: 'x' })}\nnot json\n{}\n`);
    expect(() => readLedger(path)).toThrow(TbcError);
    expect(() => readLedger(path)).toThrow(/:2 is not a ledger line/);
    expect(() => readLedger(join(path, 'missing'))).toThrow(/cannot read ledger/);
  });
});

/** A key pair of the account the double serves (not the example pair: live profiles refuse that). */
const KEYS: Credentials = {
  secretId: 'AKIDliveLikeLedgerCliKey00000001',
  secretKey: 'liveLikeLedgerCliSecretKey000001',
};
const KEY_FLAGS = ['--secret-id', KEYS.secretId, '--secret-key', KEYS.secretKey, '--region', 'ap-guangzhou'];

/** `tbc <args>` as a child process without the user's credentials, its output collected. */
const startTbcIn = (args: string[], cwd: string) => startTbc(args, { cwd, env: WITHOUT_CREDENTIALS });

/** Polls until `ready` holds; a deadline only so that a broken run ends the test instead of hanging it. */
async function waitUntil(ready: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 40_000;
  while (!ready()) {
    if (performance.now() > deadline) throw new Error(`gave up waiting until ${what}`);
    await sleep(50);
  }
}

/** The JobIds of the ledger's `created` lines, in order (none while the file does not exist yet). */
function createdIn(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line) => (line.startsWith('{"event":"created"') ? [(JSON.parse(line) as { jobId: string }).jobId] : []));
}

const servers: Listening[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/**
 * A live-like double on 127.0.0.1 on the wall clock (timeScale 1: a job stays unfinished for the whole test), and a
 * ledger path in a fresh directory (the run's working directory too).
 */
async function setUp(): Promise<{ double: LiveLikeDouble; url: string; dir: string; ledger: string }> {
  const double = createLiveLikeDouble({ credentials: [KEYS], timeScale: 1 });
  const served = await serveImplementation(double.implementation);
  servers.push(served);
  const dir = mkdtempSync(join(tmpdir(), 'tbc-ledger-cli-'));
  return { double, url: served.url, dir, ledger: join(dir, 'ledger.jsonl') };
}

const statefulRun = (url: string, ledger: string, maxJobs: number): string[] => [
  'conformance',
  '--target',
  url,
  '--profile',
  'live-stateful',
  '--allow-destructive',
  '--max-jobs',
  String(maxJobs),
  '--ledger',
  ledger,
  '--seed',
  '1',
  '--no-progress',
  ...KEY_FLAGS,
];

describe.concurrent('an interrupted live-stateful run leaves no job behind', () => {
  it('SIGTERM mid-run: terminates every job the ledger lists and exits 2', async () => {
    const { double, url, dir, ledger } = await setUp();
    const run = startTbcIn(statefulRun(url, ledger, 3), dir);
    await waitUntil(() => createdIn(ledger).length > 0, 'the ledger lists a created job');
    run.child.kill('SIGTERM');
    const exit = await run.exited;
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(/SIGTERM: stopping; terminating the \d+ job\(s\) of this run listed in /);
    expect(double.createdJobIds.length).toBeGreaterThan(0);
    // A SubmitJob in flight when the signal came is waited for: its job is in the ledger, and terminated too.
    expect([...double.createdJobIds].sort()).toEqual([...createdIn(ledger)].sort());
    expect(double.terminatedJobIds).toEqual(expect.arrayContaining([...double.createdJobIds]));
    expect(double.foreignTerminations).toEqual([]);
    expect(readLedger(ledger)).toMatchObject({ open: [], unanswered: [], torn: 0 });
  });

  it('SIGKILL mid-run: tbc cleanup terminates every job the ledger lists, then finds nothing to clean up', async () => {
    const { double, url, dir, ledger } = await setUp();
    // Two jobs, both spent at once by the run's shared twins: once both are in the ledger no SubmitJob can be in flight.
    const run = startTbcIn(statefulRun(url, ledger, 2), dir);
    await waitUntil(() => createdIn(ledger).length === 2, 'the ledger lists both jobs');
    run.child.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    expect(readLedger(ledger)).toMatchObject({ target: url, unanswered: [] });
    expect([...readLedger(ledger).open].sort()).toEqual([...double.createdJobIds].sort());
    expect(double.terminatedJobIds).toEqual([]);

    // The ledger's own target: no --target.
    const cleanup = await startTbcIn(['cleanup', '--ledger', ledger, ...KEY_FLAGS], dir).exited;
    expect(cleanup.code).toBe(0);
    expect(cleanup.stdout).toContain(`terminated 2 job(s) listed in ${ledger}`);
    expect([...double.terminatedJobIds].sort()).toEqual([...double.createdJobIds].sort());
    expect(double.foreignTerminations).toEqual([]);
    expect(readLedger(ledger).open).toEqual([]);

    const again = await startTbcIn(['cleanup', '--ledger', ledger, ...KEY_FLAGS], dir).exited;
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to clean up');
    expect(double.terminatedJobIds).toHaveLength(2);
  });
});
