/**
 * Selective prediction and error detection (METHOD.md section 6): records are deferred most uncertain
 * first; what is kept should be more accurate. Formulas: docs/metrics.md.
 */
import { requireSameLength } from './check';
import { averagePrecision } from './ranking';

/** Retention levels 100%, 95%, ..., 50%. */
export const RETENTION_LEVELS: readonly number[] = [1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5];

export interface RiskCoveragePoint {
  /** Fraction of records kept (the least uncertain ones). */
  coverage: number;
  /** Mean loss of the kept records. */
  risk: number;
}

export interface RetentionResult {
  retention: number;
  count: number;
  value: number;
}

/** Groups of records with equal uncertainty, least uncertain first: [start, end) into `order`. */
function tieGroups(uncertainty: readonly number[]): { order: number[]; groups: [number, number][] } {
  const order = uncertainty
    .map((_, i) => i)
    .sort((a, b) => (uncertainty[a] as number) - (uncertainty[b] as number) || a - b);
  const groups: [number, number][] = [];
  let start = 0;
  for (let j = 1; j <= order.length; j++) {
    if (j === order.length || uncertainty[order[j] as number] !== uncertainty[order[start] as number]) {
      groups.push([start, j]);
      start = j;
    }
  }
  return { order, groups };
}

/**
 * Risk-coverage curve: one point per distinct uncertainty threshold u, keeping every record with
 * uncertainty <= u. `loss` is per record (e.g. 1 for an error, 0 for a correct prediction).
 */
export function riskCoverageCurve(
  uncertainty: readonly number[],
  loss: readonly number[]
): RiskCoveragePoint[] {
  const n = requireSameLength('riskCoverageCurve', uncertainty, loss);
  const { order, groups } = tieGroups(uncertainty);
  const points: RiskCoveragePoint[] = [];
  let total = 0;
  for (const [start, end] of groups) {
    for (let j = start; j < end; j++) total += loss[order[j] as number] as number;
    points.push({ coverage: end / n, risk: total / end });
  }
  return points;
}

/**
 * Area under the risk-coverage curve, AURC = (1/n) sum_{k=1..n} risk(k), risk(k) the mean loss of the
 * k least uncertain records. Within a tie the order is arbitrary, so risk(k) is its expectation over
 * random orders of the tied records: the tie contributes its mean loss per record taken.
 */
export function aurc(uncertainty: readonly number[], loss: readonly number[]): number {
  const n = requireSameLength('aurc', uncertainty, loss);
  const { order, groups } = tieGroups(uncertainty);
  let before = 0;
  let area = 0;
  for (const [start, end] of groups) {
    let groupLoss = 0;
    for (let j = start; j < end; j++) groupLoss += loss[order[j] as number] as number;
    const perRecord = groupLoss / (end - start);
    for (let k = start + 1; k <= end; k++) area += (before + (k - start) * perRecord) / k;
    before += groupLoss;
  }
  return area / n;
}

/**
 * A metric on the retained records at each retention level: keep the ceil(level * n) least uncertain
 * records (ties by record order) and call metric(kept indices). The metric can be anything computed
 * from a subset (accuracy, RMSE, ...).
 */
export function metricAtRetention(
  uncertainty: readonly number[],
  metric: (kept: number[]) => number,
  levels: readonly number[] = RETENTION_LEVELS
): RetentionResult[] {
  const n = requireSameLength('metricAtRetention', uncertainty);
  const { order } = tieGroups(uncertainty);
  return levels.map((retention) => {
    if (!(retention > 0 && retention <= 1))
      throw new RangeError(`metricAtRetention: level ${retention} not in (0, 1]`);
    const count = Math.max(1, Math.ceil(retention * n - 1e-9));
    return { retention, count, value: metric(order.slice(0, count)) };
  });
}

/**
 * Error detection by uncertainty: AUPR-Err is the average precision of the uncertainty for finding
 * errors (errors positive); AUPR-Succ that of the negated uncertainty for finding correct predictions.
 */
export function errorDetection(
  uncertainty: readonly number[],
  correct: readonly boolean[]
): { auprErr: number; auprSucc: number } {
  requireSameLength('errorDetection', uncertainty, correct);
  return {
    auprErr: averagePrecision(
      uncertainty,
      correct.map((c) => (c ? 0 : 1))
    ),
    auprSucc: averagePrecision(
      uncertainty.map((u) => -u),
      correct.map((c) => (c ? 1 : 0))
    )
  };
}
