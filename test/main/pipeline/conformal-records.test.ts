import { describe, expect, it } from 'vitest';
import type { Predictive } from '../../../src-main/model/predictor';
import {
  applyConformal,
  calibrateConformal,
  conformalSummary
} from '../../../src-main/pipeline/conformal-records';
import type { EncodedRecords, TargetCoding } from '../../../src-main/pipeline/prepared-run';
import { scoreSplit } from '../../../src-main/pipeline/score-records';
import type { Split } from '@shared/domain/records';
import { reference } from '../../shared/metrics/reference';
import { classificationSplit, regressionSplit } from './scored-split-fixtures';

function encoded(y: number[]): EncodedRecords {
  return {
    n: y.length,
    x: new Float32Array(y.length),
    y: Float32Array.from(y),
    rows: y.map((_, i) => i),
    ids: y.map(() => ({})),
    rawTarget: y.map((v) => (Number.isFinite(v) ? String(v) : null)),
    imputed: y.map(() => [])
  };
}

/** Regression target y = 100 + 10 * standardized value: intervals must come back in these units. */
const REGRESSION: TargetCoding = {
  task: 'regression',
  classes: null,
  positiveClass: null,
  targetMean: 100,
  targetStd: 10
};

function regression(split: Split, y: number[], mean: number[], totalStd: number[]) {
  const predictive: Predictive = {
    kind: 'regression',
    mean: Float32Array.from(mean),
    epistemicStd: Float32Array.from(totalStd),
    noiseStd: new Float32Array(mean.length),
    totalStd: Float32Array.from(totalStd),
    lower: Float32Array.from(mean),
    upper: Float32Array.from(mean)
  };
  return scoreSplit(split, encoded(y), predictive, REGRESSION, Number.POSITIVE_INFINITY);
}

const CLASSES: TargetCoding = {
  task: 'multiclass',
  classes: ['cat', 'dog', 'eel'],
  positiveClass: null,
  targetMean: null,
  targetStd: null
};

function classification(split: Split, probs: number[][], labels: number[]) {
  const n = probs.length;
  const predictive: Predictive = {
    kind: 'classification',
    probs: Float32Array.from(probs.flat()),
    classes: 3,
    lower: new Float32Array(n),
    upper: new Float32Array(n),
    total: new Float32Array(n),
    aleatoric: new Float32Array(n),
    epistemic: new Float32Array(n)
  };
  return scoreSplit(split, encoded(labels), predictive, CLASSES, Number.POSITIVE_INFINITY);
}

describe('conformal records, hand-worked', () => {
  it('regression: calibrates on validation and gives intervals in the target units', () => {
    // Validation in target units: mean 100, total std 5, 10, 5, 2.5, y 102.5, 95, 110, 100.5.
    // Scores |y - mean| / std = 0.5, 0.5, 2, 0.2; level 0.6 -> ceil(5 * 0.6) = 3rd smallest = 0.5.
    const validation = regression('validation', [0.25, -0.5, 1, 0.05], [0, 0, 0, 0], [0.5, 1, 0.5, 0.25]);
    const calibration = calibrateConformal(validation, 0.6);
    expect(calibration).toEqual({ kind: 'interval', level: 0.6, quantile: 0.5, calibrationCount: 4 });

    // Test: means 110 and 90 with total std 2.5 and 5 -> [108.75, 111.25] (y 110.625 in) and
    // [87.5, 92.5] (y 100 out); an unknown target still gets its interval, 100 +/- 5.
    const test = regression('test', [1.0625, 0, Number.NaN], [1, -1, 0], [0.25, 0.5, 1]);
    applyConformal(test, calibration);
    expect(test.records.map((r) => [r.conformalLower, r.conformalUpper])).toEqual([
      [108.75, 111.25],
      [87.5, 92.5],
      [95, 105]
    ]);
    expect(test.records.every((r) => r.conformalSet === undefined)).toBe(true);
    expect(conformalSummary(test, calibration)).toEqual({
      kind: 'interval',
      level: 0.6,
      quantile: 0.5,
      calibrationCount: 4,
      coverage: 0.5,
      meanWidth: (2.5 + 5) / 2
    });
  });

  it('classification: sets of class labels {k : p_k >= 1 - q}, the argmax when none passes', () => {
    // Scores 1 - p_true = 0.25, 0.5, 0.75, 0.125; an unknown label is not calibrated on; level 0.6 -> 0.5.
    const validation = classification(
      'validation',
      [
        [0.75, 0.25, 0],
        [0.5, 0.5, 0],
        [0.25, 0.75, 0],
        [0.875, 0.125, 0],
        [0, 0, 1]
      ],
      [0, 1, 0, 0, Number.NaN]
    );
    const calibration = calibrateConformal(validation, 0.6);
    expect(calibration).toEqual({ kind: 'set', level: 0.6, quantile: 0.5, calibrationCount: 4 });
    const test = classification(
      'test',
      [
        [0.5, 0.5, 0],
        [0.25, 0.25, 0.5],
        [0.375, 0.375, 0.25]
      ],
      [1, 0, 2]
    );
    applyConformal(test, calibration);
    expect(test.records.map((r) => r.conformalSet)).toEqual([['cat', 'dog'], ['eel'], ['cat']]);
    expect(conformalSummary(test, calibration)).toEqual({
      kind: 'set',
      level: 0.6,
      quantile: 0.5,
      calibrationCount: 4,
      coverage: 1 / 3,
      meanSetSize: 4 / 3
    });
  });

  it('too few calibration records for the level give the whole line or every class', () => {
    // ceil((2 + 1) 0.9) = 3 > 2: the quantile is infinite.
    const calibration = calibrateConformal(regression('validation', [0.5, 1], [0, 0], [1, 1]), 0.9);
    expect(calibration.quantile).toBe(Number.POSITIVE_INFINITY);
    const test = regression('test', [0], [0], [1]);
    applyConformal(test, calibration);
    expect([test.records[0]?.conformalLower, test.records[0]?.conformalUpper]).toEqual([
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY
    ]);
    expect(conformalSummary(test, calibration).coverage).toBe(1);
  });

  it('refuses a calibration of the other kind', () => {
    const calibration = calibrateConformal(regression('validation', [0.5], [0], [1]), 0.5);
    const test = classification('test', [[1, 0, 0]], [0]);
    expect(() => applyConformal(test, calibration)).toThrow(/interval calibration cannot be applied/);
    expect(() => conformalSummary(test, calibration)).toThrow(RangeError);
  });
});

describe('conformal records against numpy', () => {
  it('regression', () => {
    const { calibration: cal, test, ...r } = reference.conformal.regression;
    const calibration = calibrateConformal(regressionSplit(cal.y, cal.mean, cal.std), r.level);
    expect(calibration.quantile).toBe(r.quantile);
    const summary = conformalSummary(regressionSplit(test.y, test.mean, test.std), calibration);
    expect(summary.coverage).toBe(r.coverage);
    expect(summary.meanWidth).toBeCloseTo(r.meanWidth, 12);
  });

  it('classification', () => {
    const { calibration: cal, test, ...c } = reference.conformal.classification;
    const zeros = (n: number) => Array.from({ length: n }, () => 0);
    const calibration = calibrateConformal(
      classificationSplit(cal.probs, cal.labels, zeros(cal.labels.length)),
      c.level
    );
    expect(calibration.quantile).toBe(c.quantile);
    const split = classificationSplit(test.probs, test.labels, zeros(test.labels.length), ['a', 'b', 'c']);
    applyConformal(split, calibration);
    expect(split.records.map((r) => r.conformalSet)).toEqual(c.sets.map((s) => s.map((k) => 'abc'[k])));
    const summary = conformalSummary(split, calibration);
    expect(summary.coverage).toBe(c.coverage);
    expect(summary.meanSetSize).toBeCloseTo(c.meanSetSize, 12);
  });
});
