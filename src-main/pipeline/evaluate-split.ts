import { accuracy, brier, ece, nll } from '@shared/metrics/classification';
import { auroc } from '@shared/metrics/ranking';
import { gaussianNll, mae, mpiw, picp, rmse } from '@shared/metrics/regression';
import type { ClassificationMetrics, RegressionMetrics } from '@shared/domain/records';
import type { ScoredSplit } from './score-records';

/**
 * Test-set metrics of METHOD.md section 6 on the records of one split (records without a known
 * target are skipped). Classification: accuracy, NLL and Brier of p_bar, ECE (15 equal-width
 * bins), AUROC of P(positive) for binary tasks. Regression, in the target's units: MAE, RMSE,
 * Gaussian NLL with the total predictive std, PICP and MPIW of the interval, and for time series
 * the MAE of the persistence forecast.
 */
export function evaluateSplit(scored: ScoredSplit): ClassificationMetrics | RegressionMetrics {
  const known = scored.labels.map((_, i) => i).filter((i) => Number.isFinite(scored.labels[i]));
  const labels = known.map((i) => scored.labels[i] as number);
  if (scored.probs) {
    const probs = known.map((i) => scored.probs?.[i] as number[]);
    const binary = (probs[0]?.length ?? 0) === 2;
    const positive = probs.map((p) => p[1] as number);
    const bothClasses = new Set(labels).size === 2;
    return {
      accuracy: accuracy(probs, labels),
      nll: nll(probs, labels),
      brier: brier(probs, labels),
      ece: ece(probs, labels),
      auroc: binary && bothClasses ? auroc(positive, labels) : null
    };
  }
  const records = known.map((i) => scored.records[i]);
  const mean = records.map((r) => r?.value as number);
  const std = records.map((r) => r?.total as number);
  const lower = records.map((r) => r?.lower as number);
  const upper = records.map((r) => r?.upper as number);
  const metrics: RegressionMetrics = {
    mae: mae(mean, labels),
    rmse: rmse(mean, labels),
    nll: gaussianNll(mean, std, labels),
    picp: picp(lower, upper, labels),
    mpiw: mpiw(lower, upper)
  };
  const naive = scored.lastObserved;
  // Persistence forecast (next value = last observed) on the same records: the baseline a forecast must beat.
  if (naive)
    metrics.maeNaive = mae(
      known.map((i) => naive[i] as number),
      labels
    );
  return metrics;
}
