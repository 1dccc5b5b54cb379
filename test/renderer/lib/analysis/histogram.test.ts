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
    expect(h.clipped).toBe(false);
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

describe('sharedHistogram with a clipped tail', () => {
  it('puts the upper edge at the nearest-rank quantile and folds larger values into the last bin', () => {
    // Pooled sorted [0, 1, 2, 3, 100]: the 0.8 quantile by nearest rank is the 4th value, 3.
    const h = sharedHistogram([[0, 1, 2, 3, 100]], 4, 0.8);
    expect(h.edges).toEqual([0, 0.75, 1.5, 2.25, 3]);
    expect(h.counts).toEqual([[1, 1, 1, 2]]);
    expect(h.clipped).toBe(true);
  });

  it('is not clipped when the quantile is the maximum', () => {
    expect(sharedHistogram([[0, 1, 2, 3]], 2, 0.99).clipped).toBe(false);
  });
});
