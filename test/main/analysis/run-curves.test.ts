import { describe, expect, it } from 'vitest';
import type { RecordPrediction, RunCurves } from '@shared/domain/records';
import { COVERAGE_LEVELS, runCurves } from '../../../src-main/analysis/run-curves';
import { record } from '../pipeline/scored-split-fixtures';

const rec = record;

function expectClose(actual: number[] | undefined, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual?.forEach((a, i) => expect(a).toBeCloseTo(expected[i] as number, 12));
}

/*
 * A binary run. value = P(positive), so confidence = max(value, 1 - value):
 *   record  value  conf   correct  total  oodScore
 *   test 0  0.9    0.9    yes      0.1    0.1
 *   test 1  0.12   0.88   no       0.2    0.2
 *   test 2  0.7    0.7    no       0.2    0.4
 *   test 3  0.45   0.55   no       0.5    0.3
 *   test 4  (unknown target)       0.9    0.05
 *   ood 0, ood 1                           0.35, 0.5
 */
const BINARY: RecordPrediction[] = [
  rec('test', 0, { value: 0.9, correct: true, total: 0.1, oodScore: 0.1, actual: 'yes' }),
  rec('test', 1, { value: 0.12, correct: false, total: 0.2, oodScore: 0.2, actual: 'yes' }),
  rec('test', 2, { value: 0.7, correct: false, total: 0.2, oodScore: 0.4, actual: 'no' }),
  rec('test', 3, { value: 0.45, correct: false, total: 0.5, oodScore: 0.3, actual: 'yes' }),
  rec('test', 4, { value: 0.5, correct: null, total: 0.9, oodScore: 0.05 }),
  rec('ood', 0, { oodScore: 0.35 }),
  rec('ood', 1, { oodScore: 0.5 })
];

describe('runCurves, classification', () => {
  const curves: RunCurves = runCurves(7, 'binary', BINARY, 0.95);

  it('OOD ROC and PR: scores 0.5 (OOD), 0.4, 0.35 (OOD), 0.3, 0.2, 0.1, 0.05 from the top', () => {
    expect(curves.runId).toBe(7);
    expectClose(curves.oodRoc?.fpr, [0, 0, 0.2, 0.2, 0.4, 0.6, 0.8, 1]);
    expectClose(curves.oodRoc?.tpr, [0, 0.5, 0.5, 1, 1, 1, 1, 1]);
    expectClose(curves.oodPr?.recall, [0, 0.5, 0.5, 1, 1, 1, 1, 1]);
    expectClose(curves.oodPr?.precision, [1, 1, 1 / 2, 2 / 3, 2 / 4, 2 / 5, 2 / 6, 2 / 7]);
  });

  it('reliability: 15 equal-width bins of max(p, 1 - p), the empty ones left out', () => {
    // 0.55 in (8/15, 9/15], 0.7 in (10/15, 11/15], 0.88 and 0.9 both in (13/15, 14/15].
    expect(curves.reliability).toHaveLength(3);
    const bins = curves.reliability ?? [];
    expect(bins.map((b) => [b.count, b.accuracy])).toEqual([
      [1, 0],
      [1, 0],
      [2, 0.5]
    ]);
    expectClose(
      bins.map((b) => b.confidence),
      [0.55, 0.7, 0.89]
    );
  });

  it('risk-coverage: 0-1 loss by total uncertainty, the tie at 0.2 entering together', () => {
    expectClose(curves.riskCoverage.coverage, [0.25, 0.75, 1]);
    expectClose(curves.riskCoverage.risk, [0, 2 / 3, 3 / 4]);
    expect(curves.coverageByLevel).toBeNull();
  });

  it('multiclass values are already the confidence of the predicted class', () => {
    const multi = runCurves(
      1,
      'multiclass',
      [rec('test', 0, { value: 0.45, correct: true, total: 1 })],
      0.95
    );
    // 0.45 stays 0.45 (binary would read it as 0.55): bin (6/15, 7/15].
    expect(multi.reliability).toEqual([{ confidence: 0.45, accuracy: 1, count: 1 }]);
    expect(multi.oodRoc).toBeNull();
    expect(multi.oodPr).toBeNull();
  });
});

/*
 * A regression run: |y - value| and |z| = |y - value| / total:
 *   test 0  value 10, total 2,   y 11    -> error 1,   |z| 0.5
 *   test 1  value 0,  total 1,   y -2    -> error 2,   |z| 2
 *   test 2  value 5,  total 4,   y 5     -> error 0,   |z| 0
 *   test 3  value 1,  total 1,   y NA    -> skipped
 *   test 4  value 3,  total 0.5, y 3.1   -> error 0.1, |z| 0.2
 */
const REGRESSION: RecordPrediction[] = [
  rec('test', 0, { value: 10, total: 2, actual: '11' }),
  rec('test', 1, { value: 0, total: 1, actual: '-2' }),
  rec('test', 2, { value: 5, total: 4, actual: '5' }),
  rec('test', 3, { value: 1, total: 1, actual: 'NA' }),
  rec('test', 4, { value: 3, total: 0.5, actual: ' 3.1 ' }),
  rec('test', 5, { value: 3, total: Number.NaN, actual: '3' })
];

describe('runCurves, regression', () => {
  it('coverage of value +/- z total: |z| = 2 is inside only from the 0.99 level (z = 2.576)', () => {
    const curves = runCurves(2, 'regression', REGRESSION, 0.9);
    expect(curves.coverageByLevel?.map((p) => p.nominal)).toEqual([...COVERAGE_LEVELS]);
    expect(curves.coverageByLevel?.map((p) => p.observed)).toEqual([
      0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 1
    ]);
    expect(curves.reliability).toBeNull();
    expect(curves.oodRoc).toBeNull();
  });

  it("adds the run's own level when it is not on the grid (0.975: z = 2.241 covers |z| = 2)", () => {
    const levels = runCurves(2, 'regression', REGRESSION, 0.975).coverageByLevel ?? [];
    expect(levels.map((p) => p.nominal)).toEqual([...COVERAGE_LEVELS.slice(0, 10), 0.975, 0.99]);
    expect(levels[10]).toEqual({ nominal: 0.975, observed: 1 });
  });

  it('risk-coverage: absolute error deferring by total std', () => {
    const curves = runCurves(2, 'regression', REGRESSION, 0.9);
    expectClose(curves.riskCoverage.coverage, [0.25, 0.5, 0.75, 1]);
    expectClose(curves.riskCoverage.risk, [0.1, 2.1 / 2, 3.1 / 3, 3.1 / 4]);
  });

  it('ranks a test record with an unknown std by its OOD score, but leaves it out of the risk', () => {
    const curves = runCurves(
      4,
      'regression',
      [
        rec('test', 0, { value: 1, total: Number.NaN, oodScore: 1, actual: '2' }),
        rec('ood', 0, { oodScore: 2 })
      ],
      0.9
    );
    expect(curves.oodRoc).toEqual({ fpr: [0, 0, 1], tpr: [0, 1, 1] });
    expect(curves.riskCoverage).toEqual({ coverage: [], risk: [] });
  });

  it('is empty without test records with a known target', () => {
    const curves = runCurves(3, 'regression', [rec('ood', 0, { oodScore: 1 })], 0.9);
    expect(curves).toEqual({
      runId: 3,
      oodRoc: null,
      oodPr: null,
      reliability: null,
      riskCoverage: { coverage: [], risk: [] },
      coverageByLevel: []
    });
  });
});
