import * as tf from '@tensorflow/tfjs-core';
import type { BayesianModel, RecordArray } from './bayesian-model';
import { predictionChunkRows, recordSize } from './bayesian-model';
import type { ClassificationLikelihood, Likelihood, RegressionLikelihood } from './likelihoods/likelihood';
import { centralIntervalZ } from './math/normal-quantile';
import { quantileOfDescending } from './math/quantile';

export interface PredictOptions {
  /**
   * S: Monte Carlo weight draws requested (METHOD.md section 4; the app's default is 100). The model
   * decides how many it makes (WeightSamples.count): one for a deterministic network, one per member
   * for an ensemble; every formula runs over those.
   */
  samples: number;
  /**
   * Records per forward pass; activations take S x batchSize x model.activationFloatsPerRecord
   * floats. Default: as many as keep that at about 4M floats (16 MB), since larger chunks amortize
   * the per-call cost of the batched products.
   */
  batchSize?: number;
  /** Seeds the S draws; the same seed gives the same predictions. */
  seed: number;
  /** Nominal coverage of the intervals, e.g. 0.95. */
  intervalLevel: number;
}

/** Per-record predictive summaries; every array has one entry per record unless stated. */
export type Predictive =
  | {
      kind: 'classification';
      /** [n, classes] row-major: p_bar, the mean over draws of the class probabilities. */
      probs: Float32Array;
      classes: number;
      /** Interval over draws of P(positive class) (binary) or P(predicted class) (multiclass). */
      lower: Float32Array;
      upper: Float32Array;
      /** H[p_bar] (nats). */
      total: Float32Array;
      /** E_s H[p_s] (nats). */
      aleatoric: Float32Array;
      /** Mutual information H[p_bar] - E_s H[p_s] (nats), clamped at 0 against rounding. */
      epistemic: Float32Array;
    }
  | {
      kind: 'regression';
      /** Mean of the draws' means (standardized units, as everything here). */
      mean: Float32Array;
      /** Std over draws of the means (population, 1/S). */
      epistemicStd: Float32Array;
      noiseStd: Float32Array;
      /** sqrt(epistemicStd^2 + noiseStd^2). */
      totalStd: Float32Array;
      /** mean -/+ z totalStd with z the normal quantile of the interval level. */
      lower: Float32Array;
      upper: Float32Array;
    };

/** Shannon entropy over the last axis (nats), with 0 log 0 = 0: [..., K] -> [...]. */
function entropy(p: tf.Tensor): tf.Tensor {
  return tf.neg(tf.sum(tf.mul(p, tf.log(tf.maximum(p, 1e-30))), -1));
}

/**
 * Monte Carlo predictive distribution (METHOD.md section 4): S weight draws, made once and applied to
 * every chunk of records, each chunk evaluated for all S draws at once ([S, B, ...] tensors).
 * x: [n, ...model.input.shape] row-major (Int32Array for int32 inputs).
 */
export function predict(
  model: BayesianModel,
  likelihood: Likelihood,
  x: RecordArray,
  n: number,
  options: PredictOptions
): Predictive {
  const { shape, dtype } = model.input;
  const d = recordSize(model.input);
  if (x.length !== n * d)
    throw new Error(`predict: x holds ${x.length} values, expected ${n} x [${shape.join(', ')}].`);
  if (x instanceof Int32Array !== (dtype === 'int32'))
    throw new Error(`predict: the model reads ${dtype} records.`);
  if (!Number.isInteger(options.samples) || options.samples < 1)
    throw new Error('predict: samples must be >= 1.');
  const z = centralIntervalZ(options.intervalLevel);
  const draws = model.drawSamples(options.samples, options.seed);
  try {
    const batchSize =
      options.batchSize !== undefined
        ? Math.max(1, Math.floor(options.batchSize))
        : predictionChunkRows(model, draws.count);
    const handle =
      likelihood.task === 'classification'
        ? classificationCollector(likelihood, n, draws.count, options.intervalLevel)
        : regressionCollector(likelihood, n, z);
    for (let start = 0; start < n; start += batchSize) {
      const rows = Math.min(batchSize, n - start);
      tf.tidy(() => {
        const out = draws.apply(
          tf.tensor(x.subarray(start * d, (start + rows) * d), [rows, ...shape], dtype)
        );
        handle.add(start, rows, out);
      });
    }
    return handle.result();
  } finally {
    draws.dispose();
  }
}

interface Collector {
  add(start: number, rows: number, out: tf.Tensor3D): void;
  result(): Predictive;
}

/** s: the draws actually made (WeightSamples.count). */
function classificationCollector(
  likelihood: ClassificationLikelihood,
  n: number,
  s: number,
  intervalLevel: number
): Collector {
  const k = likelihood.classes;
  const probs = new Float32Array(n * k);
  const lower = new Float32Array(n);
  const upper = new Float32Array(n);
  const total = new Float32Array(n);
  const aleatoric = new Float32Array(n);
  const epistemic = new Float32Array(n);
  const tailMass = (1 - intervalLevel) / 2;
  return {
    add(start, rows, out) {
      const ps = likelihood.probabilities(out); // [S, B, K]
      const pBar = tf.mean(ps, 0); // [B, K]
      const h = entropy(pBar); // [B]
      const eh = tf.mean(entropy(ps), 0); // [B]
      // Binary: the interval is on P(y = 1); multiclass: on the probability of the predicted class.
      const cls = k === 2 ? tf.onesLike(tf.argMax(pBar, -1)) : tf.argMax(pBar, -1); // [B]
      const chosen = tf.sum(tf.mul(ps, tf.oneHot(cls, k)), -1); // [S, B]
      const sorted = tf.topk(tf.transpose(chosen), s, true).values; // [B, S], descending
      probs.set(pBar.dataSync(), start * k);
      const hv = h.dataSync();
      const ehv = eh.dataSync();
      const sv = sorted.dataSync() as Float32Array;
      for (let i = 0; i < rows; i++) {
        const t = hv[i] ?? NaN;
        const a = ehv[i] ?? NaN;
        total[start + i] = t;
        aleatoric[start + i] = a;
        epistemic[start + i] = Math.max(t - a, 0);
        lower[start + i] = quantileOfDescending(sv, i * s, s, tailMass);
        upper[start + i] = quantileOfDescending(sv, i * s, s, 1 - tailMass);
      }
    },
    result: () => ({ kind: 'classification', probs, classes: k, lower, upper, total, aleatoric, epistemic })
  };
}

function regressionCollector(likelihood: RegressionLikelihood, n: number, z: number): Collector {
  const noise = likelihood.noiseStd();
  const mean = new Float32Array(n);
  const epistemicStd = new Float32Array(n);
  const noiseStd = new Float32Array(n);
  const totalStd = new Float32Array(n);
  const lower = new Float32Array(n);
  const upper = new Float32Array(n);
  return {
    add(start, rows, out) {
      const means = likelihood.mean(out); // [S, B]
      const m = tf.mean(means, 0); // [B]
      const variance = tf.mean(tf.square(tf.sub(means, m)), 0); // [B], population variance over draws
      const mv = m.dataSync();
      const vv = variance.dataSync();
      for (let i = 0; i < rows; i++) {
        const mu = mv[i] ?? NaN;
        const v = vv[i] ?? NaN;
        const sd = Math.sqrt(v + noise * noise);
        mean[start + i] = mu;
        epistemicStd[start + i] = Math.sqrt(v);
        noiseStd[start + i] = noise;
        totalStd[start + i] = sd;
        lower[start + i] = mu - z * sd;
        upper[start + i] = mu + z * sd;
      }
    },
    result: () => ({ kind: 'regression', mean, epistemicStd, noiseStd, totalStd, lower, upper })
  };
}
