import type { InvariantId } from '../../property-tests/Invariant.ts';
import type { Exchange } from '../client/CallResult.ts';

/** How the runner treats a target (see resolveProfile): what it may do to it and what it can observe. */
export type RunnerProfile = 'emulated' | 'live-safe' | 'live-stateful' | 'mock';
export type InvariantStatus = 'passed' | 'failed' | 'skipped';

/** What reproduces one failure: `tbc conformance --replay FILE --id ID` reruns exactly this case. */
export interface ReplayData {
  id: InvariantId;
  docRevision: string;
  seed: number;
  path: string;
  commandsReplayPath?: string;
  numRuns: number;
}

export interface InvariantReport {
  id: InvariantId;
  title: string;
  source: string;
  status: InvariantStatus;
  /** Why it was skipped, or the one-line message of its violation. */
  reason?: string;
  runs?: number;
  requests?: number;
  durationMs: number;
  /** Facts of the invariant this target could not show (they were not counted as passed). */
  notObserved?: string[];
  counterexample?: { input: unknown; text: string; exchanges: Exchange[]; notes: string[]; reproduced: boolean };
  replay?: ReplayData;
  /** Against a stateless mock: why no mock can satisfy this invariant. */
  mockLimitation?: string;
}

export interface CoverageReport {
  requests: number;
  /** TerminateTaskInstance calls by the instance's situation (`env/state` when the call was made) and outcome. */
  terminations: { situation: string; outcomes: Record<string, number> }[];
  /** Error codes answered, by count; and TerminateTaskInstance's documented codes never seen. */
  errorCodes: Record<string, number>;
  terminateCodesNotExercised: string[];
}

/** The JSON report (`--json`). Scripts depend on this shape; it only ever grows. */
export interface Report {
  tool: 'tbc';
  version: string;
  target: string;
  profile: RunnerProfile;
  docRevision: string;
  seed: number;
  ok: boolean;
  durationMs: number;
  /** `i/n` of each shard this report covers (one for a single run; several after `tbc report merge`). */
  shards: string[];
  invariants: InvariantReport[];
  coverage: CoverageReport;
}
