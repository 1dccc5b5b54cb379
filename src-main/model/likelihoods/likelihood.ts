import type * as tf from '@tensorflow/tfjs-core';

/** JSON-friendly description of a likelihood (saved with the posterior). */
export type LikelihoodConfig =
  | { kind: 'bernoulli' }
  | {
      kind: 'categorical';
      classes: number;
      /** Per-class weights of the NLL (e.g. inverse frequencies); all 1 when absent. */
      classWeights?: number[];
    }
  | { kind: 'gaussian' };

interface LikelihoodBase {
  readonly config: LikelihoodConfig;
  /** Network outputs per record the likelihood reads. */
  readonly outputDim: number;
  /** Deterministic trainable parameters of the likelihood itself (none, or the Gaussian log-sigma). */
  readonly variables: tf.Variable[];
  /** Named for serialization. */
  namedVariables(): Array<{ name: string; variable: tf.Variable }>;
  /**
   * Negative log-likelihood, the batch MEAN over records (the convention of METHOD.md section 2).
   * output [B, outputDim]; y [B] (class indices as floats, or standardized targets).
   */
  nll(output: tf.Tensor, y: tf.Tensor): tf.Scalar;
  dispose(): void;
}

export interface ClassificationLikelihood extends LikelihoodBase {
  readonly task: 'classification';
  /** K: 2 for the Bernoulli likelihood. */
  readonly classes: number;
  /** Class probabilities per record: output [..., outputDim] -> [..., K] (leading sample axes kept). */
  probabilities(output: tf.Tensor): tf.Tensor;
}

export interface RegressionLikelihood extends LikelihoodBase {
  readonly task: 'regression';
  /** Predictive mean per record in standardized units: output [..., 1] -> [...]. */
  mean(output: tf.Tensor): tf.Tensor;
  /** Noise standard deviation in standardized units. */
  noiseStd(): number;
}

export type Likelihood = ClassificationLikelihood | RegressionLikelihood;
