import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@shared/math/random';
import type { NamedVariable } from '../bayesian-model';
import { drawNoise, ownedPosterior } from '../gaussian-posterior';
import type { GaussianPosterior } from '../gaussian-posterior';
import type { WeightDraw } from '../gaussian-posterior';
import { inverseSoftplus } from '@shared/math/softplus';
import type { Prior } from '../priors/prior';
import { initialBiasMean, initialStd, initialWeight, posteriorVariables } from './dense-layer';
import type { DenseLayer, DenseLayerOptions, DenseSample, FullWeights } from './dense-layer';
import { FullWeightsDense } from './full-weights';

/**
 * Full-rank Bayes by Backprop (METHOD.md section 5): a mean-field Gaussian on every entry of W
 * (m x n) and of the bias, under the same prior and the same Monte Carlo KL as the low-rank layer.
 * Initial mu: N(0, sigma_W^2) with the He or Glorot variance; initial sigma eta sigma_W.
 */
export class FullRankDense extends FullWeightsDense implements DenseLayer<FullWeights> {
  readonly method = 'bbb';
  readonly prior: Prior;
  readonly w: GaussianPosterior;
  readonly bias: GaussianPosterior | null;

  constructor(options: DenseLayerOptions) {
    super(options);
    this.prior = options.prior;
    const sigma = (options.eta ?? 0.1) * initialStd(options);
    this.w = ownedPosterior(
      initialWeight(options),
      tf.fill([this.inputDim, this.outputDim], inverseSoftplus(sigma))
    );
    this.bias =
      options.bias === false
        ? null
        : ownedPosterior(initialBiasMean(options), tf.fill([this.outputDim], options.biasRho ?? -5));
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
      const noise = drawNoise(draw);
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
