import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@shared/math/random';
import { drawNoise } from '../gaussian-posterior';
import type { GaussianPosterior, WeightDraw } from '../gaussian-posterior';
import type { Prior } from '../priors/prior';
import { LowRankDense, disposeSample, factorInit, factorPosterior } from './low-rank-dense';
import type { LowRankDenseSample, LowRankDenseWeights } from './low-rank-dense';
import { lstmInferenceCell, lstmRecurrence, projectionSteps, tanhBySigmoid } from './lstm-layer';
import type { LstmInferenceCell, LstmLayer, LstmPass } from './lstm-layer';
import { denseMatrix, posteriorVariables } from './dense-layer';
import type { NamedVariable, WeightMatrix } from '../bayesian-model';

export interface LowRankLstmOptions {
  /** d_in: features per time step. */
  inputDim: number;
  /** H: hidden units; the gates are 4H wide. */
  hidden: number;
  /** Rank of W_ih (d_in x 4H). */
  rankIh: number;
  /** Rank of W_hh (H x 4H). */
  rankHh: number;
  /** Prior on every factor and bias entry. */
  prior: Prior;
  /** Seed of the initial mu values. */
  seed: number;
  /** Factor on the std of the initial mu entries (METHOD.md section 2). Default 0.6. */
  damping?: number;
  /** 'lr-svd' for the same layer whose factors initFromSvd sets (METHOD.md section 5). Default 'sbnn'. */
  method?: 'sbnn' | 'lr-svd';
}

/**
 * One draw of the layer: W_ih's factors and the gate bias (a LowRankDense draw), and W_hh's factors
 * aHh [H, r_hh], bHh [4H, r_hh]. Stacked draws (drawMany) add a leading sample axis S to each.
 */
export type LowRankLstmWeights = {
  ih: LowRankDenseWeights;
  aHh: tf.Tensor;
  bHh: tf.Tensor;
};

/** A draw with log q of W_hh's factors at it (W_ih's log q is inside `ih`), for the KL on the same draw. */
export type LowRankLstmSample = LowRankLstmWeights & {
  ih: LowRankDenseSample;
  logQHh: tf.Scalar;
};

/** Standard normal noise of one draw: the shapes of A_ih, B_ih, the bias, A_hh, B_hh. */
export type LowRankLstmNoise = LowRankLstmWeights;

/** Rows per step from which the factored recurrent product beats forming W_hh (measured on wasm). */
const FACTORED_RECURRENCE_ROWS = 256;

export function disposeLstmSample(sample: LowRankLstmWeights | LowRankLstmSample): void {
  disposeSample(sample.ih);
  tf.dispose([sample.aHh, sample.bHh, 'logQHh' in sample ? sample.logQHh : null].filter((t) => t !== null));
}

/**
 * An LSTM layer whose input-to-gates W_ih (d_in x 4H) and hidden-to-gates W_hh (H x 4H) are low-rank
 * Bayesian matrices with their own ranks (METHOD.md section 3). Gates are packed [i, f, g, o] along
 * the 4H axis as in PyTorch's nn.LSTM: z_t = x_t W_ih + h_{t-1} W_hh + b, i = sigma(z_i),
 * f = sigma(z_f), g = tanh(z_g), o = sigma(z_o), c_t = f c_{t-1} + i g, h_t = o tanh(c_t).
 * One Bayesian gate bias b (4H; mu of the forget block 1, the rest 0) stands for PyTorch's
 * b_ih + b_hh, which only ever appear summed.
 *
 * A draw is made once per forward call and applied at every time step; the KL is that draw's.
 */
export class LowRankLSTM implements LstmLayer {
  readonly inputDim: number;
  readonly hidden: number;
  readonly prior: Prior;
  /** W_ih = A_ih B_ih^T with the gate bias. */
  readonly inputToGates: LowRankDense;
  /** A_hh [H, r_hh] of W_hh = A_hh B_hh^T. */
  readonly aHh: GaussianPosterior;
  /** B_hh [4H, r_hh]. */
  readonly bHh: GaussianPosterior;

  constructor(options: LowRankLstmOptions) {
    const { inputDim, hidden: h, rankIh, rankHh } = options;
    for (const [name, v] of [
      ['inputDim', inputDim],
      ['hidden', h],
      ['rankHh', rankHh]
    ] as const) {
      if (!Number.isInteger(v) || v < 1)
        throw new Error(`LowRankLSTM needs a positive integer ${name}, got ${v}.`);
    }
    this.inputDim = inputDim;
    this.hidden = h;
    this.prior = options.prior;
    const rng = createRng(options.seed);
    // Forget-gate bias 1 (METHOD.md section 3): the cell keeps its state early in training.
    const biasMu = Array.from({ length: 4 * h }, (_, j) => (j >= h && j < 2 * h ? 1 : 0));
    // Glorot: the gates feed sigmoid / tanh, not ReLU.
    this.inputToGates = new LowRankDense({
      inputDim,
      outputDim: 4 * h,
      rank: rankIh,
      prior: options.prior,
      seed: rng.seed(),
      init: 'glorot',
      damping: options.damping,
      biasMu,
      method: options.method
    });
    const hh = factorInit(h, 4 * h, rankHh, 'glorot', options.damping);
    this.aHh = factorPosterior(h, rankHh, hh, rng.seed());
    this.bHh = factorPosterior(4 * h, rankHh, hh, rng.seed());
  }

  /** One draw of every factor and the bias: seeded (independent seeds per part) or the means. */
  draw(draw: WeightDraw): LowRankLstmSample {
    return tf.tidy(() => {
      const noise = drawNoise(draw);
      const ih = this.inputToGates;
      return this.drawWithNoise({
        ih: { a: noise(ih.a.shape), b: noise(ih.b.shape), bias: noise(ih.bias.shape) },
        aHh: noise(this.aHh.shape),
        bHh: noise(this.bHh.shape)
      });
    });
  }

  /** The draw of given standard normal noise (for reference checks and fixed-noise gradients). */
  drawWithNoise(noise: LowRankLstmNoise): LowRankLstmSample {
    return tf.tidy(() => ({
      ih: this.inputToGates.drawWithNoise(noise.ih),
      aHh: this.aHh.reparameterize(noise.aHh),
      bHh: this.bHh.reparameterize(noise.bHh),
      logQHh: tf.add<tf.Scalar>(this.aHh.logQOfNoise(noise.aHh), this.bHh.logQOfNoise(noise.bHh))
    }));
  }

  /** S independent draws stacked on a leading axis (for prediction: inferenceMany). */
  drawMany(count: number, seed: number): LowRankLstmWeights {
    const rng = createRng(seed);
    return {
      ih: this.inputToGates.drawMany(count, rng.seed()),
      aHh: this.aHh.sampleMany(count, rng.seed()),
      bHh: this.bHh.sampleMany(count, rng.seed())
    };
  }

  /**
   * Runs the recurrence over `steps` time steps with ONE plain draw shared by all of them:
   * x time-major [steps * B, d_in] -> `steps` hidden states [B, H]. The input projection
   * x W_ih + b of all steps is one product (rows steps * B); each step then costs only the
   * recurrent product and the gates. B_hh^T is transposed once per call because transposed
   * products are slow on wasm.
   */
  run(x: tf.Tensor, steps: number, sample: LowRankLstmWeights): tf.Tensor[] {
    const projected = this.inputToGates.apply(x, sample.ih); // [steps B, 4H]
    const rows = (projected.shape[0] ?? 0) / steps;
    const perStep = projectionSteps(projected, steps);
    // The recurrent product h W_hh (METHOD.md section 1: form W only when that is cheaper). With few
    // rows (training batches) the per-op overhead of tfjs dominates: forming W_hh = A_hh B_hh^T once
    // per call ([H, 4H]) leaves one product per step, and two fewer in backprop. With many rows
    // (validation chunks) flops dominate and h A_hh B_hh^T costs r_hh 5H instead of 4H^2 per row
    // (wasm, H 64, r 20: 0.24 vs 0.37 ms at 64 rows, 3.1 vs 1.4 ms at 1,170 rows).
    const bT = tf.transpose(sample.bHh); // [r, 4H]
    const factored = rows >= FACTORED_RECURRENCE_ROWS;
    const wHh = steps > 1 && !factored ? tf.matMul(sample.aHh, bT) : null; // [H, 4H]
    const recurrent = (hp: tf.Tensor): tf.Tensor =>
      wHh ? tf.matMul(hp, wHh) : tf.matMul(tf.matMul(hp, sample.aHh), bT);
    // Large chunks are bound by the elementwise kernels, and wasm's tanh is ~7x slower than its
    // sigmoid ([1,170, 64]: 3.2 vs 0.43 ms): use tanh(v) = 2 sigmoid(2 v) - 1 there.
    return lstmRecurrence(perStep, recurrent, factored ? tanhBySigmoid : tf.tanh);
  }

  /** Monte Carlo KL log q - log p of W_ih, the bias and W_hh on the draw (METHOD.md section 2). */
  kl(sample: LowRankLstmSample): tf.Scalar {
    return tf.tidy(() => {
      const hh = tf.concat([tf.reshape(sample.aHh, [-1]), tf.reshape(sample.bHh, [-1])]);
      return tf.add(this.inputToGates.kl(sample.ih), tf.sub(sample.logQHh, this.prior.logProb(hh)));
    });
  }

  pass(draw: WeightDraw): LstmPass {
    const sample = this.draw(draw);
    return {
      run: (x, steps) => this.run(x, steps, sample),
      kl: () => this.kl(sample),
      dispose: () => disposeLstmSample(sample)
    };
  }

  /** The gates [S, B, H] or their inputs [x_t A_ih, h A_hh] [S, B, r_ih + r_hh]. */
  get inferenceFloatsPerRecord(): number {
    return Math.max(this.hidden, this.inputToGates.rank + (this.aHh.shape[1] ?? 0));
  }

  /**
   * S draws for prediction (the same draws as drawMany's), every step batched over them:
   * P_in = A_ih, P_rec = A_hh and M = [B_ih^T; B_hh^T] (lstmInferenceCell).
   */
  inferenceMany(count: number, seed: number): LstmInferenceCell {
    const w = this.drawMany(count, seed);
    const inputGates = tf.transpose(w.ih.b, [0, 2, 1]); // B_ih^T [S, r_ih, 4H]
    const recurrentGates = tf.transpose(w.bHh, [0, 2, 1]); // B_hh^T [S, r_hh, 4H]
    tf.dispose([w.ih.b, w.bHh]);
    return lstmInferenceCell({
      inputProjection: w.ih.a,
      recurrentProjection: w.aHh,
      inputGates,
      recurrentGates,
      bias: w.ih.bias
    });
  }

  namedVariables(prefix: string): NamedVariable[] {
    return posteriorVariables(prefix, this.posteriors);
  }

  weightMatrices(prefix: string): WeightMatrix[] {
    const { aHh, bHh, hidden: h } = this;
    return [
      denseMatrix(`${prefix}.ih`, this.inputToGates),
      {
        name: `${prefix}.hh`,
        rows: h,
        cols: 4 * h,
        rank: aHh.shape[1] ?? 0,
        meanWeight: () => tf.matMul(aHh.mu, bHh.mu, false, true),
        factors: { a: aHh, b: bHh }
      }
    ];
  }

  /** Every mu and rho: 2 r_ih (d_in + 4H) + 2 * 4H + 2 r_hh (H + 4H). */
  get paramCount(): number {
    return this.inputToGates.paramCount + 2 * (this.aHh.size + this.bHh.size);
  }

  /** Posteriors by role, in a fixed order (serialization relies on it). */
  get posteriors(): ReadonlyArray<readonly [name: string, posterior: GaussianPosterior]> {
    return [
      ...this.inputToGates.posteriors.map(([role, p]) => [`ih.${role}`, p] as const),
      ['hh.a', this.aHh],
      ['hh.b', this.bHh]
    ];
  }

  get trainableVariables(): tf.Variable[] {
    return this.posteriors.flatMap(([, p]) => p.variables);
  }

  dispose(): void {
    this.inputToGates.dispose();
    this.aHh.dispose();
    this.bHh.dispose();
  }
}
