import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@shared/math/random';
import { ownedPosterior } from '../gaussian-posterior';
import type { GaussianPosterior } from '../gaussian-posterior';
import type { WeightDraw } from '../gaussian-posterior';
import { inverseSoftplus } from '@shared/math/softplus';
import type { NamedVariable } from '../bayesian-model';
import type { Prior } from '../priors/prior';
import { addBias, posteriorVariables, sharedInputMatMul, weightVariance } from './dense-layer';
import type { DenseLayer, DenseLayerOptions, LowRankWeights, VarianceInit } from './dense-layer';

export type { VarianceInit } from './dense-layer';

/** A low-rank layer always has its Bayesian bias (the LSTM's bias-free W_hh keeps its own factors). */
export interface LowRankDenseOptions extends Omit<DenseLayerOptions, 'bias'> {
  /** r: shared inner dimension of A (m x r) and B (n x r); 1 <= r. */
  rank: number;
  /** Factor on the std of the initial mu entries (paper: 0.3 to 0.85). Default 0.6. */
  damping?: number;
  /** 'lr-svd' for the same model whose factors initFromSvd sets (METHOD.md section 5). Default 'sbnn'. */
  method?: 'sbnn' | 'lr-svd';
}

/** Initial mu std and rho of the factor entries of a rank-r factorization of an m x n W. */
export interface FactorInit {
  /** Std of the initial mu entries (damping included). */
  muStd: number;
  /** Initial rho of every entry. */
  rho: number;
}

/**
 * Variance matching (METHOD.md section 2): Var(W_ij) = r Var(A) Var(B) when A and B have iid
 * zero-mean entries, so a factor std of (sigma_W^2 / r)^(1/4) gives A B^T the He (2 / m) or Glorot
 * (2 / (m + n)) variance sigma_W^2; mu is damped, sigma starts at eta times that std.
 */
export function factorInit(
  m: number,
  n: number,
  r: number,
  init: VarianceInit,
  damping = 0.6,
  eta = 0.1
): FactorInit {
  const sigmaW2 = weightVariance(m, n, init);
  const factorStd = Math.pow(sigmaW2 / r, 0.25);
  return { muStd: factorStd * damping, rho: inverseSoftplus(eta * factorStd) };
}

/** A [rows, r] factor posterior with N(0, muStd^2) initial means and constant rho. */
export function factorPosterior(rows: number, r: number, init: FactorInit, seed: number): GaussianPosterior {
  return ownedPosterior(
    tf.randomNormal([rows, r], 0, init.muStd, 'float32', seed),
    tf.fill([rows, r], init.rho)
  );
}

/**
 * Weights to apply: a [m, r], b [n, r], bias [n] for one draw; stacked draws (drawMany) add a
 * leading sample axis S to each. Owned by the caller, who disposes them.
 */
export type LowRankDenseWeights = LowRankWeights;

/** One draw of A, B and the bias with log q of that draw, for the Monte Carlo KL on the same sample. */
export type LowRankDenseSample = LowRankDenseWeights & { logQ: tf.Scalar };

export function disposeSample(sample: LowRankDenseWeights | LowRankDenseSample): void {
  tf.dispose(
    ['logQ' in sample ? sample.logQ : null, sample.a, sample.b, sample.bias].filter((t) => t !== null)
  );
}

/**
 * A dense layer whose weight W (m x n) is A B^T (METHOD.md section 1) with Gaussian posteriors on A,
 * B and a Bayesian bias. Drawing and applying are separate steps so a recurrent layer can draw once
 * per batch and apply the same draw at every time step (METHOD.md section 3).
 */
export class LowRankDense implements DenseLayer<LowRankWeights> {
  readonly method: 'sbnn' | 'lr-svd';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly rank: number;
  readonly prior: Prior;
  readonly a: GaussianPosterior;
  readonly b: GaussianPosterior;
  readonly bias: GaussianPosterior;

  constructor(options: LowRankDenseOptions) {
    const { inputDim: m, outputDim: n, rank: r } = options;
    for (const [name, v] of [
      ['inputDim', m],
      ['outputDim', n],
      ['rank', r]
    ] as const) {
      if (!Number.isInteger(v) || v < 1)
        throw new Error(`LowRankDense needs a positive integer ${name}, got ${v}.`);
    }
    this.method = options.method ?? 'sbnn';
    this.inputDim = m;
    this.outputDim = n;
    this.rank = r;
    this.prior = options.prior;
    const biasRho = options.biasRho ?? -5;
    const init = factorInit(m, n, r, options.init ?? 'he', options.damping, options.eta);
    const rng = createRng(options.seed);
    const [seedA, seedB] = [rng.seed(), rng.seed()];
    this.a = factorPosterior(m, r, init, seedA);
    this.b = factorPosterior(n, r, init, seedB);
    if (options.biasMu && options.biasMu.length !== n)
      throw new Error(`LowRankDense: biasMu needs ${n} values, got ${options.biasMu.length}.`);
    this.bias = ownedPosterior(
      options.biasMu ? tf.tensor1d(options.biasMu) : tf.zeros([n]),
      tf.fill([n], biasRho)
    );
  }

  /**
   * Draws A, B and the bias once: a reparameterized sample for a seed (three independent seeds
   * derived from it), or the posterior means for 'mean' (the sample of eps = 0).
   */
  draw(draw: WeightDraw): LowRankDenseSample {
    return tf.tidy(() => {
      if (draw === 'mean')
        return this.drawWithNoise({
          a: tf.zeros(this.a.shape),
          b: tf.zeros(this.b.shape),
          bias: tf.zeros(this.bias.shape)
        });
      const rng = createRng(draw);
      const noise = (shape: number[]): tf.Tensor => tf.randomNormal(shape, 0, 1, 'float32', rng.seed());
      return this.drawWithNoise({
        a: noise(this.a.shape),
        b: noise(this.b.shape),
        bias: noise(this.bias.shape)
      });
    });
  }

  /** The draw of given standard normal noise (shapes of A, B and the bias); for reference checks and fixed-noise gradients. */
  drawWithNoise(noise: LowRankDenseWeights): LowRankDenseSample {
    return tf.tidy(() => ({
      a: this.a.reparameterize(noise.a),
      b: this.b.reparameterize(noise.b),
      bias: this.bias.reparameterize(noise.bias),
      logQ: tf.addN([
        this.a.logQOfNoise(noise.a),
        this.b.logQOfNoise(noise.b),
        this.bias.logQOfNoise(noise.bias)
      ])
    }));
  }

  /** S independent draws stacked on a leading axis: a [S, m, r], b [S, n, r], bias [S, n] (for prediction). */
  drawMany(count: number, seed: number): LowRankDenseWeights {
    const rng = createRng(seed);
    return {
      a: this.a.sampleMany(count, rng.seed()),
      b: this.b.sampleMany(count, rng.seed()),
      bias: this.bias.sampleMany(count, rng.seed())
    };
  }

  /**
   * y = x A B^T + b (METHOD.md section 1). Computed as (x A) B^T, r (m + n) multiply-adds per row,
   * unless forming W = A B^T once (m n r) and then x W (m n per row) is cheaper for this batch.
   * Plain draw: x [B, m] -> y [B, n]. Stacked draw: x [B, m] or [S, B, m] -> y [S, B, n].
   */
  apply(x: tf.Tensor, sample: LowRankDenseWeights): tf.Tensor {
    return tf.tidy(() => {
      const stacked = sample.a.rank === 3;
      const rows = x.shape[x.rank - 2] ?? 0;
      const { inputDim: m, outputDim: n, rank: r } = this;
      const times =
        stacked && x.rank === 2 ? sharedInputMatMul : (p: tf.Tensor, q: tf.Tensor) => tf.matMul(p, q);
      const y =
        rows * r * (m + n) <= m * n * (r + rows)
          ? tf.matMul(times(x, sample.a), sample.b, false, true)
          : times(x, tf.matMul(sample.a, sample.b, false, true));
      return addBias(y, sample.bias);
    });
  }

  /**
   * Monte Carlo KL contribution log q(A, B, b) - log p(A, B, b), evaluated on the same draw that
   * produced the likelihood term (METHOD.md section 2). For a 'mean' draw it is the plug-in value at
   * the means, not a KL estimate.
   */
  kl(sample: LowRankDenseSample): tf.Scalar {
    return tf.tidy(() => {
      // One prior evaluation over all entries: the prior is the same on A, B and the bias.
      const all = tf.concat([
        tf.reshape(sample.a, [-1]),
        tf.reshape(sample.b, [-1]),
        tf.reshape(sample.bias, [-1])
      ]);
      return tf.sub(sample.logQ, this.prior.logProb(all));
    });
  }

  /** Rows of A B^T: A[ids] B^T, [U, n] or [S, U, n]. */
  rows(ids: tf.Tensor1D, { a, b }: LowRankDenseWeights): tf.Tensor {
    return tf.tidy(() => tf.matMul(tf.gather(a, ids, a.rank - 2), b, false, true));
  }

  get factors(): { a: GaussianPosterior; b: GaussianPosterior } {
    return { a: this.a, b: this.b };
  }

  /** The mean W = mu_A mu_B^T [m, n] (METHOD.md section 1). */
  meanWeight(): tf.Tensor2D {
    return tf.matMul(this.a.mu, this.b.mu, false, true);
  }

  namedVariables(prefix: string): NamedVariable[] {
    return posteriorVariables(prefix, this.posteriors);
  }

  /** Every mu and rho counts (METHOD.md section 1): 2 r (m + n) + 2 n. */
  get paramCount(): number {
    return 2 * (this.a.size + this.b.size + this.bias.size);
  }

  /** The layer's posteriors by role, in a fixed order (serialization relies on it). */
  get posteriors(): ReadonlyArray<readonly [name: string, posterior: GaussianPosterior]> {
    return [
      ['a', this.a],
      ['b', this.b],
      ['bias', this.bias]
    ];
  }

  get trainableVariables(): tf.Variable[] {
    return [...this.a.variables, ...this.b.variables, ...this.bias.variables];
  }

  dispose(): void {
    this.a.dispose();
    this.b.dispose();
    this.bias.dispose();
  }
}
