import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Reference values written by test/fixtures/metrics/generate.py (scikit-learn 1.2.1 / numpy / scipy). */
export interface ClassificationCase {
  name: string;
  probs: number[][];
  labels: number[];
  accuracy: number;
  nll: number;
  brier: number;
  brierMulticlass: number;
  eceWidth15: number;
  eceMass15: number;
  eceWidth5: number;
  eceMass5: number;
}

export interface RankingCase {
  name: string;
  scores: number[];
  labels: number[];
  auroc: number;
  ap: number;
  rocFpr: number[];
  rocTpr: number[];
  prPrecision: number[];
  prRecall: number[];
  fpr95: number;
}

export interface OodCase {
  name: string;
  idScores: number[];
  oodScores: number[];
  auroc: number;
  auprOut: number;
  auprIn: number;
  fpr95: number;
  meanRatio: number;
  threshold05: number;
  threshold20: number;
}

export interface RegressionCase {
  name: string;
  y: number[];
  mean: number[];
  std?: number[];
  lower?: number[];
  upper?: number[];
  mae?: number;
  rmse?: number;
  r2: number;
  gaussianNll?: number;
  crps?: number;
  picp?: number;
  mpiw?: number;
  intervalScore?: number;
}

export interface SelectiveCase {
  name: string;
  uncertainty: number[];
  correct: boolean[];
  aurc: number;
  curve: { coverage: number; risk: number }[];
  retention: { retention: number; count: number; accuracy: number }[];
  auprErr: number | null;
  auprSucc: number | null;
}

export interface Reference {
  erf: { x: number; erf: number; erfc: number }[];
  classification: ClassificationCase[];
  ranking: RankingCase[];
  ood: OodCase[];
  regression: RegressionCase[];
  selective: SelectiveCase[];
}

export const reference = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/metrics/reference.json'), 'utf8')
) as Reference;

export function expectArrayClose(actual: number[], expected: number[], digits = 12): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  actual.forEach((a, i) => {
    const e = expected[i] as number;
    if (!(Math.abs(a - e) <= 10 ** -digits * Math.max(1, Math.abs(e)))) {
      throw new Error(`index ${i}: ${a} != ${e}`);
    }
  });
}
