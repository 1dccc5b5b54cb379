/**
 * Mean and population standard deviation of values, as scikit-learn's StandardScaler computes
 * them; a zero (or non-finite) std becomes 1 so that standardizing a constant input gives 0, not
 * NaN. No values: mean 0, std 1.
 */
export function standardization(values: readonly number[]): { mean: number; std: number } {
  if (values.length === 0) return { mean: 0, std: 1 };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const std = Math.sqrt(ss / values.length);
  return { mean, std: std > 0 && Number.isFinite(std) ? std : 1 };
}
