import { describe, expect, it } from 'vitest';
import { bestIndices } from '../../../../src-renderer/lib/compare/best-value';

describe('bestIndices', () => {
  it('picks the largest value where higher is better', () => {
    expect(bestIndices([0.71, 0.74, 0.69], 'higher')).toEqual([1]);
  });
  it('picks the smallest value where lower is better', () => {
    expect(bestIndices([0.561, 0.49, 0.6], 'lower')).toEqual([1]);
  });
  it('picks the value nearest to each run’s own nominal level', () => {
    // |0.93 - 0.95| = 0.02, |0.88 - 0.90| = 0.02, |0.80 - 0.90| = 0.10: the first two tie.
    expect(bestIndices([0.93, 0.88, 0.8], 'nominal', [0.95, 0.9, 0.9])).toEqual([0, 1]);
    // Over-coverage counts as a miss too: |0.99 - 0.9| = 0.09 > |0.85 - 0.9| = 0.05.
    expect(bestIndices([0.99, 0.85], 'nominal', [0.9, 0.9])).toEqual([1]);
  });
  it('skips missing values and keeps every tie', () => {
    expect(bestIndices([null, 3, 3, Number.NaN], 'lower')).toEqual([1, 2]);
    expect(bestIndices([0.1 + 0.2, 0.3], 'higher')).toEqual([0, 1]);
  });
  it('marks nothing when fewer than two runs have a value', () => {
    expect(bestIndices([0.8], 'higher')).toEqual([]);
    expect(bestIndices([null, 0.8, null], 'higher')).toEqual([]);
    expect(bestIndices([0.9, 0.8], 'nominal', [null, 0.9])).toEqual([]);
  });
});
