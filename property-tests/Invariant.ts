import type { Exchange } from '../conformance/client/CallResult.ts';
import type { Harness } from './createHarness.ts';

/** Stable ids: part of the public contract (reports, `--only`, `--replay --id`). */
export const INVARIANT_IDS = [
  'TTI-01',
  'TTI-02',
  'TTI-03',
  'TTI-04',
  'TTI-05',
  'TTI-06',
  'TTI-07',
  'TTI-08',
  'TTI-09',
  'TTI-10',
  'TTI-11',
  'TTI-12',
  'TTI-13',
  'TTI-14',
  'TTI-15',
  'TTI-16',
  'TTI-MODEL',
] as const;
export type InvariantId = (typeof INVARIANT_IDS)[number];

/**
 * What a target must offer for an invariant to be checked; anything missing makes the invariant `skipped` with the
 * reason, never `passed`.
 * - `state`: jobs can be created (SubmitJob) and terminated: the emulator, or a live endpoint with --allow-destructive;
 * - `control`: the emulator control plane (virtual clock, CVM and quota snapshot);
 * - `named-env`: a named compute environment the run may submit to;
 * - `rate-limit`: the target enforces the documented limit (not a stateless mock).
 */
export type Capability = 'state' | 'control' | 'named-env' | 'rate-limit';

/** A violation as data: which invariant, one line, and the evidence to reproduce it (secrets already redacted). */
export interface Finding {
  invariant: InvariantId;
  message: string;
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
    /** False when the replay of the counterexample passed: the target behaved differently the second time. */
    reproduced: boolean;
  };
}

export type InvariantResult =
  /** `notObserved`: facts of the invariant this target could not show (checked where it could). */
  | { status: 'passed'; runs: number; requests: number; notObserved: string[] }
  | { status: 'failed'; finding: Finding; runs: number; requests: number }
  | { status: 'skipped'; reason: string; requests: number };

export interface Invariant {
  id: InvariantId;
  title: string;
  /** The seed sentence (or table) the invariant checks, quoted. */
  source: string;
  requires: readonly Capability[];
  check(harness: Harness, options: CheckOptions): Promise<InvariantResult>;
}

export interface CheckOptions {
  seed: number;
  numRuns: number;
  /** Replays one recorded case (from a Finding) instead of searching. */
  path?: string;
  commandsReplayPath?: string;
}
