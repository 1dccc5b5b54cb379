/** Order statistics of timing samples, for the speed benchmark (METHOD.md section 6, "Cost"). */

/**
 * The p-th percentile (0 <= p <= 100) of `values` by linear interpolation between the closest
 * ranks (numpy's default): position p / 100 * (n - 1) in the sorted values. NaN for no values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new Error(`A percentile lies in [0, 100], got ${p}.`);
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (p / 100) * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? Number.NaN;
  return low + (high - low) * (position - below);
}

/** The median: the 50th percentile (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** x rounded to `digits` decimals, for reports. */
export function roundTo(x: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(x * scale) / scale;
}
