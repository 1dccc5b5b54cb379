import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@shared/math/random';
import type { NamedVariable } from '../bayesian-model';
import { ownedPosterior } from '../gaussian-posterior';
import type { GaussianPosterior } from '../gaussian-posterior';
import type { WeightDraw } from '../gaussian-posterior';
import { inverseSoftplus } from '@shared/math/softplus';
import type { Prior } from '../priors/prior';
import { initialStd, posteriorVariables } from './dense-layer';
import type { DenseLayer, DenseLayerOptions, DenseSample, FullWeights } from './dense-layer';
import { applyFull, fullRows, splitFull } from './full-weights';

/**
 * Full-rank Bayes by Backprop (METHOD.md section 5): a mean-field Gaussian on every entry of W
 * (m x n) and of the bias, under the same prior and the same Monte Carlo KL as the low-rank layer.
 * Initial mu: N(0, sigma_W^2) with the He or Glorot variance; initial sigma eta sigma_W.
 */
export class FullRankDense implements DenseLayer<FullWeights> {
  readonly method = 'bbb';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly rank: number;
  readonly prior: Prior;
  readonly w: GaussianPosterior;
  readonly bias: GaussianPosterior | null;

  constructor(options: DenseLayerOptions) {
    const { inputDim: m, outputDim: n } = options;
    this.inputDim = m;
    this.outputDim = n;
    this.rank = Math.min(m, n);
    this.prior = options.prior;
    const std = initialStd(options);
    const rng = createRng(options.seed);
    this.w = ownedPosterior(
      tf.randomNormal([m, n], 0, std, 'float32', rng.seed()),
      tf.fill([m, n], inverseSoftplus((options.eta ?? 0.1) * std))
    );
    this.bias =
      options.bias === false
        ? null
        : ownedPosterior(
            options.biasMu ? tf.tensor1d(options.biasMu) : tf.zeros([n]),
            tf.fill([n], options.biasRho ?? -5)
          );
  }

  get posteriors(): ReadonlyArray<readonly [name: string, posterior: GaussianPosterior]> {
    return this.bias
      ? [
          ['w', this.w],
          ['bias', this.bias]
        ]
      : [['w', this.w]];
  }

  /** A reparameterized draw of W and the bias (independent seeds derived from `draw`), or the means. */
  draw(draw: WeightDraw): DenseSample<FullWeights> {
    return tf.tidy(() => {
      const rng = draw === 'mean' ? null : createRng(draw);
      const noise = (shape: number[]): tf.Tensor =>
        rng ? tf.randomNormal(shape, 0, 1, 'float32', rng.seed()) : tf.zeros(shape);
      const epsW = noise(this.w.shape);
      const epsBias = this.bias ? noise(this.bias.shape) : undefined;
      return {
        w: this.w.reparameterize(epsW),
        bias: this.bias && epsBias ? this.bias.reparameterize(epsBias) : undefined,
        logQ:
          this.bias && epsBias
            ? tf.add<tf.Scalar>(this.w.logQOfNoise(epsW), this.bias.logQOfNoise(epsBias))
            : this.w.logQOfNoise(epsW)
      };
    });
  }

  drawMany(count: number, seed: number): FullWeights {
    const rng = createRng(seed);
    const w = this.w.sampleMany(count, rng.seed());
    return { w, bias: this.bias ? this.bias.sampleMany(count, rng.seed()) : undefined };
  }

  apply(x: tf.Tensor, weights: FullWeights): tf.Tensor {
    return applyFull(x, weights);
  }

  rows(ids: tf.Tensor1D, weights: FullWeights): tf.Tensor {
    return fullRows(ids, weights);
  }

  split(stacked: FullWeights, count: number): FullWeights[] {
    return splitFull(stacked, count);
  }

  /** log q(W, b) - log p(W, b) on the draw (METHOD.md section 2), one prior evaluation over all entries. */
  kl(sample: DenseSample<FullWeights>): tf.Scalar {
    return tf.tidy(() => {
      const entries = [tf.reshape(sample.w, [-1]), ...(sample.bias ? [sample.bias] : [])];
      return tf.sub(sample.logQ, this.prior.logProb(tf.concat(entries)));
    });
  }

  /** Every mu and rho: 2 m n (+ 2 n with the bias). */
  get paramCount(): number {
    return 2 * (this.w.size + (this.bias?.size ?? 0));
  }

  namedVariables(prefix: string): NamedVariable[] {
    return posteriorVariables(prefix, this.posteriors);
  }

  get trainableVariables(): tf.Variable[] {
    return this.posteriors.flatMap(([, p]) => p.variables);
  }

  meanWeight(): tf.Tensor2D {
    return tf.clone(this.w.mu) as tf.Tensor2D;
  }

  dispose(): void {
    for (const [, p] of this.posteriors) p.dispose();
  }
}
