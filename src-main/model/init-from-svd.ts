import * as tf from '@tensorflow/tfjs-core';
import { svd } from '@shared/math/svd';
import type { BayesianModel, WeightMatrix } from './bayesian-model';

/**
 * LR-SVD initialization (METHOD.md section 5): for every low-rank weight matrix of `target` (an
 * sbnn-shaped model), the SVD of the same matrix of `pretrained` (a deterministic network of the same
 * architecture and sizes), W = U S V^T, sets mu_A = U_r S_r^(1/2) and mu_B = V_r S_r^(1/2), so that
 * mu_A mu_B^T is the best rank-r approximation of W (Eckart-Young-Mirsky). Bias means and every
 * deterministic parameter (positions, LayerNorms) are copied; every rho is left as it is. (ours) A
 * rank above min(rows, cols) leaves the extra factor columns at 0.
 */
export function initFromSvd(target: BayesianModel, pretrained: BayesianModel): void {
  if (target.method !== 'sbnn' && target.method !== 'lr-svd')
    throw new Error(`initFromSvd sets low-rank factors; the target is ${target.method}.`);
  if (pretrained.method !== 'deterministic' || pretrained.spec.arch !== target.spec.arch)
    throw new Error(
      `initFromSvd reads a deterministic ${target.spec.arch}; got a ${pretrained.method} ${pretrained.spec.arch}.`
    );
  const source = new Map(pretrained.weightMatrices().map((w) => [w.name, w]));
  const updates: Array<[tf.Variable, tf.Tensor]> = [];
  try {
    collectUpdates(target, pretrained, source, updates);
  } catch (err) {
    tf.dispose(updates.map(([, value]) => value));
    throw err;
  }
  for (const [variable, value] of updates) {
    variable.assign(value);
    value.dispose();
  }
}

/** The new values of initFromSvd, computed before any is assigned (so a failure changes nothing). */
function collectUpdates(
  target: BayesianModel,
  pretrained: BayesianModel,
  source: Map<string, WeightMatrix>,
  updates: Array<[tf.Variable, tf.Tensor]>
): void {
  for (const matrix of target.weightMatrices()) {
    const from = source.get(matrix.name);
    const factors = matrix.factors;
    if (!from || !factors || from.rows !== matrix.rows || from.cols !== matrix.cols)
      throw new Error(`initFromSvd: no ${matrix.rows} x ${matrix.cols} matrix ${matrix.name} to start from.`);
    const w = from.meanWeight();
    const { u, s, v } = svd(w.dataSync(), matrix.rows, matrix.cols);
    w.dispose();
    const k = s.length;
    const r = factors.a.shape[1] ?? 0;
    // Column j < min(r, k) of U S^(1/2) (rows x k row-major -> rows x r).
    const scaled = (basis: Float64Array, rows: number): Float32Array => {
      const out = new Float32Array(rows * r);
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < Math.min(r, k); j++)
          out[i * r + j] = (basis[i * k + j] ?? 0) * Math.sqrt(s[j] ?? 0);
      return out;
    };
    updates.push(
      [factors.a.mu, tf.tensor2d(scaled(u, matrix.rows), [matrix.rows, r])],
      [factors.b.mu, tf.tensor2d(scaled(v, matrix.cols), [matrix.cols, r])]
    );
  }
  // Bias means from the point biases (`X.bias.mu` <- `X.bias`); deterministic parameters by name.
  const pointValues = new Map(pretrained.namedVariables().map(({ name, variable }) => [name, variable]));
  for (const { name, variable } of target.namedVariables()) {
    const bayesian = name.endsWith('.mu') || name.endsWith('.rho');
    const fromName = name.endsWith('.bias.mu') ? name.slice(0, -3) : bayesian ? null : name;
    if (fromName === null) continue;
    const from = pointValues.get(fromName);
    if (!from || !tf.util.arraysEqual(from.shape, variable.shape))
      throw new Error(`initFromSvd: no ${JSON.stringify(variable.shape)} parameter ${fromName} to copy.`);
    updates.push([variable, tf.clone(from)]);
  }
}
