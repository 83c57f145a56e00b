import { describe, expect, it } from 'vitest';
import { describeCell, earliestCoverageFirst, planCells, PRODUCT_LIMIT } from './planCells.ts';
import { WIRE_FORMS } from './WireForm.ts';

describe('planCells', () => {
  it('plans the whole product of a small group, every cell once', () => {
    const plan = planCells([{ state: ['SUCCEED', 'FAILED'], form: WIRE_FORMS }]);
    expect(plan.cells).toHaveLength(8);
    expect(new Set(plan.cells.map(describeCell)).size).toBe(8);
    expect(plan.groups).toEqual([
      { design: 'product', dimensions: { state: ['SUCCEED', 'FAILED'], form: ['TC3 POST', 'TC3 GET', 'v1 POST', 'v1 GET'] } },
    ]);
  });

  it('plans every pair of values of a large group of three dimensions or more, not its product', () => {
    const big = { a: Array.from({ length: 12 }, (_, i) => `v${i}`), form: WIRE_FORMS, enc: ['x', 'y'] };
    const plan = planCells([big]);
    expect(12 * 4 * 2).toBeGreaterThan(PRODUCT_LIMIT);
    expect(plan.groups[0]?.design).toBe('pairwise');
    expect(plan.cells.length).toBeLessThan(12 * 4 * 2);
    const pairs = new Set(plan.cells.flatMap((c) => [`${c.a}|${c.form.label}`, `${c.a}|${c.enc}`, `${c.form.label}|${c.enc}`]));
    expect(pairs.size).toBe(12 * 4 + 12 * 2 + 4 * 2);
  });

  it('takes the groups in turns, so a run cut short meets every kind of case early', () => {
    const plan = planCells<{ kind: string; form: (typeof WIRE_FORMS)[number] }>([
      { kind: ['missing'], form: WIRE_FORMS },
      { kind: ['extra'], form: WIRE_FORMS },
    ]);
    expect(plan.cells.slice(0, 2).map((c) => c.kind)).toEqual(['missing', 'extra']);
  });

  it('orders cells to show every value of every dimension before any value twice', () => {
    const cells = planCells([{ state: ['A', 'B', 'C', 'D'], form: WIRE_FORMS }]).cells;
    expect(new Set(cells.slice(0, 4).map((c) => c.state)).size).toBe(4);
    expect(new Set(cells.slice(0, 4).map((c) => c.form.label)).size).toBe(4);
    expect(earliestCoverageFirst([])).toEqual([]);
  });
});
