import { describe, expect, it } from 'vitest';
import { maeNaive } from '../../../../src-main/data/time-series/persistence';

describe('maeNaive', () => {
  it('is the mean absolute difference between the last observed and the actual value', () => {
    // |12 - 10| + |9 - 11| + |20 - 20| + |4.5 - 3| = 2 + 2 + 0 + 1.5 = 5.5 over 4.
    expect(maeNaive([10, 11, 20, 3], [12, 9, 20, 4.5])).toBe(1.375);
  });

  it('skips windows where either value is unknown, and is NaN when none is left', () => {
    expect(maeNaive([10, Number.NaN, 5], [13, 1, Number.NaN])).toBe(3);
    expect(maeNaive([Number.NaN], [1])).toBeNaN();
    expect(maeNaive([], [])).toBeNaN();
  });

  it('refuses arrays of different lengths', () => {
    expect(() => maeNaive([1, 2], [1])).toThrow(RangeError);
  });
});
