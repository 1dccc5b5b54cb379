import { describe, expect, it } from 'vitest';
import { sharedHistogram } from '../../../../src-renderer/lib/analysis/histogram';

// Expected counts match numpy.histogram(values, bins, range=(min, max)) over the pooled range.
describe('sharedHistogram', () => {
  it('bins all groups over the pooled range, the last bin closed', () => {
    const h = sharedHistogram(
      [
        [0, 1, 2, 3, 4],
        [4, 4]
      ],
      4
    );
    expect(h.edges).toEqual([0, 1, 2, 3, 4]);
    expect(h.counts).toEqual([
      [1, 1, 1, 2],
      [0, 0, 0, 2]
    ]);
  });

  it('widens a degenerate range and skips non-finite values', () => {
    const h = sharedHistogram([[2, 2, Number.NaN, Infinity]], 2);
    expect(h.edges).toEqual([1.5, 2, 2.5]);
    expect(h.counts).toEqual([[0, 2]]);
  });

  it('returns empty counts over [0, 1] when there is no value', () => {
    const h = sharedHistogram([[], []], 2);
    expect(h.edges).toEqual([0, 0.5, 1]);
    expect(h.counts).toEqual([
      [0, 0],
      [0, 0]
    ]);
  });
});
