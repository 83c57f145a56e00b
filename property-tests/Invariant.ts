import type { Capability } from './Capability.ts';
import type { Expectation } from './Expectation.ts';
import type { HarnessRuntime, Observation } from './Harness.ts';
import type { CellCoverage, Exchange } from '../generated/reportTypes.ts';

/** A violation as data: which invariant, one line, and the evidence to reproduce it (secrets already redacted). */
export interface Finding {
  invariant: string;
  message: string;
  /** The expectation the target broke, with its provenance. */
  expectation: Expectation;
  evidence: {
    /** The shrunk input as data, and as fast-check prints it (command sequences read like a script). */
    counterexample: unknown;
    counterexampleText: string;
    /** TTI-MODEL: the command sequence's own replay path, next to `path`. */
    commandsReplayPath?: string;
    /** The minimal request/response sequence of the counterexample's replay. */
    exchanges: Exchange[];
    /** Notes on what was observed besides the API (clock advances, snapshots). */
    notes: string[];
    /** fast-check's seed and replay path: `fc.check(property, { seed, path })` reruns exactly this case. */
    seed: number;
    path: string;
    /** A failure of the coverage phase: its cell's index in the invariant's plan (the replay reruns that cell). */
    cell?: number;
    /** False when the replay of the counterexample passed: the target behaved differently the second time. */
    reproduced: boolean;
  };
}

export type InvariantResult = (
  | /** `notObserved`: facts of the invariant this target could not show (checked where it could). */
    { status: 'passed'; runs: number; requests: number; notObserved: string[]; observations: Observation[] }
  | { status: 'failed'; finding: Finding; runs: number; requests: number; observations: Observation[] }
  | { status: 'skipped'; reason: string; requests: number }
  /** No run could set up: a supporting call was unusable; `owner` is the invariant whose facts the cause breaks. */
  | { status: 'blocked'; reason: string; owner?: string; requests: number; observations: Observation[] }
) & {
  /** Which cells of its finite input space ran, and how often (absent for an invariant without dimensions). */
  cells?: CellCoverage;
};

/**
 * One invariant of the catalogue. `Id` is its stable id (part of the public contract: reports, `--only`,
 * `--replay --id`); the catalogue's list of ids is derived from the invariants themselves (catalogue.ts).
 */
export interface Invariant<Id extends string = string> {
  id: Id;
  title: string;
  /** The seed sentence (or table) the invariant checks, quoted. */
  source: string;
  requires: readonly Capability[];
  /** Everything it asserts, each with its provenance (docs/invariants.md lists them). */
  expectations: readonly Expectation[];
  check(harness: HarnessRuntime, options: CheckOptions): Promise<InvariantResult>;
}

export interface CheckOptions {
  seed: number;
  /** Runs asked for (the run's --runs, this shard's share); an invariant makes at least one per planned cell. */
  numRuns: number;
  /** At most this many runs in all, coverage runs first (the smoke pass). */
  runsCap?: number;
  /**
   * Live profiles: `numRuns` bounds the runs, coverage runs included (each costs the user's requests and jobs); the
   * planned cells past it are reported as not run. Elsewhere an invariant makes at least one run per planned cell.
   */
  runsIncludeCells?: boolean;
  /** 1-based shard of n: this check covers the planned cells whose index is `index − 1` modulo `count`. */
  shard?: { index: number; count: number };
  /** With `path`: the replayed failure was a coverage cell's, this one in the plan. */
  cell?: number;
  /** Replays one recorded case (from a Finding) instead of searching. */
  path?: string;
  /** Stop starting new runs after this long (the run's time budget); the runs made so far count. */
  timeLimitMs?: number;
  /**
   * Shrink a failure for at most this long, then report the smallest one found (live targets: every shrink step costs
   * paced calls to a real service). Default: no limit.
   */
  shrinkLimitMs?: number;
  commandsReplayPath?: string;
  /**
   * Live targets: a run that could not be observed (a fleeting state passed between two polls, someone else's job)
   * is replaced by a fresh draw, up to this many times in all; the time budget and the job budget still bound them.
   */
  redrawUnobserved?: number;
}
