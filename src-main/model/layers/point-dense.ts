import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@shared/math/random';
import type { NamedVariable } from '../bayesian-model';
import type { GaussianPosterior } from '../gaussian-posterior';
import { initialStd } from './dense-layer';
import type { DenseLayer, DenseLayerOptions, DenseSample, FullWeights } from './dense-layer';
import { applyFull, fullRows, splitFull } from './full-weights';

/**
 * A deterministic dense layer (METHOD.md section 5, the deterministic baseline and the ensemble's
 * members): point weights W (m x n) and bias, He or Glorot initialized, no posterior, no KL. Every
 * draw is the same network, so a seed is ignored.
 */
export class PointDense implements DenseLayer<FullWeights> {
  readonly method = 'deterministic';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly rank: number;
  readonly w: tf.Variable;
  readonly bias: tf.Variable | null;
  readonly posteriors: ReadonlyArray<readonly [name: string, posterior: GaussianPosterior]> = [];

  constructor(options: DenseLayerOptions) {
    const { inputDim: m, outputDim: n } = options;
    this.inputDim = m;
    this.outputDim = n;
    this.rank = Math.min(m, n);
    const std = initialStd(options);
    const seed = createRng(options.seed).seed();
    this.w = tf.tidy(() => tf.variable(tf.randomNormal([m, n], 0, std, 'float32', seed), true));
    this.bias =
      options.bias === false
        ? null
        : tf.tidy(() => tf.variable(options.biasMu ? tf.tensor1d(options.biasMu) : tf.zeros([n]), true));
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

  apply(x: tf.Tensor, weights: FullWeights): tf.Tensor {
    return applyFull(x, weights);
  }

  rows(ids: tf.Tensor1D, weights: FullWeights): tf.Tensor {
    return fullRows(ids, weights);
  }

  split(stacked: FullWeights, count: number): FullWeights[] {
    return splitFull(stacked, count);
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
