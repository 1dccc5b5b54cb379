import { describe, expect, it } from 'vitest';
import type { ClassificationMetrics, RegressionMetrics } from '@shared/domain/records';
import { evaluateSplit } from '../../../src-main/pipeline/evaluate-split';
import { reference } from '../../shared/metrics/reference';
import { classificationSplit, regressionSplit } from './scored-split-fixtures';

/** Reference values are sklearn / numpy doubles; sums in another order differ in the last bits. */
const DIGITS = 10;

function expectSelective(
  actual: { retention: number; value: number }[] | undefined,
  expected: typeof actual
) {
  expect(actual?.map((p) => p.retention)).toEqual(expected?.map((p) => p.retention));
  actual?.forEach((p, i) => expect(p.value).toBeCloseTo(expected?.[i]?.value ?? NaN, DIGITS));
}

describe('evaluateSplit: classification against scikit-learn / numpy', () => {
  for (const c of reference.evaluate.classification) {
    it(`reports every metric on "${c.name}"`, () => {
      const m = evaluateSplit(classificationSplit(c.probs, c.labels, c.total), 0.95) as ClassificationMetrics;
      const e = c.expected;
      expect(m.accuracy).toBeCloseTo(e.accuracy, DIGITS);
      expect(m.nll).toBeCloseTo(e.nll, DIGITS);
      expect(m.brier).toBeCloseTo(e.brier, DIGITS);
      expect(m.ece).toBeCloseTo(e.ece, DIGITS);
      expect(m.eceEqualMass).toBeCloseTo(e.eceEqualMass, DIGITS);
      if (e.auroc === null) expect(m.auroc).toBeNull();
      else expect(m.auroc).toBeCloseTo(e.auroc, DIGITS);
      if (e.auprErr === null || e.auprSucc === null) {
        expect(m.auprErr).toBeNull();
        expect(m.auprSucc).toBeNull();
      } else {
        expect(m.auprErr).toBeCloseTo(e.auprErr, DIGITS);
        expect(m.auprSucc).toBeCloseTo(e.auprSucc, DIGITS);
      }
      expect(m.aurc).toBeCloseTo(e.aurc, DIGITS);
      expectSelective(m.selective, e.selective);
    });
  }

  it('skips records whose target is unknown', () => {
    const c = reference.evaluate.classification[0];
    if (!c) throw new Error('no classification case');
    const withUnknown = classificationSplit(
      [...c.probs, [0.99, 0.01]],
      [...c.labels, Number.NaN],
      [...c.total, 0.001]
    );
    expect(evaluateSplit(withUnknown, 0.95)).toEqual(
      evaluateSplit(classificationSplit(c.probs, c.labels, c.total), 0.95)
    );
  });
});

describe('evaluateSplit: regression against scikit-learn / scipy', () => {
  for (const c of reference.evaluate.regression) {
    it(`reports every metric on "${c.name}" with the interval at level ${c.level}`, () => {
      const scored = regressionSplit(c.y, c.mean, c.std, c.lower, c.upper);
      const m = evaluateSplit(scored, c.level) as RegressionMetrics;
      const e = c.expected;
      expect(m.mae).toBeCloseTo(e.mae, DIGITS);
      expect(m.rmse).toBeCloseTo(e.rmse, DIGITS);
      expect(m.nll).toBeCloseTo(e.nll, DIGITS);
      expect(m.picp).toBeCloseTo(e.picp, DIGITS);
      expect(m.mpiw).toBeCloseTo(e.mpiw, DIGITS);
      expect(m.r2).toBeCloseTo(e.r2, DIGITS);
      // The reference CRPS is a numerical integral (quad, about 1e-10).
      expect(m.crps).toBeCloseTo(e.crps, 8);
      expect(m.intervalScore).toBeCloseTo(e.intervalScore, DIGITS - 2);
      expect(m.aurc).toBeCloseTo(e.aurc, DIGITS);
      expectSelective(m.selective, e.selective);
      expect(m.maeNaive).toBeUndefined();
    });
  }

  it('scores the interval at the level it is given (hand-worked)', () => {
    // y = 4 misses [-1, 1] by 3: width 2 + (2 / alpha) 3; y = 0 inside: width 2.
    const scored = regressionSplit([4, 0], [0, 0], [1, 1], [-1, -1], [1, 1]);
    expect((evaluateSplit(scored, 0.9) as RegressionMetrics).intervalScore).toBeCloseTo((2 + 60 + 2) / 2, 9);
    expect((evaluateSplit(scored, 0.5) as RegressionMetrics).intervalScore).toBeCloseTo((2 + 12 + 2) / 2, 9);
  });

  it('adds the persistence baseline for time series', () => {
    const scored = { ...regressionSplit([1, 2, 3], [1, 2, 3], [1, 1, 1]), lastObserved: [0, 2, 5] };
    expect((evaluateSplit(scored, 0.95) as RegressionMetrics).maeNaive).toBeCloseTo((1 + 0 + 2) / 3, 12);
  });
});
