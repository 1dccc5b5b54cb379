import * as tf from '@tensorflow/tfjs-core';
import type { NamedVariable } from '../bayesian-model';
import type { GaussianPosterior } from '../gaussian-posterior';
import { initialBiasVariable, initialWeight } from './dense-layer';
import type { DenseLayer, DenseLayerOptions, DenseSample, FullWeights } from './dense-layer';
import { FullWeightsDense } from './full-weights';

/**
 * A deterministic dense layer (METHOD.md section 5, the deterministic baseline and the ensemble's
 * members): point weights W (m x n) and bias, He or Glorot initialized, no posterior, no KL. Every
 * draw is the same network, so a seed is ignored.
 */
export class PointDense extends FullWeightsDense implements DenseLayer<FullWeights> {
  readonly method = 'deterministic';
  readonly w: tf.Variable;
  readonly bias: tf.Variable | null;
  readonly posteriors: ReadonlyArray<readonly [name: string, posterior: GaussianPosterior]> = [];

  constructor(options: DenseLayerOptions) {
    super(options);
    this.w = tf.tidy(() => tf.variable(initialWeight(options), true));
    this.bias = initialBiasVariable(options);
  }

  /** The point weights themselves (as new handles, so disposing the draw leaves the variables); log q = 0. */
  draw(): DenseSample<FullWeights> {
    return {
      w: tf.clone(this.w),
      bias: this.bias ? tf.clone(this.bias) : undefined,
      logQ: tf.scalar(0)
    };
  }

  /** `count` copies of the one network, stacked; models ask for one, as every draw is the same. */
  drawMany(count: number): FullWeights {
    return tf.tidy(() => ({
      w: tf.tile(tf.expandDims(this.w, 0), [count, 1, 1]),
      bias: this.bias ? tf.tile(tf.expandDims(this.bias, 0), [count, 1]) : undefined
    }));
  }

  /** No posterior: the loss is the NLL alone. */
  kl(): tf.Scalar {
    return tf.scalar(0);
  }

  /** m n (+ n with the bias). */
  get paramCount(): number {
    return this.w.size + (this.bias?.size ?? 0);
  }

  namedVariables(prefix: string): NamedVariable[] {
    return [
      { name: `${prefix}.w`, variable: this.w },
      ...(this.bias ? [{ name: `${prefix}.bias`, variable: this.bias }] : [])
    ];
  }

  get trainableVariables(): tf.Variable[] {
    return this.bias ? [this.w, this.bias] : [this.w];
  }

  meanWeight(): tf.Tensor2D {
    return tf.clone(this.w) as tf.Tensor2D;
  }

  dispose(): void {
    tf.dispose(this.trainableVariables);
  }
}
