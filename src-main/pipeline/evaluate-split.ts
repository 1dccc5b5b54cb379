import { accuracy, brier, ece, nll } from '@shared/metrics/classification';
import { auroc } from '@shared/metrics/ranking';
import {
  crpsGaussian,
  gaussianNll,
  intervalScore,
  mae,
  mpiw,
  picp,
  r2,
  rmse
} from '@shared/metrics/regression';
import { aurc, errorDetection, metricAtRetention } from '@shared/metrics/selective';
import type { ClassificationMetrics, RegressionMetrics, RetentionPoint } from '@shared/domain/records';
import type { ScoredSplit } from './score-records';

/**
 * Test-set metrics of METHOD.md section 6 on the records of one split (records without a known
 * target are skipped); formulas in docs/metrics.md. Classification: accuracy, NLL and Brier of p_bar,
 * ECE (15 equal-width and 15 equal-mass bins), AUROC of P(positive) for binary tasks, error detection
 * and selective accuracy with the total uncertainty H[p_bar] as the deferral score. Regression, in
 * the target's units: MAE, RMSE, R^2, Gaussian NLL and CRPS with the total predictive std, PICP, MPIW
 * and interval score of the interval at `intervalLevel`, selective MAE deferring by total std, and
 * for time series the MAE of the persistence forecast.
 */
export function evaluateSplit(
  scored: ScoredSplit,
  intervalLevel: number
): ClassificationMetrics | RegressionMetrics {
  const known = scored.labels.map((_, i) => i).filter((i) => Number.isFinite(scored.labels[i]));
  const labels = known.map((i) => scored.labels[i] as number);
  const total = known.map((i) => scored.records[i]?.total as number);
  if (scored.probs) {
    const probs = known.map((i) => scored.probs?.[i] as number[]);
    const binary = (probs[0]?.length ?? 0) === 2;
    const positive = probs.map((p) => p[1] as number);
    const bothClasses = new Set(labels).size === 2;
    const correct = known.map((i) => scored.records[i]?.correct === true);
    const errors = correct.filter((c) => !c).length;
    // AUPR-Err has no positive without errors, AUPR-Succ none without successes: both undefined then.
    const detection = errors > 0 && errors < correct.length ? errorDetection(total, correct) : null;
    return {
      accuracy: accuracy(probs, labels),
      nll: nll(probs, labels),
      brier: brier(probs, labels),
      ece: ece(probs, labels),
      auroc: binary && bothClasses ? auroc(positive, labels) : null,
      eceEqualMass: ece(probs, labels, { scheme: 'equal-mass' }),
      auprErr: detection?.auprErr ?? null,
      auprSucc: detection?.auprSucc ?? null,
      aurc: aurc(
        total,
        correct.map((c) => (c ? 0 : 1))
      ),
      selective: retention(total, (kept) =>
        accuracy(
          kept.map((j) => probs[j] as number[]),
          kept.map((j) => labels[j] as number)
        )
      )
    };
  }
  const records = known.map((i) => scored.records[i]);
  const mean = records.map((r) => r?.value as number);
  const lower = records.map((r) => r?.lower as number);
  const upper = records.map((r) => r?.upper as number);
  const metrics: RegressionMetrics = {
    mae: mae(mean, labels),
    rmse: rmse(mean, labels),
    nll: gaussianNll(mean, total, labels),
    picp: picp(lower, upper, labels),
    mpiw: mpiw(lower, upper),
    r2: r2(mean, labels),
    crps: crpsGaussian(mean, total, labels),
    intervalScore: intervalScore(lower, upper, labels, 1 - intervalLevel),
    aurc: aurc(
      total,
      mean.map((m, j) => Math.abs((labels[j] as number) - m))
    ),
    selective: retention(total, (kept) =>
      mae(
        kept.map((j) => mean[j] as number),
        kept.map((j) => labels[j] as number)
      )
    )
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

/** The metric on the least uncertain records at retention 100%, 95%, ..., 50% (METHOD.md section 6). */
function retention(uncertainty: number[], metric: (kept: number[]) => number): RetentionPoint[] {
  return metricAtRetention(uncertainty, metric).map(({ retention: level, value }) => ({
    retention: level,
    value
  }));
}
