import { normalCdf } from '@shared/metrics/normal';
import type { RecordPrediction } from '@shared/domain/records';

/** Nominal levels of the coverage diagram: 50%, 55%, ..., 95% and 99%. */
export const COVERAGE_LEVELS: readonly number[] = [
  0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99
];

/** The standard normal quantile, by bisection on the CDF (accurate to about 1e-10 on (0.5, 1)). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile needs 0 < p < 1, got ${p}.`);
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface CoveragePoint {
  nominal: number;
  /** Fraction of records whose actual value falls in the central interval at this level. */
  observed: number;
}

/**
 * Observed against nominal coverage of the Gaussian predictive intervals (METHOD.md section 4):
 * at level L the interval is mean ± z sqrt(total var) with z = Φ⁻¹((1 + L) / 2), where `value` is
 * the predictive mean and `total` the total predictive std of a regression record. Records
 * without a numeric actual value are left out; no records gives an empty curve.
 */
export function coverageCurve(
  records: readonly RecordPrediction[],
  levels: readonly number[] = COVERAGE_LEVELS
): CoveragePoint[] {
  const usable: { error: number; std: number }[] = [];
  for (const record of records) {
    if (record.actual === null || record.actual.trim() === '') continue;
    const actual = Number(record.actual);
    if (!Number.isFinite(actual) || !Number.isFinite(record.total)) continue;
    usable.push({ error: Math.abs(actual - record.value), std: record.total });
  }
  if (usable.length === 0) return [];
  return levels.map((nominal) => {
    const z = normalQuantile((1 + nominal) / 2);
    const inside = usable.filter((u) => u.error <= z * u.std).length;
    return { nominal, observed: inside / usable.length };
  });
}
