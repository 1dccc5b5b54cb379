import * as tf from '@tensorflow/tfjs-core';
import { zeroMeanGaussianLogDensity } from '../math/gaussian-log-density';
import type { Prior } from './prior';

/** N(0, sigma^2) on every factor entry (METHOD.md section 2, the plain option). */
export class GaussianPrior implements Prior {
  /** Standard deviation, not variance. */
  readonly sigma: number;

  constructor(sigma: number) {
    if (!(sigma > 0) || !Number.isFinite(sigma))
      throw new Error(`GaussianPrior needs sigma > 0, got ${sigma}.`);
    this.sigma = sigma;
  }

  logProb(x: tf.Tensor): tf.Scalar {
    return tf.tidy(() => tf.sum(zeroMeanGaussianLogDensity(x, this.sigma)));
  }
}
