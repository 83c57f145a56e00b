import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEqualConstantTime } from './isEqualConstantTime.ts';

describe('isEqualConstantTime', () => {
  it('tells equal strings from different ones of the same and of other lengths', () => {
    expect(isEqualConstantTime('abc', 'abc')).toBe(true);
    expect(isEqualConstantTime('abc', 'abd')).toBe(false);
    expect(isEqualConstantTime('abc', 'abcd')).toBe(false);
    expect(isEqualConstantTime('', 'a')).toBe(false);
    expect(isEqualConstantTime('', '')).toBe(true);
  });

  it('agrees with === on random pairs, including pairs one character apart', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(isEqualConstantTime(a, b)).toBe(a === b);
        expect(isEqualConstantTime(a, a)).toBe(true);
        if (a.length > 0) expect(isEqualConstantTime(a, `${a.slice(0, -1)}\u0000`)).toBe(a.endsWith('\u0000'));
      }),
      { numRuns: 1000 },
    );
  });
});
