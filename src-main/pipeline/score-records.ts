import type { Method } from '@shared/domain/config';
import type { Split, RecordPrediction } from '@shared/domain/records';
import type { Predictive } from '../model/predictor';
import type { EncodedRecords, TargetCoding } from './prepared-run';

/** Uncertainty scores a record is ranked and flagged by (METHOD.md section 4). */
export interface ScoredSplit {
  split: Split;
  records: RecordPrediction[];
  /** Class probabilities per record (classification), for the metrics. */
  probs: number[][] | null;
  /** Encoded targets (class index or original-unit value); NaN where unknown. */
  labels: number[];
  /** Class labels by class index (classification), to name conformal prediction sets; null for regression. */
  classes: string[] | null;
  /** Time series: the last observed value of each window (original units), for the persistence baseline. */
  lastObserved: number[] | null;
  /** Time series: the target time of each record, the order in which outcomes become known. */
  times: number[] | null;
}

/**
 * Which classification uncertainty is the OOD score: the mutual information (METHOD.md section 4,
 * the paper's choice for MIMIC and SST-2), or, for a single deterministic network, whose weights
 * carry no uncertainty and whose MI is 0 for every record, the entropy of its prediction.
 */
export type OodScoreKind = 'epistemic' | 'total';

export function oodScoreKind(method: Method): OodScoreKind {
  return method === 'deterministic' ? 'total' : 'epistemic';
}

/**
 * Turns the Monte Carlo predictive summaries of one split into records for review. The OOD score
 * is the mutual information (or, per `scoreKind`, the entropy) for classification and the total
 * predictive std for regression (METHOD.md section 4: the paper's choices for MIMIC/SST-2 and
 * Beijing). Regression outputs go back to the target's units: mean * std + mean_y, every std * std_y.
 */
export function scoreSplit(
  split: Split,
  encoded: EncodedRecords,
  predictive: Predictive,
  pre: TargetCoding,
  oodThreshold: number,
  scoreKind: OodScoreKind = 'epistemic'
): ScoredSplit {
  const n = encoded.n;
  const records: RecordPrediction[] = [];
  const labels: number[] = [];
  if (predictive.kind === 'classification') {
    const k = predictive.classes;
    const classes = pre.classes ?? Array.from({ length: k }, (_, c) => String(c));
    const probs: number[][] = [];
    for (let i = 0; i < n; i++) {
      const row = Array.from(predictive.probs.subarray(i * k, (i + 1) * k));
      probs.push(row);
      const predicted = row.indexOf(Math.max(...row));
      const label = encoded.y[i] as number;
      labels.push(label);
      const epistemic = predictive.epistemic[i] as number;
      const total = predictive.total[i] as number;
      const oodScore = scoreKind === 'total' ? total : epistemic;
      records.push({
        rowIndex: encoded.rows[i] as number,
        split,
        ids: encoded.ids[i] ?? {},
        actual: encoded.rawTarget[i] ?? null,
        prediction: classes[predicted] ?? String(predicted),
        // Binary: P(positive class), the last of [negative, positive]; multiclass: P(predicted class).
        value: (k === 2 ? row[1] : row[predicted]) as number,
        lower: predictive.lower[i] as number,
        upper: predictive.upper[i] as number,
        epistemic,
        aleatoric: predictive.aleatoric[i] as number,
        total,
        oodScore,
        oodFlag: oodScore > oodThreshold,
        imputed: encoded.imputed[i] ?? [],
        correct: Number.isFinite(label) ? predicted === label : null,
        ...(encoded.text ? { text: encoded.text[i] ?? '' } : {})
      });
    }
    return { split, records, probs, labels, classes, lastObserved: null, times: null };
  }
  const scale = pre.targetStd ?? 1;
  const shift = pre.targetMean ?? 0;
  for (let i = 0; i < n; i++) {
    const mean = (predictive.mean[i] as number) * scale + shift;
    const total = (predictive.totalStd[i] as number) * scale;
    const y = encoded.y[i] as number;
    labels.push(Number.isFinite(y) ? y * scale + shift : Number.NaN);
    records.push({
      rowIndex: encoded.rows[i] as number,
      split,
      ids: encoded.ids[i] ?? {},
      actual: encoded.rawTarget[i] ?? null,
      prediction: formatValue(mean),
      value: mean,
      lower: (predictive.lower[i] as number) * scale + shift,
      upper: (predictive.upper[i] as number) * scale + shift,
      epistemic: (predictive.epistemicStd[i] as number) * scale,
      aleatoric: (predictive.noiseStd[i] as number) * scale,
      total,
      oodScore: total,
      oodFlag: total > oodThreshold,
      imputed: encoded.imputed[i] ?? [],
      correct: null
    });
  }
  return {
    split,
    records,
    probs: null,
    labels,
    classes: null,
    lastObserved: encoded.lastObserved ?? null,
    times: encoded.times ?? null
  };
}

/** The OOD scores of a split's predictive summaries, before any threshold exists. */
export function oodScores(
  predictive: Predictive,
  pre: TargetCoding,
  scoreKind: OodScoreKind = 'epistemic'
): number[] {
  if (predictive.kind === 'classification')
    return Array.from(scoreKind === 'total' ? predictive.total : predictive.epistemic);
  const scale = pre.targetStd ?? 1;
  return Array.from(predictive.totalStd, (s) => s * scale);
}

function formatValue(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : 'n/a';
}
