import fc from 'fast-check';
import type { Capability } from './Capability.ts';
import type { Harness, HarnessRuntime } from './Harness.ts';
import type { CheckOptions, Invariant, InvariantResult } from './Invariant.ts';
import { RunSkipped, Violation } from './Violation.ts';

export interface PropertyDefinition<Id extends string, T> {
  id: Id;
  title: string;
  source: string;
  requires: readonly Capability[];
  /** Inputs of one run, derived from the spec where they are parameters of the API. */
  arbitrary: (h: Harness, options: CheckOptions) => fc.Arbitrary<T>;
  /** One run: throws Violation when the target breaks the invariant. */
  run: (h: Harness, input: T) => Promise<void>;
  /** Emulator rate limits during a run; default off (only TTI-09 needs them). */
  rateLimits?: Record<string, number>;
  /** Share of the requested runs this property makes (heavy scenarios make fewer). */
  runsScale?: number;
}

/**
 * Turns a scenario into an Invariant: fast-check searches inputs (seeded, replayable), shrinks a failure to a minimal
 * input, then replays that input once more to collect its exchanges as evidence. A Violation becomes a Finding; any
 * other exception is a broken setup or a kit bug and propagates.
 */
export function defineInvariant<const Id extends string, T>(def: PropertyDefinition<Id, T>): Invariant<Id> {
  return {
    id: def.id,
    title: def.title,
    source: def.source,
    requires: def.requires,
    async check(h: HarnessRuntime, options: CheckOptions): Promise<InvariantResult> {
      const before = h.requestCount();
      h.takeUnobservable();
      let observed = 0;
      let lastSkip = '';
      const runOnce = async (input: T): Promise<void> => {
        await h.beginRun(def.rateLimits);
        try {
          await def.run(h, input);
        } catch (error) {
          if (!(error instanceof RunSkipped)) throw error;
          h.skipRun(error.message);
        }
        const skip = h.runSkipped();
        if (skip === undefined) observed++;
        else lastSkip = skip;
      };
      const numRuns = Math.max(1, Math.round(options.numRuns * (def.runsScale ?? 1)));
      const details = await fc.check(fc.asyncProperty(def.arbitrary(h, options), runOnce), {
        seed: options.seed,
        numRuns,
        ...(options.path === undefined ? {} : { path: options.path }),
      });
      if (!details.failed) {
        const requests = h.requestCount() - before;
        // A property that never observed what it checks did not pass: it was not checked.
        if (observed === 0) return { status: 'skipped', reason: `no run could be observed: ${lastSkip}`, requests };
        return { status: 'passed', runs: observed, requests, notObserved: h.takeUnobservable() };
      }
      const error: unknown = details.errorInstance;
      if (!(error instanceof Violation)) throw error instanceof Error ? error : new Error(String(error));
      const [counterexample] = details.counterexample ?? [];
      let message = error.message;
      let reproduced = false;
      try {
        await runOnce(counterexample as T);
      } catch (replayError) {
        if (!(replayError instanceof Violation)) throw replayError;
        message = replayError.message;
        reproduced = true;
      }
      const log = h.takeLog();
      return {
        status: 'failed',
        runs: details.numRuns,
        requests: h.requestCount() - before,
        finding: {
          invariant: def.id,
          message,
          evidence: {
            counterexample: JSON.parse(JSON.stringify(counterexample ?? null)) as unknown,
            counterexampleText: fc.stringify(counterexample),
            ...commandsReplayPathOf(counterexample),
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

/** Fails the run with `message` unless `condition` holds. */
export function expectThat(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Violation(message);
}

// A shrunk command sequence prints its own replay path (as a replayPath="..." comment); replaying needs both paths.
function commandsReplayPathOf(counterexample: unknown): { commandsReplayPath?: string } {
  const match = /replayPath="([^"]*)"/.exec(String(counterexample));
  return match?.[1] === undefined ? {} : { commandsReplayPath: match[1] };
}
