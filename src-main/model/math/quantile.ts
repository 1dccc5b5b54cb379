/**
 * The q-quantile of `count` values sorted DESCENDING at values[offset ...], by linear interpolation
 * between order statistics (the default "type 7" of R and NumPy): h = (count - 1) q on the ascending order.
 */
export function quantileOfDescending(values: Float32Array, offset: number, count: number, q: number): number {
  const h = (count - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, count - 1);
  const at = (ascending: number): number => values[offset + count - 1 - ascending] ?? NaN;
  return at(lo) + (h - lo) * (at(hi) - at(lo));
}
