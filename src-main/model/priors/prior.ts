import type * as tf from '@tensorflow/tfjs-core';

/**
 * A prior on every factor entry of a low-rank layer (METHOD.md section 2). Entries are independent,
 * so the log density of a tensor is the sum of the per-entry log densities.
 */
export interface Prior {
  /** log p(x) summed over every entry of x (any shape); a scalar that is differentiable in x. */
  logProb(x: tf.Tensor): tf.Scalar;
}
