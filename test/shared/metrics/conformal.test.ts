import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '@shared/math/random';
import {
  conformalIntervals,
  conformalQuantile,
  conformalSets,
  meanSetSize,
  normalizedResiduals,
  setCoverage,
  trueClassScores
} from '@shared/metrics/conformal';
import { mpiw, picp } from '@shared/metrics/regression';
import { expectArrayClose, reference } from './reference';

describe('split conformal against numpy', () => {
  for (const c of reference.conformal.quantiles) {
    it(`quantile of ${c.scores.length} scores at level ${c.level}`, () => {
      expect(conformalQuantile(c.scores, c.level)).toBe(c.quantile ?? Number.POSITIVE_INFINITY);
    });
  }

  it('regression: normalized residual quantile, intervals, coverage and width', () => {
    const { calibration: cal, test, ...r } = reference.conformal.regression;
    const q = conformalQuantile(normalizedResiduals(cal.mean, cal.std, cal.y), r.level);
    expect(q).toBe(r.quantile);
    const { lower, upper } = conformalIntervals(test.mean, test.std, q);
    expectArrayClose(lower, r.lower);
    expectArrayClose(upper, r.upper);
    expect(picp(lower, upper, test.y)).toBe(r.coverage);
    expect(mpiw(lower, upper)).toBeCloseTo(r.meanWidth, 12);
  });

  it('classification: 1 - p_true quantile, sets, coverage and size', () => {
    const { calibration: cal, test, ...c } = reference.conformal.classification;
    const q = conformalQuantile(trueClassScores(cal.probs, cal.labels), c.level);
    expect(q).toBe(c.quantile);
    const sets = conformalSets(test.probs, q);
    expect(sets).toEqual(c.sets);
    expect(setCoverage(sets, test.labels)).toBe(c.coverage);
    expect(meanSetSize(sets)).toBeCloseTo(c.meanSetSize, 12);
  });
});

describe('hand-worked conformal examples', () => {
  it('the quantile is the ceil((n + 1) level)-th smallest score, infinite past n', () => {
    const scores = [0.3, 0.1, 0.2, 0.5];
    expect(conformalQuantile(scores, 0.5)).toBe(0.3); // ceil(5 * 0.5) = 3rd smallest
    expect(conformalQuantile(scores, 0.8)).toBe(0.5); // ceil(5 * 0.8) = 4th
    expect(conformalQuantile(scores, 0.81)).toBe(Number.POSITIVE_INFINITY); // ceil(4.05) = 5 > 4
    // (19 + 1) * 0.95 is 19.000000000000004 in floating point: still the 19th, not "infinite".
    expect(
      conformalQuantile(
        Array.from({ length: 19 }, (_, i) => i),
        0.95
      )
    ).toBe(18);
  });

  it('regression: scores |y - mean| / std, interval mean +/- q std', () => {
    // Scores 0.5, 0.5, 2, 0.2 -> sorted 0.2, 0.5, 0.5, 2; level 0.6: ceil(5 * 0.6) = 3rd -> 0.5.
    const scores = normalizedResiduals([0, 0, 0, 0], [1, 2, 1, 0.5], [0.5, -1, 2, 0.1]);
    expectArrayClose(scores, [0.5, 0.5, 2, 0.2]);
    const q = conformalQuantile(scores, 0.6);
    expect(q).toBe(0.5);
    expect(conformalIntervals([10, -1], [4, 1], q)).toEqual({ lower: [8, -1.5], upper: [12, -0.5] });
    expect(conformalIntervals([10], [4], Number.POSITIVE_INFINITY)).toEqual({
      lower: [Number.NEGATIVE_INFINITY],
      upper: [Number.POSITIVE_INFINITY]
    });
    expect(() => normalizedResiduals([0], [0], [1])).toThrow(RangeError);
  });

  it('classification: scores 1 - p_true, sets {k : p_k >= 1 - q}, never empty', () => {
    // Scores 0.25, 0.5, 0.75, 0.125 -> sorted 0.125, 0.25, 0.5, 0.75; level 0.6 -> 3rd -> 0.5.
    const scores = trueClassScores(
      [
        [0.75, 0.25],
        [0.5, 0.5],
        [0.25, 0.75],
        [0.875, 0.125]
      ],
      [0, 1, 0, 0]
    );
    expect(scores).toEqual([0.25, 0.5, 0.75, 0.125]);
    const q = conformalQuantile(scores, 0.6);
    expect(q).toBe(0.5);
    const sets = conformalSets(
      [
        [0.5, 0.5, 0],
        [0.8, 0.2, 0],
        [0.4, 0.35, 0.25]
      ],
      q
    );
    // p >= 0.5: both tied classes; only class 0; no class reaches 0.5, so the argmax alone.
    expect(sets).toEqual([[0, 1], [0], [0]]);
    expect(setCoverage(sets, [1, 1, 0])).toBeCloseTo(2 / 3, 12);
    expect(meanSetSize(sets)).toBeCloseTo(4 / 3, 12);
    expect(conformalSets([[0.9, 0.1, 0]], Number.POSITIVE_INFINITY)).toEqual([[0, 1, 2]]);
  });

  it('rejects levels outside (0, 1), empty calibration and NaN scores', () => {
    expect(() => conformalQuantile([1], 1)).toThrow(RangeError);
    expect(() => conformalQuantile([], 0.9)).toThrow(RangeError);
    expect(() => conformalQuantile([Number.NaN, 1], 0.5)).toThrow(RangeError);
    expect(() => trueClassScores([[0.5, 0.5]], [2])).toThrow(RangeError);
  });
});

/** A standard normal draw (Box-Muller). */
function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

describe('coverage on exchangeable data', () => {
  const trials = 300;
  const nCal = 40;
  const nTest = 100;
  const level = 0.9;
  // Over random calibration sets, E[coverage] lies in [level, level + 1/(n + 1)] = [0.9, 0.924];
  // the average of 300 trials has a standard error near 0.003.

  it('regression intervals cover at the nominal level even when the model std is 1.7x too small', () => {
    const rng = createRng(11);
    const draw = (n: number) => {
      const mean = Array.from({ length: n }, () => 3 * gaussian(rng));
      const std = Array.from({ length: n }, () => 0.5 + 2 * rng.next());
      const y = mean.map((m, i) => m + 1.7 * (std[i] as number) * gaussian(rng));
      return { mean, std, y };
    };
    let conformal = 0;
    let naive = 0;
    for (let t = 0; t < trials; t++) {
      const cal = draw(nCal);
      const test = draw(nTest);
      const q = conformalQuantile(normalizedResiduals(cal.mean, cal.std, cal.y), level);
      const { lower, upper } = conformalIntervals(test.mean, test.std, q);
      conformal += picp(lower, upper, test.y) / trials;
      const z = 1.6448536269514722; // the model's own 90% interval
      const naiveBounds = conformalIntervals(test.mean, test.std, z);
      naive += picp(naiveBounds.lower, naiveBounds.upper, test.y) / trials;
    }
    expect(conformal).toBeGreaterThan(0.89);
    expect(conformal).toBeLessThan(0.935);
    expect(naive).toBeLessThan(0.7); // P(|N(0, 1.7^2)| <= 1.645) = 0.667
  });

  it('classification sets cover at the nominal level when labels follow the predicted probabilities', () => {
    const rng = createRng(12);
    const draw = (n: number) => {
      const probs = Array.from({ length: n }, () => {
        const e = [0, 0, 0, 0].map(() => Math.exp(1.5 * gaussian(rng)));
        const sum = e.reduce((a, b) => a + b, 0);
        return e.map((v) => v / sum);
      });
      const labels = probs.map((row) => {
        let u = rng.next();
        for (let k = 0; k < row.length; k++) {
          u -= row[k] as number;
          if (u < 0) return k;
        }
        return row.length - 1;
      });
      return { probs, labels };
    };
    let coverage = 0;
    for (let t = 0; t < trials; t++) {
      const cal = draw(nCal);
      const test = draw(nTest);
      const q = conformalQuantile(trueClassScores(cal.probs, cal.labels), level);
      coverage += setCoverage(conformalSets(test.probs, q), test.labels) / trials;
    }
    expect(coverage).toBeGreaterThan(0.89);
    expect(coverage).toBeLessThan(0.935);
  });
});
