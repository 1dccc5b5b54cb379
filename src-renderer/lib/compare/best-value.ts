/**
 * Which way a metric is better: higher (accuracy, AUROC), lower (NLL, ECE, cost), or closest to a
 * nominal level (interval or conformal coverage, whose target is the run's own level).
 */
export type Direction = 'higher' | 'lower' | 'nominal';

/**
 * Indices of the best values of one row of the Compare table (every tie), or none when fewer
 * than two runs have a value: a single value is not "best" of anything. For 'nominal', `targets`
 * holds each run's level and the best value is the one nearest to its own target.
 */
export function bestIndices(
  values: readonly (number | null)[],
  direction: Direction,
  targets: readonly (number | null)[] = []
): number[] {
  const scores: { index: number; score: number }[] = [];
  values.forEach((value, index) => {
    if (value === null || !Number.isFinite(value)) return;
    if (direction === 'nominal') {
      const target = targets[index];
      if (target === null || target === undefined) return;
      scores.push({ index, score: -Math.abs(value - target) });
    } else {
      scores.push({ index, score: direction === 'higher' ? value : -value });
    }
  });
  if (scores.length < 2) return [];
  const best = Math.max(...scores.map((s) => s.score));
  // Equal up to rounding noise, so 0.1 + 0.2 ties with 0.3.
  const tolerance = 1e-12 * Math.max(1, Math.abs(best));
  return scores.filter((s) => best - s.score <= tolerance).map((s) => s.index);
}
