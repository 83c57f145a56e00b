import fc from 'fast-check';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../conformance/emulator/createEmulator.ts';
import { defineInvariant } from './defineInvariant.ts';
import { decision } from './Provenance.ts';
import { emulatedHarnessOf } from './test-only/emulatedHarnessOf.ts';

const harness = () => emulatedHarnessOf(createEmulator({ clock: 'virtual' }).implementation);

/**
 * An invariant whose runs play a script, one entry per run in call order: `miss` observes nothing (a state that passed
 * between two polls), `quiet` checks nothing, `hold` checks an expectation that holds, `break` one that does not.
 */
function scripted(script: ('miss' | 'quiet' | 'hold' | 'break')[], runMs = 0) {
  let call = 0;
  const invariant = defineInvariant({
    id: 'TEST-REDRAW',
    title: 'A scripted invariant',
    source: 'none',
    requires: [],
    expectations: { fact: { statement: 'The fact holds.', provenance: decision('D-01') } },
    // One value: nothing to shrink, so the runs after a failure are exactly its replay.
    arbitrary: () => fc.constant({}),
    async run(h, _input, expect) {
      const step = script[call++] ?? 'miss';
      if (step === 'miss') h.skipRun('the state passed between two polls');
      else if (step !== 'quiet') h.check(expect.fact, step === 'hold', 'the fact is broken');
      await sleep(runMs);
    },
  });
  return { invariant, calls: () => call };
}

describe('defineInvariant: runs that observed nothing', () => {
  it('leave the invariant skipped without redraws', async () => {
    const { invariant, calls } = scripted(['miss', 'hold']);
    const result = await invariant.check(harness(), { seed: 1, numRuns: 1 });
    expect(result.status).toBe('skipped');
    expect(calls()).toBe(1);
  });

  it('leave the invariant skipped with every distinct reason, the first met first', async () => {
    const { invariant } = scripted(['miss', 'quiet', 'miss']);
    const result = await invariant.check(harness(), { seed: 1, numRuns: 3 });
    expect(result).toMatchObject({
      status: 'skipped',
      reason: 'no run could be observed: the state passed between two polls; then the run evaluated no expectation',
    });
  });

  it('name the first three distinct reasons and count the rest, however many runs there were', async () => {
    let call = 0;
    const invariant = defineInvariant({
      id: 'TEST-MANY-REASONS',
      title: 'Every run skipped, each for a reason naming its own id',
      source: 'none',
      requires: [],
      expectations: {},
      arbitrary: () => fc.constant({}),
      run(h) {
        h.skipRun(`DescribeJob proved no candidate unknown (job-${String(call++).padStart(8, '0')}: Success)`);
        return Promise.resolve();
      },
    });
    const result = await invariant.check(harness(), { seed: 1, numRuns: 40 });
    expect(result).toMatchObject({
      status: 'skipped',
      reason:
        'no run could be observed: DescribeJob proved no candidate unknown (job-00000000: Success); then DescribeJob ' +
        'proved no candidate unknown (job-00000001: Success); then DescribeJob proved no candidate unknown ' +
        '(job-00000002: Success); and 37 more run(s) skipped for reasons of the same kind',
    });
  });

  it('are replaced by fresh draws, up to the number of redraws allowed', async () => {
    const { invariant, calls } = scripted(['miss', 'miss', 'hold']);
    const result = await invariant.check(harness(), { seed: 1, numRuns: 1, redrawUnobserved: 2 });
    expect(result).toMatchObject({ status: 'passed', runs: 1 });
    expect(calls()).toBe(3);
  });

  it('stop being replaced once the redraws are spent', async () => {
    const { invariant, calls } = scripted(['miss', 'miss', 'hold']);
    const result = await invariant.check(harness(), { seed: 1, numRuns: 1, redrawUnobserved: 1 });
    expect(result.status).toBe('skipped');
    expect(calls()).toBe(2);
  });

  it('are not redrawn while a counterexample is replayed (the failure stands, as found)', async () => {
    // The search breaks at once; the replay of the counterexample then observes nothing.
    const { invariant } = scripted(['break', 'miss', 'miss', 'miss', 'miss']);
    const result = await invariant.check(harness(), { seed: 1, numRuns: 3, redrawUnobserved: 10 });
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && result.finding.evidence.reproduced).toBe(false);
  });
});

describe('defineInvariant: the time an invariant is given', () => {
  it('lets a run in progress finish, and starts none after it', async () => {
    const { invariant, calls } = scripted(['hold', 'hold', 'hold'], 60);
    const result = await invariant.check(harness(), { seed: 1, numRuns: 3, timeLimitMs: 20 });
    expect(result).toMatchObject({ status: 'passed', runs: 1 });
    expect(calls()).toBe(1);
  });

  it('ends skipped, not failed, when it ran out before any run was observed, redraws and all', async () => {
    const { invariant, calls } = scripted(['miss', 'miss', 'miss', 'miss'], 15);
    const result = await invariant.check(harness(), { seed: 1, numRuns: 3, timeLimitMs: 20, redrawUnobserved: 6 });
    expect(result).toMatchObject({
      status: 'skipped',
      reason: "its share of the run's time budget ran out before a run was observed",
    });
    expect(calls()).toBeLessThan(4);
  });
});

describe('defineInvariant: a failure is reported, whatever its counterexample holds', () => {
  it('an object without a prototype, a cycle and a BigInt: printed, kept as data where JSON can hold it', async () => {
    const strange = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    const inputs = [{ strange }, { cyclic }, { big: 10n }];
    for (const input of inputs) {
      const invariant = defineInvariant({
        id: 'TEST-STRANGE',
        title: 'Fails on any input',
        source: 'none',
        requires: [],
        expectations: { fact: { statement: 'The fact holds.', provenance: decision('D-01') } },
        arbitrary: () => fc.constant(input),
        run: (h, _value, expect) => {
          h.check(expect.fact, false, 'the fact is broken');
          return Promise.resolve();
        },
      });
      const result = await invariant.check(harness(), { seed: 1, numRuns: 1 });
      expect(result.status).toBe('failed');
      if (result.status !== 'failed') continue;
      expect(result.finding.evidence.counterexampleText).toBe(fc.stringify(input));
      expect(() => JSON.stringify(result.finding.evidence.counterexample)).not.toThrow();
    }
  });
});

describe('defineInvariant: shrinking is bounded when asked', () => {
  it('stops shrinking after shrinkLimitMs and reports the smallest failure found by then', async () => {
    let runs = 0;
    const invariant = defineInvariant({
      id: 'TEST-SHRINK',
      title: 'Fails on any input of 10 or more',
      source: 'none',
      requires: [],
      expectations: { fact: { statement: 'The fact holds.', provenance: decision('D-01') } },
      arbitrary: () => fc.record({ value: fc.integer({ min: 0, max: 1_000_000 }) }),
      async run(h, { value }, expect) {
        runs++;
        await sleep(5);
        h.check(expect.fact, value < 10, `${value} is 10 or more`);
      },
    });
    const unbounded = await invariant.check(harness(), { seed: 3, numRuns: 5 });
    const unboundedRuns = runs;
    runs = 0;
    const bounded = await invariant.check(harness(), { seed: 3, numRuns: 5, shrinkLimitMs: 0 });
    expect(unbounded.status === 'failed' && unbounded.finding.message).toBe('10 is 10 or more');
    expect(bounded.status).toBe('failed');
    // The first failure stands: shrinking tried nothing (the replay of the counterexample is the one extra run).
    expect(runs).toBeLessThan(unboundedRuns);
    expect(bounded.status === 'failed' && bounded.finding.message).not.toBe('10 is 10 or more');
  });
});

describe('defineInvariant: cover, then explore', () => {
  /** An invariant over two dimensions whose runs record their cell; `breaks` decides which runs fail. */
  function covered(breaks: (cell: { state: string; form: string }, n: number) => boolean = () => false) {
    const seen: string[] = [];
    const invariant = defineInvariant({
      id: 'TEST-COVER',
      title: 'A covered invariant',
      source: 'none',
      requires: [],
      expectations: { fact: { statement: 'The fact holds.', provenance: decision('D-01') } },
      cells: () => [{ state: ['A', 'B', 'C'], form: ['x', 'y'] }],
      arbitrary: () => fc.record({ n: fc.integer({ min: 0, max: 1000 }) }),
      run(h, { state, form, n }, expect) {
        seen.push(`${state}${form}`);
        h.check(expect.fact, !breaks({ state, form }, n), `${state}${form} breaks at ${n}`);
        return Promise.resolve();
      },
    });
    return { invariant, seen };
  }

  it('runs every planned cell once, in the same order whatever the seed, before any random run', async () => {
    const orders: string[][] = [];
    for (const seed of [1, 2, 3]) {
      const { invariant, seen } = covered();
      const result = await invariant.check(harness(), { seed, numRuns: 10 });
      expect(result.cells).toMatchObject({ coverageRuns: 6, randomRuns: 4 });
      orders.push(seen.slice(0, 6));
    }
    expect(new Set(orders[0]).size).toBe(6);
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[2]).toEqual(orders[0]);
  });

  it('makes at least one run per cell, whatever --runs asks, and reports each cell with its runs', async () => {
    const { invariant } = covered();
    const result = await invariant.check(harness(), { seed: 1, numRuns: 2 });
    expect(result.status).toBe('passed');
    expect(result.cells?.coverageRuns).toBe(6);
    expect(result.cells?.cells.filter((c) => c.planned && c.observed === 1)).toHaveLength(6);
  });

  it('where runs are counted (live), stops at --runs and reports the cells it did not reach', async () => {
    const { invariant } = covered();
    const result = await invariant.check(harness(), { seed: 1, numRuns: 2, runsIncludeCells: true });
    expect(result.cells?.coverageRuns).toBe(2);
    const notRun = result.cells?.cells.filter((c) => c.runs === 0) ?? [];
    expect(notRun).toHaveLength(4);
    expect(notRun[0]?.notObserved?.[0]).toMatch(/^not run: only 2 runs were allowed/);
    expect(result.status === 'passed' && result.notObserved.join()).toMatch(/^4 of 6 planned cells, e\.g\./);
  });

  it('shrinks a failure the coverage phase finds and replays it from its cell, seed and path', async () => {
    const { invariant } = covered((cell, n) => cell.state === 'B' && n >= 7);
    const result = await invariant.check(harness(), { seed: 1, numRuns: 10 });
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    const { evidence } = result.finding;
    expect(evidence.cell).toBeDefined();
    expect(result.finding.message).toMatch(/^B[xy] breaks at 7$/);
    const replayed = covered((cell, n) => cell.state === 'B' && n >= 7);
    const again = await replayed.invariant.check(harness(), {
      seed: evidence.seed,
      numRuns: 10,
      path: evidence.path,
      ...(evidence.cell === undefined ? {} : { cell: evidence.cell }),
    });
    expect(again.status === 'failed' && again.finding.message).toBe(result.finding.message);
  });

  it('splits the planned cells among shards', async () => {
    const runs = await Promise.all(
      [1, 2].map(async (index) => {
        const { invariant, seen } = covered();
        await invariant.check(harness(), { seed: 1, numRuns: 1, shard: { index, count: 2 } });
        return seen;
      }),
    );
    expect(runs[0]).toHaveLength(3);
    expect(runs[1]).toHaveLength(3);
    expect(new Set([...(runs[0] ?? []), ...(runs[1] ?? [])]).size).toBe(6);
  });
});
