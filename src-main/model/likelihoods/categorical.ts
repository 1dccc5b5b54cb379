import * as tf from '@tensorflow/tfjs-core';
import type { ClassificationLikelihood, LikelihoodConfig } from './likelihood';

/** K classes from K logits per record: p(y = k) = softmax(z)_k. */
export class CategoricalLikelihood implements ClassificationLikelihood {
  readonly task = 'classification';
  readonly config: LikelihoodConfig;
  readonly outputDim: number;
  readonly classes: number;
  readonly variables: tf.Variable[] = [];
  private readonly classWeights: number[] | null;

  /** classWeights: one per class (e.g. to counter imbalance); all 1 when absent. */
  constructor(classes: number, classWeights?: number[]) {
    if (!Number.isInteger(classes) || classes < 2)
      throw new Error(`A categorical likelihood needs >= 2 classes, got ${classes}.`);
    if (
      classWeights &&
      (classWeights.length !== classes || classWeights.some((w) => !(w >= 0) || !Number.isFinite(w)))
    ) {
      throw new Error(`classWeights needs ${classes} finite non-negative values.`);
    }
    this.classes = classes;
    this.outputDim = classes;
    this.classWeights = classWeights ? [...classWeights] : null;
    this.config = classWeights
      ? { kind: 'categorical', classes, classWeights: [...classWeights] }
      : { kind: 'categorical', classes };
  }

  namedVariables(): Array<{ name: string; variable: tf.Variable }> {
    return [];
  }

  /**
   * Cross-entropy -log softmax(z)_y. With class weights w it is sum_i w_yi l_i / sum_i w_yi, the
   * weighted batch mean (as PyTorch's CrossEntropyLoss), so weights do not change the NLL's scale.
   */
  nll(output: tf.Tensor, y: tf.Tensor): tf.Scalar {
    return tf.tidy(() => {
      const logits = tf.reshape(output, [-1, this.classes]); // [B, K]
      const onehot = tf.oneHot(tf.cast(tf.reshape(y, [-1]), 'int32'), this.classes); // [B, K]
      const perRecord = tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(logits)), -1)); // [B]
      if (!this.classWeights) return tf.mean(perRecord);
      const w = tf.sum(tf.mul(onehot, tf.tensor1d(this.classWeights)), -1); // [B]
      return tf.div(tf.sum(tf.mul(w, perRecord)), tf.sum(w));
    });
  }

  probabilities(output: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.softmax(output, -1));
  }

  dispose(): void {}
}
