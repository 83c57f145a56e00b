import fc from 'fast-check';
import type { Capability } from './Capability.ts';
import type { Expectation } from './Expectation.ts';
import type { Harness, HarnessRuntime } from './Harness.ts';
import type { CheckOptions, Invariant, InvariantResult } from './Invariant.ts';
import type { Provenance } from './Provenance.ts';
import { Blocked, RunSkipped, Violation } from './Violation.ts';
import { describeValue } from '../conformance/describeValue.ts';

/** An expectation as an invariant declares it: what is expected and where that comes from. */
export interface ExpectationSpec {
  statement: string;
  provenance: Provenance;
}

export interface PropertyDefinition<Id extends string, K extends string, T> {
  id: Id;
  title: string;
  /** The sentence the invariant is about, quoted (verbatim when it is the seed's). */
  source: string;
  requires: readonly Capability[];
  /** Everything the invariant asserts, by key; `run` checks them with `h.check(expect.key, ...)`. */
  expectations: Record<K, ExpectationSpec>;
  /** Inputs of one run, derived from the spec where they are parameters of the API. */
  arbitrary: (h: Harness, options: CheckOptions) => fc.Arbitrary<T>;
  /** One run. Checks go through `h.check`; a broken expectation throws a Violation (fast-check's failing run). */
  run: (h: Harness, input: T, expect: Readonly<Record<K, Expectation>>) => Promise<void>;
  /** Emulator rate limits during a run; default off (only TTI-09 needs them). */
  rateLimits?: Record<string, number>;
  /** Share of the requested runs this property makes (heavy scenarios make fewer). */
  runsScale?: number;
  /**
   * The invariant judges answers that cannot be read, or never came, itself (TTI-10, which owns them). Every other
   * invariant is blocked by such an answer, pointing at its owner (Harness.beginRun).
   */
  seesBrokenAnswers?: boolean;
}

/**
 * Turns a scenario into an Invariant: fast-check searches inputs (seeded, replayable), shrinks a failure to a minimal
 * input, then replays that input once more to collect its exchanges as evidence. A Violation becomes a Finding that
 * names the broken expectation and its provenance. A run that checked nothing (skipped, or no expectation evaluated)
 * does not count; a run blocked by an unusable supporting call stops the search, and an invariant none of whose runs
 * checked anything is `skipped` or `blocked`, never `passed`. Any other exception is a kit bug and propagates.
 */
export function defineInvariant<const Id extends string, K extends string, T>(
  def: PropertyDefinition<Id, K, T>,
): Invariant<Id> {
  const expectations = Object.fromEntries(
    Object.entries<ExpectationSpec>(def.expectations).map(([key, spec]) => [key, { id: `${def.id}.${key}`, ...spec }]),
  ) as Record<K, Expectation>;
  return {
    id: def.id,
    title: def.title,
    source: def.source,
    requires: def.requires,
    expectations: Object.values<Expectation>(expectations),
    async check(h: HarnessRuntime, options: CheckOptions): Promise<InvariantResult> {
      const before = h.requestCount();
      h.takeUnobservable();
      h.takeObservations();
      let observed = 0;
      // Why runs were not observed, each reason once, in the order met (the first is usually the root one: a state
      // this target cannot show, before later runs ran into the budget).
      const skipReasons = new Set<string>();
      let blocked: { reason: string; owner?: string } | undefined;
      // The time this invariant may take (its share of the run's time budget). Checked before each run of the search:
      // a run in progress always finishes. (fast-check's own time limit would abandon that run mid-way, still
      // sending requests in the background while the next invariant starts.)
      const deadline =
        options.timeLimitMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + options.timeLimitMs;
      const time = { out: false };
      // When the first failure was found: shrinking it may take `shrinkLimitMs`, then the smallest failure found
      // stands (every further candidate passes without a call).
      let failedAt: number | undefined;
      const shrinkLimitMs = options.shrinkLimitMs ?? Number.POSITIVE_INFINITY;
      const runOnce = async (input: T): Promise<void> => {
        // Once blocked, the remaining runs would be blocked the same way: spend nothing on them.
        if (blocked !== undefined) return;
        // Out of time: the remaining runs of the search are not made (and count for nothing).
        if (searching && performance.now() >= deadline) {
          time.out = true;
          return;
        }
        if (searching && failedAt !== undefined && performance.now() - failedAt >= shrinkLimitMs) return;
        await h.beginRun(def.rateLimits, def.seesBrokenAnswers === true);
        try {
          await def.run(h, input, expectations);
        } catch (error) {
          if (error instanceof RunSkipped) h.skipRun(error.message);
          else if (error instanceof Blocked) h.blockRun(error.message, error.owner);
          else {
            failedAt ??= performance.now();
            throw error;
          }
        }
        const status = h.runStatus();
        if (status.blocked !== undefined) blocked = status.blocked;
        else if (status.skipped !== undefined) skipReasons.add(status.skipped);
        else if (status.checks === 0) skipReasons.add('the run evaluated no expectation');
        else observed++;
        // An unobserved run proved nothing either way: during the search, fast-check may draw another input instead
        // (a failed precondition does not count as a run). Never while replaying a counterexample.
        const unobserved = status.blocked === undefined && (status.skipped !== undefined || status.checks === 0);
        if (searching && unobserved && redraws > 0) {
          redraws--;
          fc.pre(false);
        }
      };
      let searching = true;
      let redraws = options.redrawUnobserved ?? 0;
      const numRuns = Math.max(1, Math.round(options.numRuns * (def.runsScale ?? 1)));
      const parameters: fc.Parameters<[T]> = {
        seed: options.seed,
        numRuns,
        ...(options.path === undefined ? {} : { path: options.path }),
      };
      const details = await fc.check(fc.asyncProperty(def.arbitrary(h, options), runOnce), parameters);
      searching = false;
      const observations = h.takeObservations();
      if (!details.failed) {
        const requests = h.requestCount() - before;
        const notObserved = h.takeUnobservable();
        // A property that never observed what it checks did not pass: it was not checked.
        if (observed === 0 && blocked !== undefined) return { status: 'blocked', ...blocked, requests, observations };
        if (observed === 0 && time.out) {
          return {
            status: 'skipped',
            reason: "its share of the run's time budget ran out before a run was observed",
            requests,
          };
        }
        if (observed === 0) {
          return {
            status: 'skipped',
            reason: `no run could be observed: ${[...skipReasons].join('; then ')}`,
            requests,
          };
        }
        return { status: 'passed', runs: observed, requests, notObserved, observations };
      }
      const error: unknown = details.errorInstance;
      if (!(error instanceof Violation)) throw error instanceof Error ? error : new Error(describeValue(error));
      const [counterexample] = details.counterexample ?? [];
      // fast-check's own printer: safe for any value (no prototype, cycles), and a command sequence prints its replay path.
      const counterexampleText = fc.stringify(counterexample);
      let violation = error;
      let reproduced = false;
      blocked = undefined;
      try {
        await runOnce(counterexample as T);
      } catch (replayError) {
        if (!(replayError instanceof Violation)) throw replayError;
        violation = replayError;
        reproduced = true;
      }
      const log = h.takeLog();
      return {
        status: 'failed',
        runs: details.numRuns,
        requests: h.requestCount() - before,
        observations,
        finding: {
          invariant: def.id,
          message: violation.message,
          expectation: violation.expectation,
          evidence: {
            counterexample: asReportData(counterexample, counterexampleText),
            counterexampleText,
            ...commandsReplayPathOf(counterexampleText),
            exchanges: log.exchanges,
            notes: log.notes,
            seed: details.seed,
            path: details.counterexamplePath ?? '',
            reproduced,
          },
        },
      };
    },
  };
}

// A shrunk command sequence prints its own replay path (as a replayPath="..." comment); replaying needs both paths.
function commandsReplayPathOf(counterexampleText: string): { commandsReplayPath?: string } {
  const match = /replayPath="([^"]*)"/.exec(counterexampleText);
  return match?.[1] === undefined ? {} : { commandsReplayPath: match[1] };
}

/** The counterexample as JSON data for the report; its printed form where JSON cannot hold it (a BigInt, a cycle). */
function asReportData(counterexample: unknown, text: string): unknown {
  try {
    return JSON.parse(JSON.stringify(counterexample ?? null)) as unknown;
  } catch {
    return text;
  }
}
