import { appendFileSync, readFileSync } from 'node:fs';
import type { EnvKind } from '../../generated/transitions.ts';
import type { JobEvents } from '../../property-tests/createHarness.ts';
import { TbcError } from '../TbcError.ts';

/** One line of a ledger file (JSON Lines, appended and flushed before each SubmitJob goes out). */
export type LedgerEntry =
  | { event: 'run'; target: string; seed: number; at: string }
  | { event: 'submitting'; jobName: string; at: string }
  | {
      event: 'created';
      jobId: string;
      jobName: string;
      at: string;
      /** Since 0.1.0's live budget: the job's compute environment and instances (what `tbc cleanup` tells about it). */
      env?: EnvKind;
      instances?: number;
    }
  | { event: 'submit-failed'; jobName: string; at: string }
  | { event: 'terminated'; jobId: string; outcome: string; at: string };

export interface JobLedger extends JobEvents {
  readonly path: string;
  terminated(jobId: string, outcome: string): void;
  /** Resolves once no SubmitJob is in flight (so every job the run may have created is in the file). */
  settled(): Promise<void>;
}

/**
 * The cleanup ledger of a live-stateful run: before each SubmitJob the intent is appended (and written through, so a
 * crash a moment later still leaves it), then the JobId once known, then each termination. `tbc cleanup --ledger FILE`
 * and the run's own signal handler terminate what it lists, and nothing else.
 */
export function createJobLedger(path: string, run: { target: string; seed: number }): JobLedger {
  const write = (entry: LedgerEntry): void => {
    appendFileSync(path, `${JSON.stringify(entry)}\n`);
  };
  const now = (): string => new Date().toISOString();
  // A crash may have cut the previous writer's last line short: end it, so that this writer's lines stay whole.
  if (endsMidLine(path)) appendFileSync(path, '\n');
  write({ event: 'run', target: run.target, seed: run.seed, at: now() });
  let inFlight = 0;
  let idle: (() => void)[] = [];
  return {
    path,
    submitting(jobName, job) {
      write({ event: 'submitting', jobName, at: now() });
      inFlight++;
      return (jobId) => {
        write(
          jobId === undefined
            ? { event: 'submit-failed', jobName, at: now() }
            : { event: 'created', jobId, jobName, at: now(), ...job },
        );
        inFlight--;
        if (inFlight === 0) {
          for (const resolve of idle) resolve();
          idle = [];
        }
      };
    },
    terminated(jobId, outcome) {
      write({ event: 'terminated', jobId, outcome, at: now() });
    },
    settled: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve))),
  };
}

function endsMidLine(path: string): boolean {
  let text: Buffer;
  try {
    text = readFileSync(path);
  } catch {
    return false;
  }
  return text.length > 0 && text[text.length - 1] !== 0x0a;
}

/**
 * What a ledger file says: the run's target, the jobs it created and not yet terminated, submits never answered, and
 * how many lines a crash cut short (skipped).
 */
export interface LedgerContents {
  target: string | undefined;
  open: string[];
  unanswered: string[];
  torn: number;
}

/**
 * Reads a ledger. A line a crash cut short while it was appended (not JSON, and either the file's last line, or followed
 * by the `run` line of the next writer, which starts on a line of its own) is skipped and counted in `torn`: if it was a
 * job's `created` line, that job's submission shows as unanswered; if a `terminated` line, the job is still open, and
 * terminating it again is harmless. Any other line that is not JSON means the file is no ledger (TbcError).
 */
export function readLedger(path: string): LedgerContents {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TbcError(`cannot read ledger ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let target: string | undefined;
  const open = new Set<string>();
  const pending: string[] = [];
  let torn = 0;
  const lines = text.split('\n');
  for (const [n, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let entry: LedgerEntry;
    try {
      entry = JSON.parse(line) as LedgerEntry;
    } catch {
      if (n === lines.length - 1 || isRunLine(lines[n + 1])) {
        torn++;
        continue;
      }
      throw new TbcError(`${path}:${n + 1} is not a ledger line (JSON expected)`);
    }
    if (entry.event === 'run') target ??= entry.target;
    else if (entry.event === 'submitting') pending.push(entry.jobName);
    else if (entry.event === 'created' || entry.event === 'submit-failed') {
      const at = pending.indexOf(entry.jobName);
      if (at !== -1) pending.splice(at, 1);
      if (entry.event === 'created') open.add(entry.jobId);
    } else open.delete(entry.jobId);
  }
  return { target, open: [...open], unanswered: pending, torn };
}

function isRunLine(line: string | undefined): boolean {
  try {
    return (JSON.parse(line ?? '') as Partial<LedgerEntry>).event === 'run';
  } catch {
    return false;
  }
}

/** The `created` line of a job in a ledger (what the console shows of a job left behind), if the file has one. */
export function createdEntry(path: string, jobId: string): Extract<LedgerEntry, { event: 'created' }> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    try {
      const entry = JSON.parse(line) as LedgerEntry;
      if (entry.event === 'created' && entry.jobId === jobId) return entry;
    } catch {
      // A line cut short by a crash: not the one sought.
    }
  }
  return undefined;
}
