import type { RunnerProfile } from '../../generated/reportTypes.ts';
import REPORT_SCHEMA from './report.schema.json' with { type: 'json' };

/** Every runner profile, in the order of the report schema's enum (the one list of them). */
export const RUNNER_PROFILES = REPORT_SCHEMA.$defs.RunnerProfile.enum as RunnerProfile[];

/** The profiles that check a real Tencent Cloud endpoint. */
export type LiveProfile = Extract<RunnerProfile, 'live-safe' | 'live-stateful'>;

/**
 * Whether a run checks a real endpoint: then it is paced, checks one invariant at a time, and needs real credentials
 * and a region; an emulator or a mock needs none of that.
 */
export function isLive(profile: RunnerProfile): profile is LiveProfile {
  return profile === 'live-safe' || profile === 'live-stateful';
}

/** `--runs`: fast-check runs per invariant (an invariant against an emulator makes at least one per planned cell). */
export const DEFAULT_RUNS = 25;

/**
 * Every run is bounded by default, so a CI job ends whatever the target does. Live runs: real time is slow, and a live
 * run must end (the ledger cleans up after it). An emulator or a mock: the default catalogue takes seconds, so 5
 * minutes only ever cuts a run whose target misbehaves (or a --runs far above the default: raise --time-budget).
 */
export const DEFAULT_TIME_BUDGET_MS: Readonly<Record<RunnerProfile, number>> = {
  emulated: 5 * 60_000,
  mock: 5 * 60_000,
  'live-safe': 10 * 60_000,
  'live-stateful': 20 * 60_000,
};
