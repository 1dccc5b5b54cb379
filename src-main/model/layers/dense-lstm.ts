import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@shared/math/random';
import type { NamedVariable, WeightMatrix } from '../bayesian-model';
import type { WeightDraw } from '../gaussian-posterior';
import type { Prior } from '../priors/prior';
import { createDense } from './create-dense';
import { denseMatrix, disposeWeights } from './dense-layer';
import type { DenseLayer, DenseWeights, LayerMethod } from './dense-layer';
import { lstmInferenceCell, lstmRecurrence, projectionSteps } from './lstm-layer';
import type { LstmInferenceCell, LstmLayer, LstmPass } from './lstm-layer';

export interface DenseLstmOptions {
  /** A full-rank method (bbb, deterministic, rank1); the low-rank ones use LowRankLSTM. */
  method: Exclude<LayerMethod, 'sbnn' | 'lr-svd'>;
  inputDim: number;
  hidden: number;
  prior: Prior;
  seed: number;
}

/**
 * An LSTM layer of a baseline method (METHOD.md section 5) with the same cell as LowRankLSTM
 * (gates packed [i, f, g, o], forget-gate bias 1, one gate bias): W_ih (d_in x 4H, with the bias)
 * and W_hh (H x 4H, no bias) are dense layers of the method, drawn once per batch and applied at
 * every step, each step's recurrent term one product h W_hh.
 */
export class DenseLSTM implements LstmLayer {
  readonly inputDim: number;
  readonly hidden: number;
  readonly inputToGates: DenseLayer;
  readonly hiddenToGates: DenseLayer;

  constructor(options: DenseLstmOptions) {
    const { method, inputDim, hidden: h, prior } = options;
    if (!Number.isInteger(h) || h < 1) throw new Error(`An LSTM needs a positive integer hidden, got ${h}.`);
    this.inputDim = inputDim;
    this.hidden = h;
    const rng = createRng(options.seed);
    // Forget-gate bias 1 (METHOD.md section 3); Glorot: the gates feed sigmoid / tanh, not ReLU.
    const biasMu = Array.from({ length: 4 * h }, (_, j) => (j >= h && j < 2 * h ? 1 : 0));
    const common = { outputDim: 4 * h, prior, init: 'glorot' as const };
    this.inputToGates = createDense(method, { ...common, inputDim, seed: rng.seed(), biasMu });
    this.hiddenToGates = createDense(method, { ...common, inputDim: h, seed: rng.seed(), bias: false });
  }

  /** `steps` states [B, H] for plain draws of W_ih and W_hh. */
  private run(x: tf.Tensor, steps: number, ih: DenseWeights, hh: DenseWeights): tf.Tensor[] {
    const perStep = projectionSteps(this.inputToGates.apply(x, ih), steps);
    return lstmRecurrence(perStep, (hp) => this.hiddenToGates.apply(hp, hh));
  }

  pass(draw: WeightDraw): LstmPass {
    const rng = draw === 'mean' ? null : createRng(draw);
    const ih = this.inputToGates.draw(rng ? rng.seed() : 'mean');
    const hh = this.hiddenToGates.draw(rng ? rng.seed() : 'mean');
    return {
      run: (x, steps) => this.run(x, steps, ih, hh),
      kl: () => tf.add(this.inputToGates.kl(ih), this.hiddenToGates.kl(hh)),
      dispose: () => {
        disposeWeights(ih);
        disposeWeights(hh);
      }
    };
  }

  /** The gates [S, B, H] or their inputs [x_t, h] [S, B, d_in + H]. */
  get inferenceFloatsPerRecord(): number {
    return this.inputDim + this.hidden;
  }

  /**
   * S draws for prediction, every step batched over them: the gates read x_t and h_{t-1}
   * themselves, M = [W_ih; W_hh] (lstmInferenceCell). W of any method is its rows (x one-hot
   * times W), the bias its output at x = 0.
   */
  inferenceMany(count: number, seed: number): LstmInferenceCell {
    const rng = createRng(seed);
    const ih = this.inputToGates.drawMany(count, rng.seed());
    const hh = this.hiddenToGates.drawMany(count, rng.seed());
    const draws = tf.tidy(() => {
      const matrix = (layer: DenseLayer, w: DenseWeights): tf.Tensor =>
        layer.rows(tf.range(0, layer.inputDim, 1, 'int32'), w);
      return {
        inputGates: matrix(this.inputToGates, ih),
        recurrentGates: matrix(this.hiddenToGates, hh),
        bias: tf.reshape(this.inputToGates.apply(tf.zeros([1, this.inputDim]), ih), [count, 4 * this.hidden])
      };
    });
    disposeWeights(ih);
    disposeWeights(hh);
    return lstmInferenceCell({ inputProjection: null, recurrentProjection: null, ...draws });
  }

  get paramCount(): number {
    return this.inputToGates.paramCount + this.hiddenToGates.paramCount;
  }

  /** `${prefix}.ih.w.mu`, ..., `${prefix}.hh.w`, ...: W_ih's variables, then W_hh's. */
  namedVariables(prefix: string): NamedVariable[] {
    return [
      ...this.inputToGates.namedVariables(`${prefix}.ih`),
      ...this.hiddenToGates.namedVariables(`${prefix}.hh`)
    ];
  }

  get trainableVariables(): tf.Variable[] {
    return [...this.inputToGates.trainableVariables, ...this.hiddenToGates.trainableVariables];
  }

  weightMatrices(prefix: string): WeightMatrix[] {
    return [denseMatrix(`${prefix}.ih`, this.inputToGates), denseMatrix(`${prefix}.hh`, this.hiddenToGates)];
  }

  dispose(): void {
    this.inputToGates.dispose();
    this.hiddenToGates.dispose();
  }
}
