import * as tf from '@tensorflow/tfjs-core';
import type { BayesianModel } from '../bayesian-model';
import { ACTIVATION_BUDGET } from '../bayesian-model';
import type { Likelihood } from '../likelihoods/likelihood';

/** Records per forward pass during validation, to bound memory on large validation sets. */
const CHUNK = 4096;

export interface ValidationResult {
  /** NLL (batch mean over the whole validation set) of the mean-weight prediction. */
  nll: number;
  /** Accuracy (classification) or RMSE in standardized units (regression). */
  metric: number;
}

/** Scores the posterior-mean network on a validation set (x [n, ...record shape], y [n]). */
export function validate(
  model: BayesianModel,
  likelihood: Likelihood,
  x: tf.Tensor,
  y: tf.Tensor1D
): ValidationResult {
  const n = x.shape[0] ?? 0;
  const chunk = Math.max(1, Math.min(CHUNK, Math.floor(ACTIVATION_BUDGET / model.activationFloatsPerRecord)));
  const rest = x.shape.slice(1);
  const [nll, metric] = tf.tidy(() => {
    const parts: tf.Tensor[] = [];
    for (let start = 0; start < n; start += chunk) {
      const rows = Math.min(chunk, n - start);
      const xs = n <= chunk ? x : tf.slice(x, [start, ...rest.map(() => 0)], [rows, ...rest.map(() => -1)]);
      parts.push(model.forward(xs, 'mean').output);
    }
    const output = parts.length === 1 ? (parts[0] as tf.Tensor) : tf.concat(parts, 0);
    const nllValue = likelihood.nll(output, y);
    const metricValue =
      likelihood.task === 'classification'
        ? tf.mean(
            tf.cast(tf.equal(tf.argMax(likelihood.probabilities(output), -1), tf.cast(y, 'int32')), 'float32')
          )
        : tf.sqrt(tf.mean(tf.square(tf.sub(likelihood.mean(output), y))));
    return [nllValue.dataSync()[0] ?? NaN, metricValue.dataSync()[0] ?? NaN];
  });
  return { nll, metric };
}
