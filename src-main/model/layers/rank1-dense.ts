import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@shared/math/random';
import type { NamedVariable } from '../bayesian-model';
import { drawNoise, ownedPosterior } from '../gaussian-posterior';
import type { GaussianPosterior } from '../gaussian-posterior';
import type { WeightDraw } from '../gaussian-posterior';
import { inverseSoftplus } from '@shared/math/softplus';
import type { Prior } from '../priors/prior';
import {
  FullRankShape,
  addBias,
  initialBiasVariable,
  initialWeight,
  posteriorVariables
} from './dense-layer';
import type { DenseLayer, DenseLayerOptions, DenseSample, Rank1Weights } from './dense-layer';

/**
 * Rank-1 multiplicative layer (Dusenberry et al. 2020; METHOD.md section 5): W = W0 * (s r^T)
 * elementwise, with a deterministic W0 (m x n) and bias learned jointly with Gaussian posteriors on
 * s [m] and r [n]. x W = ((x * s) W0) * r: one product with the shared W0, also for S stacked draws.
 *
 * (ours) Prior: the run's prior applied to s - 1 and r - 1, i.e. centred on the identity multiplier.
 * A prior centred on 0 would pull s and r, hence every weight, to 0; centred on 1 its spike (the
 * scale mixture's narrow component) pulls the layer toward the deterministic W0 instead.
 * Initial mu of s and r: 1; initial sigma: eta (default 0.1), small next to the mean 1.
 */
export class Rank1Dense extends FullRankShape implements DenseLayer<Rank1Weights> {
  readonly method = 'rank1';
  readonly prior: Prior;
  readonly w0: tf.Variable;
  readonly bias: tf.Variable | null;
  readonly s: GaussianPosterior;
  readonly r: GaussianPosterior;

  constructor(options: DenseLayerOptions) {
    super(options);
    this.prior = options.prior;
    const rho = inverseSoftplus(options.eta ?? 0.1);
    this.w0 = tf.tidy(() => tf.variable(initialWeight(options), true));
    this.bias = initialBiasVariable(options);
    this.s = ownedPosterior(tf.ones([this.inputDim]), tf.fill([this.inputDim], rho));
    this.r = ownedPosterior(tf.ones([this.outputDim]), tf.fill([this.outputDim], rho));
  }

  get posteriors(): ReadonlyArray<readonly [name: string, posterior: GaussianPosterior]> {
    return [
      ['s', this.s],
      ['r', this.r]
    ];
  }

  /** A reparameterized draw of s and r (independent seeds derived from `draw`), or their means. */
  draw(draw: WeightDraw): DenseSample<Rank1Weights> {
    return tf.tidy(() => {
      const noise = drawNoise(draw);
      const [epsS, epsR] = [noise(this.s.shape), noise(this.r.shape)];
      return {
        w0: tf.clone(this.w0),
        bias: this.bias ? tf.clone(this.bias) : undefined,
        s: this.s.reparameterize(epsS),
        r: this.r.reparameterize(epsR),
        logQ: tf.add<tf.Scalar>(this.s.logQOfNoise(epsS), this.r.logQOfNoise(epsR))
      };
    });
  }

  /** S stacked draws of s [S, m] and r [S, n]; W0 and the bias are shared. */
  drawMany(count: number, seed: number): Rank1Weights {
    const rng = createRng(seed);
    return {
      w0: tf.clone(this.w0),
      bias: this.bias ? tf.clone(this.bias) : undefined,
      s: this.s.sampleMany(count, rng.seed()),
      r: this.r.sampleMany(count, rng.seed())
    };
  }

  /**
   * y = ((x * s) W0) * r + b. Plain draw: x [B, m] -> [B, n]. Stacked: x [B, m] or [S, B, m] ->
   * [S, B, n], the S scaled inputs flattened into one product [S B, m] x [m, n].
   */
  apply(x: tf.Tensor, { w0, bias, s, r }: Rank1Weights): tf.Tensor {
    return tf.tidy(() => {
      if (s.rank === 1) return addBias(tf.mul(tf.matMul(tf.mul(x, s), w0), r), bias);
      const count = s.shape[0] ?? 1;
      const scaled = tf.mul(x, tf.expandDims(s, 1)); // [S, B, m]
      const rows = scaled.shape[1] ?? 0;
      const product = tf.reshape(tf.matMul(tf.reshape(scaled, [count * rows, this.inputDim]), w0), [
        count,
        rows,
        this.outputDim
      ]);
      return addBias(tf.mul(product, tf.expandDims(r, 1)), bias);
    });
  }

  /** Rows of W0 * (s r^T): W0[ids] * s[ids] r^T, [U, n] or [S, U, n]. */
  rows(ids: tf.Tensor1D, { w0, s, r }: Rank1Weights): tf.Tensor {
    return tf.tidy(() => {
      const scale = tf.expandDims(tf.gather(s, ids, s.rank - 1), -1); // [U, 1] or [S, U, 1]
      return tf.mul(tf.mul(tf.gather(w0, ids), scale), r.rank === 2 ? tf.expandDims(r, 1) : r);
    });
  }

  /** log q(s, r) - log p(s - 1, r - 1) on the draw (METHOD.md section 2; the prior's centre above). */
  kl(sample: DenseSample<Rank1Weights>): tf.Scalar {
    return tf.tidy(() => tf.sub(sample.logQ, this.prior.logProb(tf.sub(tf.concat([sample.s, sample.r]), 1))));
  }

  /** m n + n deterministic, and mu and rho of s and r: m n + n + 2 (m + n). */
  get paramCount(): number {
    return this.w0.size + (this.bias?.size ?? 0) + 2 * (this.s.size + this.r.size);
  }

  namedVariables(prefix: string): NamedVariable[] {
    return [
      { name: `${prefix}.w0`, variable: this.w0 },
      ...(this.bias ? [{ name: `${prefix}.bias`, variable: this.bias }] : []),
      ...posteriorVariables(prefix, this.posteriors)
    ];
  }

  get trainableVariables(): tf.Variable[] {
    return this.namedVariables('').map(({ variable }) => variable);
  }

  /** E[W] = W0 * (E[s] E[r]^T), s and r being independent. */
  meanWeight(): tf.Tensor2D {
    return tf.tidy(() =>
      tf.mul(this.w0, tf.outerProduct(this.s.mu as tf.Tensor1D, this.r.mu as tf.Tensor1D))
    );
  }

  dispose(): void {
    tf.dispose([this.w0, ...(this.bias ? [this.bias] : [])]);
    this.s.dispose();
    this.r.dispose();
  }
}
