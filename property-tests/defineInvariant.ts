import fc from 'fast-check';
import type { Capability } from './Capability.ts';
import type { Expectation } from './Expectation.ts';
import type { Harness, HarnessRuntime } from './Harness.ts';
import type { CheckOptions, Invariant, InvariantResult } from './Invariant.ts';
import type { Provenance } from './Provenance.ts';
import { Blocked, RunSkipped, Violation } from './Violation.ts';
import { describeValue } from '../conformance/describeValue.ts';
import {
  describeCell,
  labelOf,
  planCells,
  type Cell,
  type CellPlan,
  type CellValue,
  type DimensionGroup,
} from './coverage/planCells.ts';
import { createCellTally } from './coverage/createCellTally.ts';

/** An expectation as an invariant declares it: what is expected and where that comes from. */
export interface ExpectationSpec {
  statement: string;
  provenance: Provenance;
}

/** No finite dimensions (or no free part): nothing to merge into a run's input. */
// eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- the empty input is meant: `{}` & F is F
type NoCell = Record<never, never>;

export interface PropertyDefinition<
  Id extends string,
  K extends string,
  C extends Cell,
  F extends Record<string, unknown>,
> {
  id: Id;
  title: string;
  /** The sentence the invariant is about, quoted (verbatim when it is the seed's). */
  source: string;
  requires: readonly Capability[];
  /** Everything the invariant asserts, by key; `run` checks them with `h.check(expect.key, ...)`. */
  expectations: Record<K, ExpectationSpec>;
  /**
   * The finite dimensions of a run's input (wire form, fault kind, instance state, …), in groups whose cells are
   * united: before any random run, each cell runs once with a free part drawn from a fixed seed, so what a pass covers
   * does not depend on the run's seed. Boundary values belong here too. Absent: random runs only.
   */
  cells?: (h: Harness) => readonly DimensionGroup<C>[];
  /** The free part of a run's input, derived from the spec where it holds parameters of the API; default none. */
  arbitrary?: (h: Harness, options: CheckOptions) => fc.Arbitrary<F>;
  /** One run. Checks go through `h.check`; a broken expectation throws a Violation (fast-check's failing run). */
  run: (h: Harness, input: C & F, expect: Readonly<Record<K, Expectation>>) => Promise<void>;
  /** Emulator rate limits during a run; default off (only TTI-09 needs them). */
  rateLimits?: Record<string, number>;
  /** Share of the requested runs this property makes (heavy scenarios make fewer); coverage runs are never cut. */
  runsScale?: number;
  /**
   * The invariant judges answers that cannot be read, or never came, itself (TTI-10, which owns them). Every other
   * invariant is blocked by such an answer, pointing at its owner (Harness.beginRun).
   */
  seesBrokenAnswers?: boolean;
}

/**
 * The seed of coverage cell `cell`'s free part, try `attempt`: fixed, so the coverage phase is the same for every run
 * seed. A cell whose first free part could not be observed (a state that passed between two polls) gets a few more.
 */
function coverageSeed(cell: number, attempt = 0): number {
  return cell + attempt * 100_000;
}

/** Tries per coverage cell until one run of it is observed (each with its own fixed free part). */
const COVERAGE_ATTEMPTS = 3;

/** One run's input: its cell and its free part, kept apart so the cell can be counted. */
interface Drawn<C, F> {
  cell: C;
  free: F;
}

/**
 * Turns a scenario into an Invariant, in two phases. Cover: each planned cell runs once (its own fast-check property
 * with the cell fixed and the free part drawn from a fixed seed). Explore: the runs left of `numRuns` draw cell and
 * free part at random from the run's seed. A failure in either is shrunk to a minimal input, replayed once more to
 * collect its exchanges as evidence, and reported with what replays it (seed, path, and the cell for a coverage
 * failure). A Violation becomes a Finding naming the broken expectation and its provenance. A run that checked nothing
 * (skipped, or no expectation evaluated) does not count; a run blocked by an unusable supporting call stops the
 * invariant, and one none of whose runs checked anything is `skipped` or `blocked`, never `passed`. Any other exception
 * is a kit bug and propagates.
 */
export function defineInvariant<
  const Id extends string,
  K extends string,
  F extends Record<string, unknown> = NoCell,
  C extends Cell = NoCell,
>(def: PropertyDefinition<Id, K, C, F>): Invariant<Id> {
  // The plan depends only on the groups' values (which a target's capabilities choose): made once per set of them.
  const plans = new Map<string, CellPlan<C>>();
  const planOf = (groups: readonly DimensionGroup<C>[]): CellPlan<C> => {
    const key = JSON.stringify(
      groups.map((g) => Object.entries(g).map(([n, vs]) => [n, (vs as readonly CellValue[]).map(labelOf)])),
    );
    let plan = plans.get(key);
    if (plan === undefined) plans.set(key, (plan = planCells(groups)));
    return plan;
  };
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
      const groups = def.cells?.(h) ?? [];
      const plan = planOf(groups);
      const shard = options.shard ?? { index: 1, count: 1 };
      const mine = plan.cells
        .map((cell, index) => ({ cell, index }))
        .filter((c) => c.index % shard.count === shard.index - 1);
      const tally = createCellTally();
      tally.plan(mine.map((c) => c.cell));
      const free = def.arbitrary?.(h, options) ?? fc.constant({} as F);
      const inputOf = (cells: fc.Arbitrary<C>): fc.Arbitrary<Drawn<C, F>> => fc.record({ cell: cells, free });
      const randomCells: fc.Arbitrary<C> =
        groups.length === 0
          ? fc.constant({} as C)
          : fc.oneof(
              ...groups.map(
                (group) =>
                  fc.record(
                    Object.fromEntries(
                      Object.entries(group).map(([name, values]) => [
                        name,
                        fc.constantFrom(...(values as readonly unknown[])),
                      ]),
                    ),
                  ) as unknown as fc.Arbitrary<C>,
              ),
            );

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
      // stands (every further candidate passes without a call). Runs after it are shrink steps, not counted.
      let failedAt: number | undefined;
      const shrinkLimitMs = options.shrinkLimitMs ?? Number.POSITIVE_INFINITY;
      let searching = true;
      let planned = false;
      let redraws = options.redrawUnobserved ?? 0;
      // Read through a function: runs (closures) set it, which the compiler's narrowing of the loops below cannot see.
      const isBlocked = (): boolean => blocked !== undefined;
      const runOnce = async ({ cell, free: part }: Drawn<C, F>): Promise<void> => {
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
          await def.run(h, { ...cell, ...part }, expectations);
        } catch (error) {
          if (error instanceof RunSkipped) h.skipRun(error.message);
          else if (error instanceof Blocked) h.blockRun(error.message, error.owner);
          else {
            if (searching && failedAt === undefined)
              tally.record({ cell, planned, checked: h.runStatus().checked, notObserved: undefined });
            failedAt ??= performance.now();
            throw error;
          }
        }
        const status = h.runStatus();
        const why =
          status.blocked?.reason ??
          status.skipped ??
          (status.checks === 0 ? 'the run evaluated no expectation' : undefined);
        if (searching && failedAt === undefined)
          tally.record({ cell, planned, checked: status.checked, notObserved: why });
        if (status.blocked !== undefined) blocked = status.blocked;
        else if (why !== undefined) skipReasons.add(why);
        else observed++;
        // An unobserved run proved nothing either way: during the random search, fast-check may draw another input
        // instead (a failed precondition does not count as a run). Never while replaying a counterexample; in the
        // coverage phase the next cell is tried instead (below).
        if (searching && !planned && status.blocked === undefined && why !== undefined && redraws > 0) {
          redraws--;
          fc.pre(false);
        }
      };

      // The runs this invariant makes: its share of --runs, and (unless runs are counted, live) never fewer than its
      // planned cells.
      const asked = Math.max(1, Math.round(options.numRuns * (def.runsScale ?? 1)));
      const total = options.runsIncludeCells === true ? asked : Math.max(mine.length, asked);
      const cap = Math.min(total, options.runsCap ?? Number.POSITIVE_INFINITY);
      let coverageRuns = 0;
      let randomRuns = 0;
      // Runs made before the failure (the failing one included): what the report's `runs` says of a failed invariant.
      let runsToFailure = 0;
      let failure: { details: fc.RunDetails<[Drawn<C, F>]>; cell?: number } | undefined;
      const check = (arbitrary: fc.Arbitrary<Drawn<C, F>>, parameters: fc.Parameters<[Drawn<C, F>]>) =>
        fc.check(fc.asyncProperty(arbitrary, runOnce), parameters);

      if (options.path !== undefined) {
        // A replay: the one case recorded, a coverage cell's or a random run's.
        const cell = options.cell === undefined ? undefined : plan.cells[options.cell];
        planned = cell !== undefined;
        const arbitrary = inputOf(cell === undefined ? randomCells : fc.constant(cell));
        const details = await check(arbitrary, { seed: options.seed, numRuns: options.numRuns, path: options.path });
        if (details.failed) failure = { details, ...(options.cell === undefined ? {} : { cell: options.cell }) };
        runsToFailure = details.numRuns;
      } else {
        planned = true;
        // Runs that count against `cap`: every attempt, except (where runs are counted, live) an unobserved one a
        // redraw pays for, as in the random phase.
        let counted = 0;
        cover: for (const { cell, index } of mine) {
          // Where runs are counted, an unobserved cell gives way to the next one rather than being tried again.
          const attempts = options.runsIncludeCells === true ? 1 : COVERAGE_ATTEMPTS;
          for (let attempt = 0; attempt < attempts; attempt++) {
            if (counted >= cap || blocked !== undefined || time.out) break cover;
            coverageRuns++;
            const seen = observed;
            const details = await check(inputOf(fc.constant(cell)), { seed: coverageSeed(index, attempt), numRuns: 1 });
            if (details.failed) {
              failure = { details, cell: index };
              runsToFailure = coverageRuns;
              break cover;
            }
            const unobserved = observed === seen && !isBlocked();
            if (unobserved && options.runsIncludeCells === true && redraws > 0) redraws--;
            else counted++;
            if (!unobserved) break;
          }
        }
        planned = false;
        const left = cap - counted;
        if (failure === undefined && blocked === undefined && !time.out && left > 0) {
          randomRuns = left;
          const details = await check(inputOf(randomCells), { seed: options.seed, numRuns: left });
          if (details.failed) failure = { details };
          runsToFailure = coverageRuns + details.numRuns;
        }
      }
      searching = false;
      tally.notRun(
        failure !== undefined
          ? 'the invariant stopped at its first failure'
          : blocked !== undefined
            ? `blocked: ${blocked.reason}`
            : time.out
              ? "its share of the run's time budget ran out"
              : `only ${cap} runs were allowed (--runs; on a live target every run costs its requests)`,
      );
      // Only an invariant with dimensions has cells to report.
      const cellReports = tally.report();
      const cells =
        groups.length === 0 ? {} : { cells: { groups: plan.groups, coverageRuns, randomRuns, cells: cellReports } };
      const observations = h.takeObservations();
      const requests = (): number => h.requestCount() - before;
      if (failure === undefined) {
        const notObserved = h.takeUnobservable();
        // A property that never observed what it checks did not pass: it was not checked.
        if (observed === 0 && blocked !== undefined) {
          return { status: 'blocked', ...blocked, requests: requests(), observations, ...cells };
        }
        if (observed === 0 && time.out) {
          return {
            status: 'skipped',
            reason: "its share of the run's time budget ran out before a run was observed",
            requests: requests(),
            ...cells,
          };
        }
        if (observed === 0) {
          return {
            status: 'skipped',
            reason: `no run could be observed: ${listReasons([...skipReasons])}`,
            requests: requests(),
            ...cells,
          };
        }
        // Passed where it could be checked: planned cells nothing observed are facts this target could not show.
        const planned = cellReports.filter((c) => c.planned);
        const [unseen, ...more] = planned.filter((c) => c.observed === 0);
        if (unseen !== undefined) {
          notObserved.push(
            `${more.length + 1} of ${planned.length} planned cells, e.g. ${describeCell(unseen.values)} (${unseen.notObserved?.[0] ?? 'no reason recorded'})`,
          );
        }
        return { status: 'passed', runs: observed, requests: requests(), notObserved, observations, ...cells };
      }
      const { details } = failure;
      const error: unknown = details.errorInstance;
      if (!(error instanceof Violation)) throw error instanceof Error ? error : new Error(describeValue(error));
      const [drawn] = details.counterexample ?? [];
      const counterexample = drawn === undefined ? undefined : { ...drawn.cell, ...drawn.free };
      // fast-check's own printer: safe for any value (no prototype, cycles), and a command sequence prints its replay path.
      const counterexampleText = fc.stringify(counterexample);
      let violation = error;
      let reproduced = false;
      blocked = undefined;
      try {
        if (drawn !== undefined) await runOnce(drawn);
      } catch (replayError) {
        if (!(replayError instanceof Violation)) throw replayError;
        violation = replayError;
        reproduced = true;
      }
      const log = h.takeLog();
      return {
        status: 'failed',
        runs: runsToFailure,
        requests: requests(),
        observations,
        ...cells,
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
            ...(failure.cell === undefined ? {} : { cell: failure.cell }),
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

/** How many of the distinct reasons runs were skipped for a skipped invariant names; each names its own ids. */
const SHOWN_SKIP_REASONS = 3;

/**
 * The first few reasons, and how many more there were. Why a cap: reasons differ by the ids a run drew, so a run of
 * hundreds of runs has hundreds of them, and the report and its console table are read by people.
 */
function listReasons(reasons: readonly string[]): string {
  const shown = reasons.slice(0, SHOWN_SKIP_REASONS).join('; then ');
  const more = reasons.length - SHOWN_SKIP_REASONS;
  return more > 0 ? `${shown}; and ${more} more run(s) skipped for reasons of the same kind` : shown;
}
