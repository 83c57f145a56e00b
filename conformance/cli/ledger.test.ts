import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TbcError } from '../TbcError.ts';
import { createJobLedger, readLedger, type LedgerEntry } from '../runner/createJobLedger.ts';

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
