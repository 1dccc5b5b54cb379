import * as tf from '@tensorflow/tfjs-core';
import type { ClassificationLikelihood, LikelihoodConfig } from './likelihood';

/** Binary outcome from one logit z per record: p(y = 1) = sigmoid(z). */
export class BernoulliLikelihood implements ClassificationLikelihood {
  readonly task = 'classification';
  readonly config: LikelihoodConfig = { kind: 'bernoulli' };
  readonly outputDim = 1;
  readonly classes = 2;
  readonly variables: tf.Variable[] = [];

  namedVariables(): Array<{ name: string; variable: tf.Variable }> {
    return [];
  }

  /** -log p(y | z) = softplus(z) - y z, which never forms log(sigmoid(z)) and so never underflows. */
  nll(output: tf.Tensor, y: tf.Tensor): tf.Scalar {
    return tf.tidy(() => {
      const z = tf.reshape(output, [-1]);
      return tf.mean(tf.sub(tf.softplus(z), tf.mul(tf.reshape(y, [-1]), z)));
    });
  }

  /** [..., 1] logits -> [..., 2] = [P(y = 0), P(y = 1)]; sigmoid(-z) keeps P(y = 0) exact for large z. */
  probabilities(output: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.concat([tf.sigmoid(tf.neg(output)), tf.sigmoid(output)], -1));
  }

  dispose(): void {}
}
