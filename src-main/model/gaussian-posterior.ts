import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@shared/math/random';
import { HALF_LOG_TWO_PI, gaussianLogDensity } from './math/gaussian-log-density';

/** How a weight draw is made: a reparameterized sample from a seed, or the posterior means. */
export type WeightDraw = number | 'mean';

/**
 * The standard normal noise of a draw, one tensor per call: seeded draws take a new seed of the
 * draw's generator at every call (independent noise per part, in call order); 'mean' gives zeros,
 * so the reparameterized draw is the posterior means.
 */
export function drawNoise(draw: WeightDraw): (shape: number[]) => tf.Tensor {
  const rng = draw === 'mean' ? null : createRng(draw);
  return (shape) => (rng ? tf.randomNormal(shape, 0, 1, 'float32', rng.seed()) : tf.zeros(shape));
}

/**
 * A mean-field Gaussian posterior q = N(mu, sigma^2) over a tensor of the given shape, with
 * sigma = softplus(rho) (METHOD.md section 1). mu and rho are trainable variables; every mu and
 * rho counts as a parameter.
 */
export class GaussianPosterior {
  readonly shape: number[];
  readonly mu: tf.Variable;
  readonly rho: tf.Variable;

  constructor(mu: tf.Tensor, rho: tf.Tensor) {
    if (!tf.util.arraysEqual(mu.shape, rho.shape)) {
      throw new Error(`mu ${JSON.stringify(mu.shape)} and rho ${JSON.stringify(rho.shape)} differ in shape.`);
    }
    this.shape = [...mu.shape];
    this.mu = tf.variable(mu, true);
    this.rho = tf.variable(rho, true);
  }

  get size(): number {
    return tf.util.sizeFromShape(this.shape);
  }

  /** sigma = softplus(rho); tfjs's softplus switches to rho or e^rho at the float32 thresholds, so it never overflows. */
  sigma(): tf.Tensor {
    return tf.softplus(this.rho);
  }

  /**
   * One reparameterized sample mu + softplus(rho) * eps, eps ~ N(0, 1) from a seeded generator, so
   * the same seed gives the same eps on every backend (the generator runs in JavaScript).
   * Shape: this.shape.
   */
  sample(seed: number): tf.Tensor {
    return tf.tidy(() => this.reparameterize(tf.randomNormal(this.shape, 0, 1, 'float32', seed)));
  }

  /** S independent samples stacked on a new leading axis: shape [S, ...this.shape]. */
  sampleMany(count: number, seed: number): tf.Tensor {
    return tf.tidy(() => this.reparameterize(tf.randomNormal([count, ...this.shape], 0, 1, 'float32', seed)));
  }

  /** mu + softplus(rho) * eps for given standard normal noise (this.shape, or with leading sample axes). */
  reparameterize(eps: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.add(this.mu, tf.mul(this.sigma(), eps)));
  }

  /**
   * log q(w) at the sample w = mu + sigma * eps that the noise eps produced, summed over entries:
   * sum(-0.5 log 2 pi - log sigma - eps^2 / 2). As a function of (mu, rho) through w it has the same
   * value and gradient as logQ(w): the (w - mu) / sigma inside the density is eps for every mu and
   * sigma, so only -log sigma varies. It takes a third of the operations of logQ(w).
   */
  logQOfNoise(eps: tf.Tensor): tf.Scalar {
    return tf.tidy(() =>
      tf.sub(
        tf.sub(-HALF_LOG_TWO_PI * this.size, tf.sum(tf.log(this.sigma()))),
        tf.mul(0.5, tf.sum(tf.square(eps)))
      )
    );
  }

  /** log q(w) summed over entries, differentiable in w, mu and rho (for the Monte Carlo KL, METHOD.md section 2). */
  logQ(w: tf.Tensor): tf.Scalar {
    return tf.tidy(() => tf.sum(gaussianLogDensity(w, this.mu, this.sigma())));
  }

  /** Overwrites mu and rho (deserialization, restoring a snapshot). */
  assign(mu: tf.Tensor, rho: tf.Tensor): void {
    this.mu.assign(mu);
    this.rho.assign(rho);
  }

  get variables(): tf.Variable[] {
    return [this.mu, this.rho];
  }

  dispose(): void {
    this.mu.dispose();
    this.rho.dispose();
  }
}

/** A posterior initialized from (and taking ownership of) initial mu and rho tensors. */
export function ownedPosterior(mu: tf.Tensor, rho: tf.Tensor): GaussianPosterior {
  const result = new GaussianPosterior(mu, rho);
  tf.dispose([mu, rho]);
  return result;
}
