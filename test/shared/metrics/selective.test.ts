import { describe, expect, it } from 'vitest';
import { accuracy, binaryProbs } from '@shared/metrics/classification';
import { mae } from '@shared/metrics/regression';
import { aurc, errorDetection, metricAtRetention, riskCoverageCurve } from '@shared/metrics/selective';
import { reference } from './reference';

describe('selective prediction against numpy / scikit-learn', () => {
  for (const c of reference.selective) {
    it(`matches on "${c.name}"`, () => {
      const loss = c.correct.map((ok) => (ok ? 0 : 1));
      expect(aurc(c.uncertainty, loss)).toBeCloseTo(c.aurc, 12);
      const curve = riskCoverageCurve(c.uncertainty, loss);
      expect(curve).toHaveLength(c.curve.length);
      curve.forEach((p, i) => {
        expect(p.coverage).toBeCloseTo(c.curve[i]?.coverage ?? NaN, 12);
        expect(p.risk).toBeCloseTo(c.curve[i]?.risk ?? NaN, 12);
      });
      const retained = metricAtRetention(
        c.uncertainty,
        (kept) => kept.filter((i) => c.correct[i]).length / kept.length
      );
      expect(retained.map((r) => [r.retention, r.count])).toEqual(
        c.retention.map((r) => [r.retention, r.count])
      );
      retained.forEach((r, i) => expect(r.value).toBeCloseTo(c.retention[i]?.accuracy ?? NaN, 12));
      if (c.auprErr !== null && c.auprSucc !== null) {
        const detection = errorDetection(c.uncertainty, c.correct);
        expect(detection.auprErr).toBeCloseTo(c.auprErr, 12);
        expect(detection.auprSucc).toBeCloseTo(c.auprSucc, 12);
      }
    });
  }
});

describe('hand-worked selective examples', () => {
  it('AURC averages the risk of the k most certain records; a tie contributes its mean loss', () => {
    // Sorted by uncertainty: 0.1 (error), {0.2, 0.2} (both right), 0.4 (error).
    // risk(1..4) = 1, 1/2, 1/3, 2/4 -> AURC = (1 + 1/2 + 1/3 + 1/2) / 4.
    expect(aurc([0.2, 0.1, 0.2, 0.4], [0, 1, 0, 1])).toBeCloseTo((1 + 1 / 2 + 1 / 3 + 1 / 2) / 4, 12);
    // A tie of one error and one success: risk(1) = 1/2 whatever their order.
    expect(aurc([0.3, 0.3], [1, 0])).toBeCloseTo((1 / 2 + 1 / 2) / 2, 12);
    expect(aurc([0.3, 0.3], [0, 1])).toBeCloseTo(0.5, 12);
  });

  it('deferring the most uncertain record raises accuracy when it was the error', () => {
    const probs = binaryProbs([0.9, 0.2, 0.8, 0.6]);
    const labels = [1, 0, 1, 0];
    const uncertainty = [0.1, 0.2, 0.15, 0.9];
    const results = metricAtRetention(
      uncertainty,
      (kept) =>
        accuracy(
          kept.map((i) => probs[i] as number[]),
          kept.map((i) => labels[i] as number)
        ),
      [1, 0.75, 0.5]
    );
    expect(results).toEqual([
      { retention: 1, count: 4, value: 0.75 },
      { retention: 0.75, count: 3, value: 1 },
      { retention: 0.5, count: 2, value: 1 }
    ]);
  });
});

describe('selective regression (absolute error, deferral by total std) against numpy / scikit-learn', () => {
  for (const c of reference.selectiveRegression) {
    it(`matches on "${c.name}"`, () => {
      const loss = c.y.map((y, i) => Math.abs(y - (c.mean[i] as number)));
      expect(aurc(c.uncertainty, loss)).toBeCloseTo(c.aurc, 12);
      const retained = metricAtRetention(c.uncertainty, (kept) =>
        mae(
          kept.map((i) => c.mean[i] as number),
          kept.map((i) => c.y[i] as number)
        )
      );
      expect(retained.map((r) => [r.retention, r.count])).toEqual(
        c.retention.map((r) => [r.retention, r.count])
      );
      retained.forEach((r, i) => expect(r.value).toBeCloseTo(c.retention[i]?.mae ?? NaN, 12));
    });
  }

  it('AURC with a continuous loss: a tie contributes its mean loss (hand-worked)', () => {
    // Losses |y - mean| = 0.5, 0, 2 at std 0.3, 0.1, 0.3: record 2 first (0), then the tie {0.5, 2} (mean 1.25).
    // risk(1) = 0, risk(2) = (0 + 1.25) / 2, risk(3) = 2.5 / 3.
    expect(aurc([0.3, 0.1, 0.3], [0.5, 0, 2])).toBeCloseTo((0 + 1.25 / 2 + 2.5 / 3) / 3, 12);
  });
});
