import * as tf from '@tensorflow/tfjs-core';
import { FullRankShape, addBias, sharedInputMatMul } from './dense-layer';
import type { FullWeights } from './dense-layer';

/**
 * A layer whose draws are the full weight matrix W (m x n) itself: Bayes by Backprop and the
 * deterministic layer (METHOD.md section 5) apply and gather their draws alike.
 */
export abstract class FullWeightsDense extends FullRankShape {
  /**
   * y = x W + b with ONE product (the full-rank methods form no factors and no identity matrices).
   * Plain W [m, n]: x [B, m] -> [B, n]. Stacked W [S, m, n]: x [B, m] (one product x [m, S n]) or
   * [S, B, m] (one batched product) -> [S, B, n].
   */
  apply(x: tf.Tensor, { w, bias }: FullWeights): tf.Tensor {
    return tf.tidy(() => {
      const y = w.rank === 3 && x.rank === 2 ? sharedInputMatMul(x, w) : tf.matMul(x, w);
      return addBias(y, bias);
    });
  }

  /** Rows `ids` of a plain [m, n] or stacked [S, m, n] W. */
  rows(ids: tf.Tensor1D, { w }: FullWeights): tf.Tensor {
    return tf.gather(w, ids, w.rank - 2);
  }
}
