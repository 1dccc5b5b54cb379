/**
 * Diverging colour scale for correlations in [-1, 1]: blue (-1), near-white (0), red (+1), the
 * ColorBrewer RdBu end points, interpolated linearly in RGB on each side of 0.
 */
const NEGATIVE: readonly [number, number, number] = [33, 102, 172];
const ZERO: readonly [number, number, number] = [247, 247, 247];
const POSITIVE: readonly [number, number, number] = [178, 24, 43];

export function correlationColor(value: number): string {
  const c = Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
  const end = c < 0 ? NEGATIVE : POSITIVE;
  const t = Math.abs(c);
  const [r, g, b] = ZERO.map((z, i) => Math.round(z + ((end[i] ?? z) - z) * t));
  return `rgb(${r}, ${g}, ${b})`;
}

/** Text drawn on a cell stays readable: white on the dark ends of the scale. */
export function correlationTextColor(value: number): string {
  return Math.abs(value) > 0.6 ? '#ffffff' : '#1d2733';
}
