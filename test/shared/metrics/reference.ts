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

export interface SelectiveRegressionCase {
  name: string;
  uncertainty: number[];
  y: number[];
  mean: number[];
  aurc: number;
  retention: { retention: number; count: number; mae: number }[];
}

/** Inputs of evaluateSplit and every metric it must report (test/main/pipeline/evaluate-split.test.ts). */
export interface EvaluateClassificationCase {
  name: string;
  probs: number[][];
  labels: number[];
  /** Entropy of p_bar, rounded to 0.01 so that the deferral order has ties. */
  total: number[];
  expected: {
    accuracy: number;
    nll: number;
    brier: number;
    ece: number;
    auroc: number | null;
    eceEqualMass: number;
    auprErr: number | null;
    auprSucc: number | null;
    aurc: number;
    selective: { retention: number; value: number }[];
  };
}

export interface EvaluateRegressionCase {
  name: string;
  level: number;
  y: number[];
  mean: number[];
  std: number[];
  lower: number[];
  upper: number[];
  expected: {
    mae: number;
    rmse: number;
    nll: number;
    picp: number;
    mpiw: number;
    r2: number;
    crps: number;
    intervalScore: number;
    aurc: number;
    selective: { retention: number; value: number }[];
  };
}

export interface ConformalReference {
  regression: {
    level: number;
    calibration: { y: number[]; mean: number[]; std: number[] };
    test: { y: number[]; mean: number[]; std: number[] };
    quantile: number;
    lower: number[];
    upper: number[];
    coverage: number;
    meanWidth: number;
  };
  classification: {
    level: number;
    calibration: { probs: number[][]; labels: number[] };
    test: { probs: number[][]; labels: number[] };
    quantile: number;
    sets: number[][];
    coverage: number;
    meanSetSize: number;
  };
  /** null stands for +Infinity (JSON has no Infinity). */
  quantiles: { scores: number[]; level: number; quantile: number | null }[];
}

export interface Reference {
  erf: { x: number; erf: number; erfc: number }[];
  classification: ClassificationCase[];
  ranking: RankingCase[];
  ood: OodCase[];
  regression: RegressionCase[];
  selective: SelectiveCase[];
  selectiveRegression: SelectiveRegressionCase[];
  evaluate: { classification: EvaluateClassificationCase[]; regression: EvaluateRegressionCase[] };
  conformal: ConformalReference;
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
