/**
 * Threshold-free ranking metrics of a score against binary labels (1 = positive, 0 = negative),
 * computed over every distinct score as a threshold (higher score = more positive), as scikit-learn does.
 * Formulas: docs/metrics.md.
 */
import { requireSameLength } from './check';

export interface RocCurve {
  /** Points in order of decreasing threshold, starting at (0, 0) with threshold +Infinity. */
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}

export interface PrecisionRecallCurve {
  /** Points in order of decreasing threshold, starting at recall 0, precision 1 (threshold +Infinity). */
  precision: number[];
  recall: number[];
  thresholds: number[];
}

interface Counts {
  /** Cumulative true / false positives when predicting positive for score >= thresholds[j]. */
  tps: number[];
  fps: number[];
  thresholds: number[];
  positives: number;
  negatives: number;
}

/** Cumulative counts at every distinct score, tied scores entering together (sklearn's _binary_clf_curve). */
function cumulativeCounts(name: string, scores: readonly number[], labels: readonly number[]): Counts {
  const n = requireSameLength(name, scores, labels);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number)
  );
  const tps: number[] = [];
  const fps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let j = 0; j < n; j++) {
    const i = order[j] as number;
    const s = scores[i] as number;
    if (Number.isNaN(s)) throw new RangeError(`${name}: score ${i} is NaN`);
    const y = labels[i];
    if (y === 1) tp++;
    else if (y === 0) fp++;
    else throw new RangeError(`${name}: label ${i} is ${y}, expected 0 or 1`);
    const next = order[j + 1];
    if (next === undefined || scores[next] !== s) {
      tps.push(tp);
      fps.push(fp);
      thresholds.push(s);
    }
  }
  return { tps, fps, thresholds, positives: tp, negatives: fp };
}

/** ROC curve over all distinct thresholds (sklearn roc_curve with drop_intermediate=False). */
export function rocCurve(scores: readonly number[], labels: readonly number[]): RocCurve {
  const c = cumulativeCounts('rocCurve', scores, labels);
  return {
    fpr: [0, ...c.fps.map((f) => f / c.negatives)],
    tpr: [0, ...c.tps.map((t) => t / c.positives)],
    thresholds: [Number.POSITIVE_INFINITY, ...c.thresholds]
  };
}

/**
 * Area under the ROC curve by the trapezoidal rule, so a tie between a positive and a negative counts
 * one half (equal to sklearn roc_auc_score). NaN when either class is absent.
 */
export function auroc(scores: readonly number[], labels: readonly number[]): number {
  const { fpr, tpr } = rocCurve(scores, labels);
  let area = 0;
  for (let j = 1; j < fpr.length; j++) {
    area +=
      ((fpr[j] as number) - (fpr[j - 1] as number)) * (((tpr[j] as number) + (tpr[j - 1] as number)) / 2);
  }
  return area;
}

/** Precision and recall at every distinct threshold (sklearn precision_recall_curve, reversed). */
export function precisionRecallCurve(
  scores: readonly number[],
  labels: readonly number[]
): PrecisionRecallCurve {
  const c = cumulativeCounts('precisionRecallCurve', scores, labels);
  return {
    precision: [1, ...c.tps.map((t, j) => t / (t + (c.fps[j] as number)))],
    recall: [0, ...c.tps.map((t) => t / c.positives)],
    thresholds: [Number.POSITIVE_INFINITY, ...c.thresholds]
  };
}

/**
 * Average precision, AP = sum_j (R_j - R_{j-1}) P_j over decreasing thresholds, without interpolation
 * (sklearn average_precision_score). NaN when there is no positive.
 */
export function averagePrecision(scores: readonly number[], labels: readonly number[]): number {
  const { precision, recall } = precisionRecallCurve(scores, labels);
  let ap = 0;
  for (let j = 1; j < recall.length; j++)
    ap += ((recall[j] as number) - (recall[j - 1] as number)) * (precision[j] as number);
  return ap;
}

/**
 * False-positive rate at the first threshold (from the top) whose true-positive rate reaches
 * `targetTpr`: the smallest FPR of any ROC point with TPR >= target, no interpolation. NaN when a class is absent.
 */
export function fprAtTpr(scores: readonly number[], labels: readonly number[], targetTpr = 0.95): number {
  const { fpr, tpr } = rocCurve(scores, labels);
  for (let j = 0; j < tpr.length; j++) if ((tpr[j] as number) >= targetTpr) return fpr[j] as number;
  return Number.NaN;
}
