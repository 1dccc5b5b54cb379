import { softplus } from '@shared/math/softplus';
import type { SavedPosterior, SavedVariable } from '../model/serialization';

/** One Gaussian factor of a saved low-rank layer: entries row-major [rows, r]. */
export interface SavedFactor {
  mu: Float64Array;
  sigma: Float64Array;
  rows: number;
  r: number;
}

function factor(byName: Map<string, SavedVariable>, prefix: string): SavedFactor | null {
  const mu = byName.get(`${prefix}.mu`);
  const rho = byName.get(`${prefix}.rho`);
  if (!mu || !rho || mu.shape.length !== 2 || rho.values.length !== mu.values.length) return null;
  return {
    mu: Float64Array.from(mu.values),
    sigma: Float64Array.from(rho.values, softplus),
    rows: mu.shape[0] ?? 0,
    r: mu.shape[1] ?? 0
  };
}

/**
 * The Gaussian factors A and B of the low-rank weight `layer` of a saved posterior (variables
 * `<layer>.a.mu`, `<layer>.a.rho`, `<layer>.b.mu`, `<layer>.b.rho`), read from the JSON alone so the
 * main process needs no tensor library; null when the layer is not a low-rank Gaussian product.
 */
export function lowRankFactorsOf(
  saved: SavedPosterior,
  layer: string
): { a: SavedFactor; b: SavedFactor } | null {
  const byName = new Map(saved.variables.map((v) => [v.name, v]));
  const a = factor(byName, `${layer}.a`);
  const b = factor(byName, `${layer}.b`);
  return a && b && a.r === b.r ? { a, b } : null;
}

/** Names of every low-rank layer of a saved posterior (the prefixes of its `.a.mu` variables). */
export function lowRankLayersOf(saved: SavedPosterior): string[] {
  return saved.variables
    .filter((v) => v.name.endsWith('.a.mu'))
    .map((v) => v.name.slice(0, -'.a.mu'.length))
    .filter((layer) => lowRankFactorsOf(saved, layer) !== null);
}
