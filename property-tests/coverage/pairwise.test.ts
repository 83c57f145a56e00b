import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairwise, product } from './pairwise.ts';

/** Every pair of values of every two dimensions that some row holds. */
function pairsIn(rows: readonly number[][], dims: number): Set<string> {
  const pairs = new Set<string>();
  for (const row of rows)
    for (let a = 0; a < dims; a++) for (let b = a + 1; b < dims; b++) pairs.add(`${a}:${row[a]}|${b}:${row[b]}`);
  return pairs;
}

describe('pairwise', () => {
  it('covers every pair of values of every two dimensions, with values in range', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }), (sizes) => {
        const rows = pairwise(sizes);
        for (const row of rows) row.forEach((v, d) => expect(v).toBeLessThan(sizes[d] as number));
        expect(pairsIn(rows, sizes.length)).toEqual(pairsIn(product(sizes), sizes.length));
      }),
    );
  });

  it('is much smaller than the product for several dimensions, and the same on every call', () => {
    const sizes = [12, 3, 2, 4];
    expect(pairwise(sizes).length).toBeLessThan(product(sizes).length / 3);
    expect(pairwise(sizes)).toEqual(pairwise(sizes));
  });

  it('is the product for two dimensions or fewer', () => {
    expect(pairwise([3, 2])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [2, 0],
      [2, 1],
    ]);
    expect(pairwise([])).toEqual([[]]);
  });
});
