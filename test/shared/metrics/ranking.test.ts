import { describe, expect, it } from 'vitest';
import { auroc, averagePrecision, fprAtTpr, precisionRecallCurve, rocCurve } from '@shared/metrics/ranking';
import { expectArrayClose, reference } from './reference';

describe('ranking metrics against scikit-learn', () => {
  for (const c of reference.ranking) {
    it(`matches roc_auc_score, average_precision_score and the curves on "${c.name}"`, () => {
      expect(auroc(c.scores, c.labels)).toBeCloseTo(c.auroc, 12);
      expect(averagePrecision(c.scores, c.labels)).toBeCloseTo(c.ap, 12);
      const roc = rocCurve(c.scores, c.labels);
      expectArrayClose(roc.fpr, c.rocFpr);
      expectArrayClose(roc.tpr, c.rocTpr);
      const pr = precisionRecallCurve(c.scores, c.labels);
      expectArrayClose(pr.precision, c.prPrecision);
      expectArrayClose(pr.recall, c.prRecall);
      expect(fprAtTpr(c.scores, c.labels, 0.95)).toBeCloseTo(c.fpr95, 12);
    });
  }
});

describe('hand-worked ranking examples', () => {
  it('a positive tied with a negative counts one half', () => {
    // Pairs (pos, neg): (0.5, 0.5) tie -> 1/2, (0.5, 0.1) -> 1; (0.9, both) -> 2. AUROC = 3.5 / 4.
    expect(auroc([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0])).toBeCloseTo(0.875, 12);
  });

  it('average precision of a perfect ranking is 1 and of a reversed one is the mean of k/rank', () => {
    expect(averagePrecision([3, 2, 1], [1, 1, 0])).toBe(1);
    // Positives at ranks 2 and 3: AP = (1/2 + 2/3) / 2.
    expect(averagePrecision([3, 2, 1], [0, 1, 1])).toBeCloseTo((1 / 2 + 2 / 3) / 2, 12);
  });

  it('FPR at 95% TPR reads the first ROC point reaching the target', () => {
    // 20 positives scored 1..20, 20 negatives scored 0.5..19.5: TPR >= 0.95 needs threshold 2
    // (19 positives), which admits the 18 negatives above it: FPR 18/20.
    const pos = Array.from({ length: 20 }, (_, i) => i + 1);
    const neg = Array.from({ length: 20 }, (_, i) => i + 0.5);
    const labels = [...pos.map(() => 1), ...neg.map(() => 0)];
    expect(fprAtTpr([...pos, ...neg], labels, 0.95)).toBeCloseTo(18 / 20, 12);
  });

  it('returns NaN when a class is absent and rejects labels other than 0/1', () => {
    expect(auroc([0.1, 0.2], [1, 1])).toBeNaN();
    expect(averagePrecision([0.1, 0.2], [0, 0])).toBeNaN();
    expect(() => auroc([0.1, 0.2], [1, 2])).toThrow(RangeError);
  });
});
