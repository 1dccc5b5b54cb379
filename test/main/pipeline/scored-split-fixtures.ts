import type { RecordPrediction, Split } from '@shared/domain/records';
import type { ScoredSplit } from '../../../src-main/pipeline/score-records';

/** A record with neutral values, for the fields a test does not look at. */
export function record(split: Split, rowIndex: number, fields: Partial<RecordPrediction>): RecordPrediction {
  return {
    rowIndex,
    split,
    ids: {},
    actual: null,
    prediction: '',
    value: 0,
    lower: 0,
    upper: 0,
    epistemic: 0,
    aleatoric: 0,
    total: 0,
    oodScore: 0,
    oodFlag: false,
    imputed: [],
    correct: null,
    ...fields
  };
}

/** The first index of the largest probability, as the app predicts a class. */
function firstArgmax(row: readonly number[]): number {
  return row.indexOf(Math.max(...row));
}

/** A classification split as scoreSplit builds it, from p_bar rows, labels (NaN = unknown) and H[p_bar]. */
export function classificationSplit(
  probs: number[][],
  labels: number[],
  total: number[],
  classes: string[] = (probs[0] ?? []).map((_, k) => `class ${k}`),
  split: Split = 'test'
): ScoredSplit {
  const records = probs.map((row, i) => {
    const predicted = firstArgmax(row);
    const label = labels[i] as number;
    return record(split, i, {
      actual: Number.isFinite(label) ? (classes[label] ?? null) : null,
      prediction: classes[predicted] ?? '',
      value: (row.length === 2 ? row[1] : row[predicted]) as number,
      total: total[i] as number,
      correct: Number.isFinite(label) ? predicted === label : null
    });
  });
  return { split, records, probs, labels, classes, lastObserved: null, times: null };
}

/** A regression split in the target's units, from y (NaN = unknown), predictive mean, total std and interval. */
export function regressionSplit(
  y: number[],
  mean: number[],
  std: number[],
  lower: number[] = mean,
  upper: number[] = mean,
  split: Split = 'test'
): ScoredSplit {
  const records = mean.map((m, i) =>
    record(split, i, {
      actual: Number.isFinite(y[i]) ? String(y[i]) : null,
      prediction: String(m),
      value: m,
      lower: lower[i] as number,
      upper: upper[i] as number,
      total: std[i] as number
    })
  );
  return { split, records, probs: null, labels: y, classes: null, lastObserved: null, times: null };
}
