import { describe, expect, it } from 'vitest';
import { median, percentile, roundTo } from '../../../src-main/bench/speed-stats';

// Reference values from numpy 1.24 (linear interpolation, its default):
//   np.percentile([7, 1, 4, 10, 2.5], [0, 25, 50, 99, 100]) -> [1, 2.5, 4, 9.88, 10]
//   np.median([3, 1, 2, 8]) -> 2.5
describe('timing statistics', () => {
  const values = [7, 1, 4, 10, 2.5];

  it('interpolates percentiles between the closest ranks, as numpy does', () => {
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 25)).toBe(2.5);
    expect(percentile(values, 50)).toBe(4);
    // Position 0.99 * 4 = 3.96 in the sorted values [1, 2.5, 4, 7, 10]: 7 + 0.96 * (10 - 7).
    expect(percentile(values, 99)).toBeCloseTo(9.88, 12);
    expect(percentile(values, 100)).toBe(10);
  });

  it('takes the mean of the two middle values as the median of an even count', () => {
    expect(median([3, 1, 2, 8])).toBe(2.5);
    expect(median([5])).toBe(5);
  });

  it('leaves its input unsorted, gives NaN for no values and refuses percentiles outside [0, 100]', () => {
    const input = [3, 1, 2];
    median(input);
    expect(input).toEqual([3, 1, 2]);
    expect(median([])).toBeNaN();
    expect(() => percentile(values, 101)).toThrow(/\[0, 100\]/);
    expect(() => percentile(values, Number.NaN)).toThrow();
  });

  it('rounds to a number of decimals', () => {
    expect(roundTo(12.3456, 2)).toBe(12.35);
    expect(roundTo(0.0004, 3)).toBe(0);
  });
});
