import * as tf from '@tensorflow/tfjs-core';
import { HALF_LOG_TWO_PI } from '../math/gaussian-log-density';
import type { LikelihoodConfig, RegressionLikelihood } from './likelihood';

/**
 * y ~ N(mu, sigma^2) with mu the network's single output and one learned homoscedastic log-sigma
 * (METHOD.md section 4, ours). log-sigma is a deterministic trainable scalar, outside the KL; it starts
 * at 0 (sigma = 1, the spread of standardized targets).
 */
export class GaussianLikelihood implements RegressionLikelihood {
  readonly task = 'regression';
  readonly config: LikelihoodConfig = { kind: 'gaussian' };
  readonly outputDim = 1;
  readonly logSigma: tf.Variable;

  constructor(initialLogSigma = 0) {
    this.logSigma = tf.variable(tf.scalar(initialLogSigma), true);
  }

  get variables(): tf.Variable[] {
    return [this.logSigma];
  }

  namedVariables(): Array<{ name: string; variable: tf.Variable }> {
    return [{ name: 'likelihood.logSigma', variable: this.logSigma }];
  }

  /** mean over records of 0.5 log(2 pi) + log sigma + (y - mu)^2 / (2 sigma^2). */
  nll(output: tf.Tensor, y: tf.Tensor): tf.Scalar {
    return tf.tidy(() => {
      const mu = tf.reshape(output, [-1]);
      const z = tf.mul(tf.sub(tf.reshape(y, [-1]), mu), tf.exp(tf.neg(this.logSigma)));
      return tf.add(HALF_LOG_TWO_PI, tf.add(this.logSigma, tf.mul(0.5, tf.mean(tf.square(z)))));
    });
  }

  mean(output: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.squeeze(output, [output.rank - 1]));
  }

  noiseStd(): number {
    return Math.exp(this.logSigma.dataSync()[0] ?? 0);
  }

  dispose(): void {
    this.logSigma.dispose();
  }
}
