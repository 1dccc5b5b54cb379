import * as tf from '@tensorflow/tfjs-core';

/** Variance floor of LayerNorm, as PyTorch's nn.LayerNorm default. */
export const LAYER_NORM_EPSILON = 1e-5;

/**
 * Deterministic LayerNorm over the last axis with a trainable gain (init 1) and bias (init 0)
 * (METHOD.md section 3, ours: LayerNorm is not Bayesian). Each position is normalized on its own,
 * so a padded position never changes another one.
 */
export class LayerNorm {
  readonly dim: number;
  readonly gain: tf.Variable;
  readonly bias: tf.Variable;

  constructor(dim: number) {
    if (!Number.isInteger(dim) || dim < 1) throw new Error(`LayerNorm needs a positive dim, got ${dim}.`);
    this.dim = dim;
    // tf.variable keeps its own handle on the data; the initial tensors are released here.
    [this.gain, this.bias] = tf.tidy(() => [
      tf.variable(tf.ones([dim]), true),
      tf.variable(tf.zeros([dim]), true)
    ]);
  }

  /** (x - mean) / sqrt(var + eps) * gain + bias with the biased variance; x [..., dim] -> same shape. */
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, -1, true);
      const normalized = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, LAYER_NORM_EPSILON)));
      return tf.add(tf.mul(normalized, this.gain), this.bias);
    });
  }

  /** Deterministic parameters, each counted once: 2 dim. */
  get paramCount(): number {
    return 2 * this.dim;
  }

  get trainableVariables(): tf.Variable[] {
    return [this.gain, this.bias];
  }

  namedVariables(prefix: string): Array<{ name: string; variable: tf.Variable }> {
    return [
      { name: `${prefix}.gain`, variable: this.gain },
      { name: `${prefix}.bias`, variable: this.bias }
    ];
  }

  dispose(): void {
    this.gain.dispose();
    this.bias.dispose();
  }
}
