import type { CallResult } from '../conformance/client/CallResult.ts';
import type { EnvKind, TaskInstanceState } from '../generated/transitions.ts';
import { describeRef } from './InstanceRef.ts';
import type { InstanceView } from './Harness.ts';
import { outcomeOf } from './outcomeOf.ts';

/** What the run exercised, for the report's coverage summary. */
export interface Coverage {
  /** `env/state` of the instance when TerminateTaskInstance was called → outcome (Success or code) → count. */
  terminations: Map<string, Map<string, number>>;
  /** Every error code answered, by any action → count. */
  errorCodes: Map<string, number>;
}

export interface CoverageRecorder {
  /** A job of the run, so terminations of its instances are counted by env. */
  noteJob(jobId: string, env: EnvKind): void;
  /** Every answer the harness receives. */
  observe(action: string, params: unknown, result: CallResult<string>): void;
  readonly coverage: Coverage;
}

/**
 * Counts what a run exercised: error codes, and each TerminateTaskInstance by the situation the caller knew of (the
 * env of the job and the instance's state in the last DescribeTask) and its outcome. Why the last state seen, not
 * the true one: the kit knows only what a client knows.
 */
export function createCoverage(): CoverageRecorder {
  const coverage: Coverage = { terminations: new Map(), errorCodes: new Map() };
  const envs = new Map<string, EnvKind>();
  const lastSeen = new Map<string, TaskInstanceState>();
  const count = (map: Map<string, number>, key: string): void => {
    map.set(key, (map.get(key) ?? 0) + 1);
  };
  return {
    coverage,
    noteJob(jobId, env) {
      envs.set(jobId, env);
    },
    observe(action, params, result) {
      if (result.kind === 'error') count(coverage.errorCodes, result.code);
      const p = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
      const jobId = String(p['JobId']);
      const taskName = String(p['TaskName']);
      if (action === 'DescribeTask' && result.kind === 'success') {
        const data = result.data as { TaskInstanceSet?: InstanceView[] };
        for (const i of data.TaskInstanceSet ?? []) {
          lastSeen.set(describeRef({ jobId, taskName, index: i.TaskInstanceIndex }), i.TaskInstanceState);
        }
      }
      if (action === 'TerminateTaskInstance') {
        const key = describeRef({ jobId, taskName, index: Number(p['TaskInstanceIndex']) });
        const env = envs.get(jobId);
        const state = lastSeen.get(key);
        const situation = env === undefined || state === undefined ? 'no such instance' : `${env}/${state}`;
        let byOutcome = coverage.terminations.get(situation);
        if (byOutcome === undefined) coverage.terminations.set(situation, (byOutcome = new Map<string, number>()));
        count(byOutcome, outcomeOf(result));
      }
    },
  };
}

/** The coverage of several harnesses (one per invariant in a concurrent run) as one: every count summed. */
export function mergeCoverage(parts: readonly Coverage[]): Coverage {
  const merged: Coverage = { terminations: new Map(), errorCodes: new Map() };
  const add = (into: Map<string, number>, from: ReadonlyMap<string, number>): void => {
    for (const [key, n] of from) into.set(key, (into.get(key) ?? 0) + n);
  };
  for (const part of parts) {
    add(merged.errorCodes, part.errorCodes);
    for (const [situation, outcomes] of part.terminations) {
      let into = merged.terminations.get(situation);
      if (into === undefined) merged.terminations.set(situation, (into = new Map<string, number>()));
      add(into, outcomes);
    }
  }
  return merged;
}
