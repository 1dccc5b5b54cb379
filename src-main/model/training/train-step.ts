import * as tf from '@tensorflow/tfjs-core';
import '../register-gradients';
import type { BayesianModel } from '../bayesian-model';
import type { Likelihood } from '../likelihoods/likelihood';

export interface StepValues {
  /** nll + klWeight * kl */
  loss: number;
  /** Batch-mean NLL. */
  nll: number;
  /** Monte Carlo KL of the whole network on this step's draw. */
  kl: number;
}

/**
 * One Bayes-by-Backprop step (METHOD.md section 2): ONE weight draw from `seed`, loss = batch-mean
 * NLL + klWeight * KL with the KL on that same draw, one Adam update. A non-finite loss is returned
 * without updating, so Adam's moments are never poisoned and the caller can report the divergence.
 * x [B, ...model.input.shape], y [B].
 */
export function trainStep(
  model: BayesianModel,
  likelihood: Likelihood,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  batch: { x: tf.Tensor; y: tf.Tensor1D },
  klWeight: number,
  seed: number
): StepValues {
  return tf.tidy(() => {
    let parts: tf.Scalar[] = [];
    const { value, grads } = optimizer.computeGradients(() => {
      const forward = model.forward(batch.x, seed);
      const nll = likelihood.nll(forward.output, batch.y);
      parts = [tf.keep(nll), tf.keep(forward.kl)];
      return tf.add(nll, tf.mul(klWeight, forward.kl));
    }, variables);
    const [loss, nll, kl] = [value, ...parts].map((t) => t.dataSync()[0] ?? NaN) as [number, number, number];
    // Gradients in `variables` order, so Adam's moment i belongs to variables[i] (what a training
    // checkpoint saves and restores). A variable the loss does not reach has none; Adam skips it.
    if (Number.isFinite(loss))
      optimizer.applyGradients(variables.map((v) => ({ name: v.name, tensor: grads[v.name] as tf.Tensor })));
    tf.dispose([...parts, ...Object.values(grads)]);
    return { loss, nll, kl };
  });
}
