/**
 * The empirical risk L_hat(Q) of the Gibbs predictor (METHOD.md section 7): the mean, over S weight
 * draws from the posterior Q and over the training records, of a loss bounded in [0, 1], as the
 * McAllester bound requires.
 *   Classification: the 0-1 loss of each draw's most probable class.
 *   Regression: min(1, |y - mu_s| / 2) in standardized target units, mu_s the draw's predictive
 *   mean: the absolute error measured in units of two target standard deviations, clipped to 1.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BayesianModel, RecordArray } from '../model/bayesian-model';
import { predictionChunkRows, recordSize } from '../model/bayesian-model';
import type { Likelihood } from '../model/likelihoods/likelihood';

export const CLASSIFICATION_LOSS = "0-1 loss of each weight draw's most probable class";
export const REGRESSION_LOSS =
  'min(1, |y - mean| / 2) in standardized units: absolute error over 2 target standard deviations, clipped to [0, 1]';

export interface GibbsRiskOptions {
  /** S: weight draws. */
  samples: number;
  seed: number;
  /** Cap on the records evaluated: above it, maxRecords records evenly spaced over all n. */
  maxRecords?: number;
}

/**
 * x: [n, ...model.input.shape] row-major; y: [n] class indices (as floats) or standardized targets.
 * Records are evaluated in chunks sized as the predictor sizes them, every chunk seeing the same S
 * draws.
 */
export function gibbsRisk(
  model: BayesianModel,
  likelihood: Likelihood,
  x: RecordArray,
  y: Float32Array,
  n: number,
  options: GibbsRiskOptions
): { risk: number; loss: string } {
  const { shape, dtype } = model.input;
  const d = recordSize(model.input);
  if (!Number.isInteger(n) || n < 1) throw new Error(`gibbsRisk: needs at least one record, got n = ${n}.`);
  if (x.length !== n * d || y.length !== n) {
    throw new Error(
      `gibbsRisk: ${x.length} input values and ${y.length} targets for ${n} records of [${shape.join(', ')}].`
    );
  }
  if (!Number.isInteger(options.samples) || options.samples < 1)
    throw new Error('gibbsRisk: samples must be >= 1.');
  const { xs, ys, count } = evenlySpaced(x, y, n, d, options.maxRecords ?? n);
  const draws = model.drawSamples(options.samples, options.seed);
  const chunk = predictionChunkRows(model, draws.count);
  try {
    let total = 0;
    for (let start = 0; start < count; start += chunk) {
      const rows = Math.min(chunk, count - start);
      total += tf.tidy(() => {
        const out = draws.apply(
          tf.tensor(xs.subarray(start * d, (start + rows) * d), [rows, ...shape], dtype)
        );
        const target = tf.tensor1d(ys.subarray(start, start + rows)); // [B], broadcast over the draws
        const losses =
          likelihood.task === 'classification'
            ? tf.cast(
                tf.notEqual(tf.argMax(likelihood.probabilities(out), -1), tf.cast(target, 'int32')),
                'float32'
              )
            : tf.minimum(1, tf.div(tf.abs(tf.sub(likelihood.mean(out), target)), 2)); // [S, B]
        return tf.sum(losses).dataSync()[0] ?? NaN;
      });
    }
    return {
      risk: total / (draws.count * count),
      loss: likelihood.task === 'classification' ? CLASSIFICATION_LOSS : REGRESSION_LOSS
    };
  } finally {
    draws.dispose();
  }
}

/** At most `limit` records, indices floor(t n / limit) for t = 0..limit-1 (all of them when n <= limit). */
function evenlySpaced(
  x: RecordArray,
  y: Float32Array,
  n: number,
  d: number,
  limit: number
): { xs: RecordArray; ys: Float32Array; count: number } {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`gibbsRisk: maxRecords must be >= 1, got ${limit}.`);
  if (n <= limit) return { xs: x, ys: y, count: n };
  const xs = x instanceof Int32Array ? new Int32Array(limit * d) : new Float32Array(limit * d);
  const ys = new Float32Array(limit);
  for (let t = 0; t < limit; t++) {
    const i = Math.floor((t * n) / limit);
    xs.set(x.subarray(i * d, (i + 1) * d), t * d);
    ys[t] = y[i] as number;
  }
  return { xs, ys, count: limit };
}
