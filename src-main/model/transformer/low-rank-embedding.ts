import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@shared/math/random';
import { drawNoise } from '../gaussian-posterior';
import type { GaussianPosterior } from '../gaussian-posterior';
import type { WeightDraw } from '../gaussian-posterior';
import type { NamedVariable, WeightMatrix } from '../bayesian-model';
import { posteriorVariables } from '../layers/dense-layer';
import { factorPosterior } from '../layers/low-rank-dense';
import { inverseSoftplus } from '@shared/math/softplus';
import type { Prior } from '../priors/prior';
import type { TokenEmbedding } from './token-embedding';

export interface LowRankEmbeddingOptions {
  /** V: rows of E (token ids 0 .. V-1). */
  vocabSize: number;
  /** d: columns of E (the model width). */
  dim: number;
  /** r: inner dimension of A_emb (V x r) and B_emb (d x r). */
  rank: number;
  prior: Prior;
  /** Seed of the initial mu values. */
  seed: number;
  /** Factor on the std of the initial mu entries (as LowRankDense). Default 0.6. */
  damping?: number;
  /** Initial sigma of A and B entries as a fraction of the matched std (METHOD.md: about 0.1). Default 0.1. */
  eta?: number;
}

/**
 * The token ids of a batch reduced to their distinct values: `unique` (ascending) are the rows of
 * A_emb the batch needs, `positions` maps every token to its row in `unique`.
 */
export interface BatchTokens {
  /** [B, L] */
  shape: [number, number];
  /** [U] distinct ids, ascending. */
  unique: Int32Array;
  /** [B L] index into `unique` for every token, row-major. */
  positions: Int32Array;
}

/**
 * One draw of the embedding. The noise of A_emb covers the whole factor ([V, r], or [S, V, r] when
 * stacked) so that a draw depends on its seed only, never on which tokens a batch holds; only the
 * rows a batch uses are reparameterized and multiplied (`embed`). b is the sampled B_emb ([d, r] or
 * [S, d, r]); epsB its noise (single draws only, for the KL). Owned by the caller.
 */
export type EmbeddingDraw = {
  epsA: tf.Tensor;
  b: tf.Tensor;
  epsB?: tf.Tensor;
};

/**
 * The distinct ids of a batch of token ids (row-major values of a [B, L] batch); throws on ids
 * outside [0, V).
 */
export function batchTokens(
  values: ArrayLike<number>,
  shape: [number, number],
  vocabSize: number
): BatchTokens {
  const rowOf = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? NaN;
    if (!Number.isInteger(v) || v < 0 || v >= vocabSize) {
      throw new Error(`Token id ${v} is outside the vocabulary [0, ${vocabSize}).`);
    }
    rowOf.set(v, 0);
  }
  const unique = Int32Array.from(rowOf.keys()).sort();
  unique.forEach((id, i) => rowOf.set(id, i));
  const positions = Int32Array.from(values, (v) => rowOf.get(v) ?? 0);
  return { shape, unique, positions };
}

export function disposeEmbeddingDraw(draw: EmbeddingDraw): void {
  tf.dispose([draw.epsA, draw.b, ...(draw.epsB ? [draw.epsB] : [])]);
}

/**
 * Token embedding E (V x d) = A_emb B_emb^T with Gaussian posteriors on both factors (METHOD.md
 * section 3). Batch sparsity: a batch reparameterizes only the rows of A_emb for its distinct ids,
 * U x r instead of V x r, and forms only U rows of E.
 */
export class LowRankEmbedding implements TokenEmbedding<EmbeddingDraw> {
  readonly vocabSize: number;
  readonly dim: number;
  readonly rank: number;
  readonly prior: Prior;
  readonly a: GaussianPosterior;
  readonly b: GaussianPosterior;

  constructor(options: LowRankEmbeddingOptions) {
    const { vocabSize: v, dim: d, rank: r } = options;
    for (const [name, value] of [
      ['vocabSize', v],
      ['dim', d],
      ['rank', r]
    ] as const) {
      if (!Number.isInteger(value) || value < 1)
        throw new Error(`LowRankEmbedding needs a positive integer ${name}, got ${value}.`);
    }
    this.vocabSize = v;
    this.dim = d;
    this.rank = r;
    this.prior = options.prior;
    const damping = options.damping ?? 0.6;
    const eta = options.eta ?? 0.1;
    // Variance matching as LowRankDense (METHOD.md section 2) with target Var(E_ij) = 1 / d (ours):
    // the residual stream starts at unit scale per position, whatever the vocabulary size.
    const factorStd = Math.pow(1 / d / r, 0.25);
    const init = { muStd: factorStd * damping, rho: inverseSoftplus(eta * factorStd) };
    const rng = createRng(options.seed);
    const [seedA, seedB] = [rng.seed(), rng.seed()];
    this.a = factorPosterior(v, r, init, seedA);
    this.b = factorPosterior(d, r, init, seedB);
  }

  /** One draw: seeded noise for all of A_emb and for B_emb, or zero noise (the means) for 'mean'. */
  draw(draw: WeightDraw): EmbeddingDraw {
    return tf.tidy(() => {
      const noise = drawNoise(draw);
      return this.drawWithNoise(noise(this.a.shape), noise(this.b.shape));
    });
  }

  /** The draw of given standard normal noise epsA [V, r], epsB [d, r] (fixed-noise checks). */
  drawWithNoise(epsA: tf.Tensor, epsB: tf.Tensor): EmbeddingDraw {
    return tf.tidy(() => ({ epsA: tf.clone(epsA), b: this.b.reparameterize(epsB), epsB: tf.clone(epsB) }));
  }

  /** S independent draws for prediction: epsA [S, V, r], b [S, d, r]. */
  drawMany(count: number, seed: number): EmbeddingDraw {
    return tf.tidy(() => {
      const rng = createRng(seed);
      const epsA = tf.randomNormal([count, ...this.a.shape], 0, 1, 'float32', rng.seed());
      return { epsA, b: this.b.sampleMany(count, rng.seed()) };
    });
  }

  /**
   * The sampled rows of A_emb for the ids `unique` [U]: mu[u] + softplus(rho[u]) * eps[u], only
   * U x r entries reparameterized. [U, r] for a single draw, [S, U, r] for a stacked one.
   */
  sampleRows(unique: Int32Array, draw: EmbeddingDraw): tf.Tensor {
    return tf.tidy(() => {
      const ids = tf.tensor1d(unique, 'int32');
      const mu = tf.gather(this.a.mu, ids); // [U, r]
      const sigma = tf.softplus(tf.gather(this.a.rho, ids)); // [U, r]
      const eps = tf.gather(draw.epsA, ids, draw.epsA.rank - 2); // [U, r] or [S, U, r]
      return tf.add(mu, tf.mul(sigma, eps));
    });
  }

  /**
   * Embeds a batch: the sampled A_emb rows of the distinct ids only, one row per token, then times
   * B_emb^T. Gathering the r-wide factor rows rather than the d-wide rows of E moves r / d of the
   * data (gather is slow on wasm: ~100 ns per element) and gives the same products, row by row.
   * Single draw -> [B, L, d]; stacked draw -> [S, B, L, d].
   */
  embed(tokens: BatchTokens, draw: EmbeddingDraw): tf.Tensor {
    return tf.tidy(() => {
      const stacked = draw.b.rank === 3;
      const rows = this.sampleRows(tokens.unique, draw); // [U, r] or [S, U, r]
      const positions = tf.tensor1d(tokens.positions, 'int32');
      const perToken = tf.gather(rows, positions, stacked ? 1 : 0); // [B L, r] or [S, B L, r]
      // B_emb^T made explicit once ([r, d], tiny), so the product below is a plain matMul.
      const bT = tf.transpose(draw.b, stacked ? [0, 2, 1] : [1, 0]);
      const embedded = tf.matMul(perToken, bT); // [B L, d] or [S, B L, d]
      const [batch, length] = tokens.shape;
      return tf.reshape(embedded, stacked ? [-1, batch, length, this.dim] : [batch, length, this.dim]);
    });
  }

  /**
   * Monte Carlo KL log q - log p of the WHOLE factor pair on one draw (METHOD.md section 2): the
   * rows the batch used enter with exactly the values that produced the likelihood, the other rows
   * with their share of the same draw. This is an unbiased estimate of KL(q(A, B) || p(A, B)) for
   * the whole factor with the lowest variance of the Monte Carlo choices, and it is cheap: V r
   * entrywise operations, the order of what Adam spends updating mu and rho of A_emb every step
   * anyway. Single draws only; for 'mean' it is the plug-in value at the means.
   */
  kl(draw: EmbeddingDraw): tf.Scalar {
    return tf.tidy(() => {
      if (draw.epsB === undefined)
        throw new Error('The KL needs a single draw (from draw or drawWithNoise).');
      const fullA = this.a.reparameterize(draw.epsA); // [V, r]
      const logQ = tf.add(this.a.logQOfNoise(draw.epsA), this.b.logQOfNoise(draw.epsB));
      const all = tf.concat([tf.reshape(fullA, [-1]), tf.reshape(draw.b, [-1])]);
      return tf.sub(logQ, this.prior.logProb(all));
    });
  }

  disposeDraw(draw: EmbeddingDraw): void {
    disposeEmbeddingDraw(draw);
  }

  namedVariables(prefix: string): NamedVariable[] {
    return posteriorVariables(prefix, this.posteriors);
  }

  /** E = A_emb B_emb^T (V x d) with its factors. */
  weightMatrix(name: string): WeightMatrix {
    const { a, b } = this;
    return {
      name,
      rows: this.vocabSize,
      cols: this.dim,
      rank: this.rank,
      meanWeight: () => tf.matMul(a.mu, b.mu, false, true),
      factors: { a, b }
    };
  }

  /** Every mu and rho of A_emb and B_emb (METHOD.md section 1): 2 r (V + d). */
  get paramCount(): number {
    return 2 * (this.a.size + this.b.size);
  }

  get posteriors(): ReadonlyArray<readonly [name: string, posterior: GaussianPosterior]> {
    return [
      ['a', this.a],
      ['b', this.b]
    ];
  }

  get trainableVariables(): tf.Variable[] {
    return [...this.a.variables, ...this.b.variables];
  }

  dispose(): void {
    this.a.dispose();
    this.b.dispose();
  }
}
