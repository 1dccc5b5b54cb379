import * as tf from '@tensorflow/tfjs-core';
import { zeroMeanGaussianLogDensity } from '../math/gaussian-log-density';
import type { Prior } from './prior';

/**
 * Scale mixture pi N(0, sigma1^2) + (1 - pi) N(0, sigma2^2) on every factor entry (METHOD.md section 2).
 * With sigma2 = e^-6 the narrow component's density underflows float32 for |x| above about 0.03, so
 * the mixture is combined in log space: log(e^a + e^b) = m + log(e^(a-m) + e^(b-m)), m = max(a, b).
 */
export class ScaleMixturePrior implements Prior {
  readonly pi: number;
  /** Standard deviations of the wide and the narrow component. */
  readonly sigma1: number;
  readonly sigma2: number;

  constructor(pi: number, sigma1: number, sigma2: number) {
    if (!(pi > 0 && pi < 1)) throw new Error(`ScaleMixturePrior needs 0 < pi < 1, got ${pi}.`);
    if (!(sigma1 > 0) || !(sigma2 > 0) || !Number.isFinite(sigma1) || !Number.isFinite(sigma2)) {
      throw new Error(`ScaleMixturePrior needs sigma1, sigma2 > 0, got ${sigma1}, ${sigma2}.`);
    }
    this.pi = pi;
    this.sigma1 = sigma1;
    this.sigma2 = sigma2;
  }

  logProb(x: tf.Tensor): tf.Scalar {
    return tf.tidy(() => {
      const a = tf.add(Math.log(this.pi), zeroMeanGaussianLogDensity(x, this.sigma1));
      const b = tf.add(Math.log1p(-this.pi), zeroMeanGaussianLogDensity(x, this.sigma2));
      const m = tf.maximum(a, b);
      const lse = tf.add(m, tf.log(tf.add(tf.exp(tf.sub(a, m)), tf.exp(tf.sub(b, m)))));
      return tf.sum(lse);
    });
  }
}
