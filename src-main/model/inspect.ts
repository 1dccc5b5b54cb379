import type { BayesianModel } from './bayesian-model';
import type { GaussianPosterior } from './gaussian-posterior';
import { softplus } from '@shared/math/softplus';

/** The posterior-mean W of one weight matrix, row-major rows x cols (W maps rows-dim inputs to cols-dim outputs). */
export interface MeanWeight {
  layer: string;
  rows: number;
  cols: number;
  /** The layer's r for the low-rank methods, min(rows, cols) otherwise. */
  rank: number;
  values: Float32Array;
}

/** One Gaussian posterior tensor, flattened: what the KL runs over (METHOD.md section 2). */
export interface PosteriorValues {
  /** The variable name without `.mu` / `.rho`, e.g. `layer0.a`, `block1.query.w`. */
  name: string;
  mu: Float32Array;
  sigma: Float64Array;
}

/** One factor of W = A B^T: rows x r, row-major. */
export interface FactorValues {
  mu: Float32Array;
  sigma: Float64Array;
  rows: number;
  r: number;
}

/**
 * The posterior-mean W of every weight matrix (METHOD.md section 7: spectra, Eckart-Young-Mirsky),
 * named by layer ('layer0', 'lstm0.ih', 'embedding', 'block1.query', 'head', ...). For an ensemble,
 * member 0's.
 */
export function meanWeights(model: BayesianModel): MeanWeight[] {
  return model.weightMatrices().map((w) => {
    const mean = w.meanWeight();
    const values = Float32Array.from(mean.dataSync());
    mean.dispose();
    return { layer: w.name, rows: w.rows, cols: w.cols, rank: w.rank, values };
  });
}

/**
 * mu and sigma = softplus(rho) of a posterior, flattened. sigma is computed in float64: in float32
 * softplus(rho) underflows to 0 below rho = -104, where the KL to the prior still has a finite value.
 */
function posteriorValues(p: Pick<GaussianPosterior, 'mu' | 'rho'>): {
  mu: Float32Array;
  sigma: Float64Array;
} {
  return { mu: Float32Array.from(p.mu.dataSync()), sigma: Float64Array.from(p.rho.dataSync(), softplus) };
}

/**
 * Every Gaussian posterior of the model (each `X.mu` with its `X.rho` among the named variables), in
 * variable order; empty for the deterministic network and the ensemble.
 */
export function gaussianPosteriors(model: BayesianModel): PosteriorValues[] {
  const named = model.namedVariables();
  const rhos = new Map(
    named
      .filter(({ name }) => name.endsWith('.rho'))
      .map(({ name, variable }) => [name.slice(0, -4), variable])
  );
  return named.flatMap(({ name, variable }) => {
    if (!name.endsWith('.mu')) return [];
    const base = name.slice(0, -3);
    const rho = rhos.get(base);
    return rho ? [{ name: base, ...posteriorValues({ mu: variable, rho }) }] : [];
  });
}

/**
 * The Gaussian factors A (rows x r) and B (cols x r) of a low-rank layer (METHOD.md section 1, for
 * the analytic covariance of W); null when the layer is unknown or not low-rank.
 */
export function lowRankFactors(
  model: BayesianModel,
  layer: string
): { a: FactorValues; b: FactorValues } | null {
  const factors = model.weightMatrices().find((w) => w.name === layer)?.factors;
  if (!factors) return null;
  const factor = (p: GaussianPosterior): FactorValues => ({
    ...posteriorValues(p),
    rows: p.shape[0] ?? 0,
    r: p.shape[1] ?? 0
  });
  return { a: factor(factors.a), b: factor(factors.b) };
}
