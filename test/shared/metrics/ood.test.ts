import { describe, expect, it } from 'vitest';
import { calibrateOodThreshold, meanRatio, oodMetrics } from '@shared/metrics/ood';
import { reference } from './reference';

describe('OOD metrics against scikit-learn / numpy', () => {
  for (const c of reference.ood) {
    it(`matches on "${c.name}"`, () => {
      const m = oodMetrics(c.idScores, c.oodScores);
      expect(m.auroc).toBeCloseTo(c.auroc, 12);
      expect(m.auprOut).toBeCloseTo(c.auprOut, 12);
      expect(m.auprIn).toBeCloseTo(c.auprIn, 12);
      expect(m.fpr95).toBeCloseTo(c.fpr95, 12);
      expect(meanRatio(c.oodScores, c.idScores)).toBeCloseTo(c.meanRatio, 12);
      expect(m.scoreRatio).toBeCloseTo(c.meanRatio, 12);
      expect(calibrateOodThreshold(c.idScores, 0.05)).toBe(c.threshold05);
      expect(calibrateOodThreshold(c.idScores, 0.2)).toBe(c.threshold20);
    });
  }
});

describe('OOD score ratio', () => {
  it('is mean OOD score / mean ID score, and absent when the ID mean is 0', () => {
    // (0.4 + 0.8) / 2 = 0.6 over (0.1 + 0.2 + 0.3) / 3 = 0.2.
    expect(oodMetrics([0.1, 0.2, 0.3], [0.4, 0.8]).scoreRatio).toBeCloseTo(3, 12);
    // A deterministic network has MI = 0 everywhere: the ratio is undefined, so it is left out.
    expect(oodMetrics([0, 0], [0, 0])).not.toHaveProperty('scoreRatio');
  });
});

describe('OOD threshold', () => {
  it('flags at most the false-alarm rate of held-out ID records', () => {
    const id = Array.from({ length: 100 }, (_, i) => i / 100);
    const t = calibrateOodThreshold(id, 0.05);
    expect(t).toBe(0.94); // the 95th smallest of 0.00..0.99
    expect(id.filter((s) => s > t)).toHaveLength(5);
  });

  it('is the largest score for a tiny rate, and flags fewer when scores tie', () => {
    expect(calibrateOodThreshold([3, 1, 2], 0.01)).toBe(3);
    expect(calibrateOodThreshold([1, 1, 1, 1], 0.5)).toBe(1);
  });

  it('rejects an empty set and rates outside (0, 1)', () => {
    expect(() => calibrateOodThreshold([], 0.05)).toThrow(RangeError);
    expect(() => calibrateOodThreshold([1], 0)).toThrow(RangeError);
    expect(() => oodMetrics([], [1])).toThrow(RangeError);
  });
});
