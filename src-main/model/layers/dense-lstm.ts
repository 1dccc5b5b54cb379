import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@shared/math/random';
import type { NamedVariable, WeightMatrix } from '../bayesian-model';
import type { WeightDraw } from '../gaussian-posterior';
import type { Prior } from '../priors/prior';
import { createDense } from './create-dense';
import { denseMatrix, disposeWeights } from './dense-layer';
import type { DenseLayer, DenseWeights, LayerMethod } from './dense-layer';
import { lstmRecurrence, projectionSteps } from './lstm-layer';
import type { LstmInferencePass, LstmLayer, LstmPass } from './lstm-layer';

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

  /** `steps` states for weights of W_ih and W_hh (plain or stacked). */
  private run(
    x: tf.Tensor,
    steps: number,
    ih: DenseWeights,
    hh: DenseWeights,
    stacked: boolean
  ): tf.Tensor[] {
    const perStep = projectionSteps(this.inputToGates.apply(x, ih), steps, stacked);
    return lstmRecurrence(perStep, (hp) => this.hiddenToGates.apply(hp, hh));
  }

  pass(draw: WeightDraw): LstmPass {
    const rng = draw === 'mean' ? null : createRng(draw);
    const ih = this.inputToGates.draw(rng ? rng.seed() : 'mean');
    const hh = this.hiddenToGates.draw(rng ? rng.seed() : 'mean');
    return {
      stacked: false,
      run: (x, steps) => this.run(x, steps, ih, hh, false),
      kl: () => tf.add(this.inputToGates.kl(ih), this.hiddenToGates.kl(hh)),
      dispose: () => {
        disposeWeights(ih);
        disposeWeights(hh);
      }
    };
  }

  passMany(count: number, seed: number): LstmPass {
    const rng = createRng(seed);
    const ih = this.inputToGates.drawMany(count, rng.seed());
    const hh = this.hiddenToGates.drawMany(count, rng.seed());
    return {
      stacked: true,
      run: (x, steps) => this.run(x, steps, ih, hh, true),
      kl: () => {
        throw new Error('The KL needs a single draw.');
      },
      dispose: () => {
        disposeWeights(ih);
        disposeWeights(hh);
      }
    };
  }

  /** S plain draws (the same draws as passMany's), each run over the concatenated steps. */
  inferencePasses(count: number, seed: number): LstmInferencePass[] {
    const rng = createRng(seed);
    const ih = this.inputToGates.drawMany(count, rng.seed());
    const hh = this.hiddenToGates.drawMany(count, rng.seed());
    const ihs = this.inputToGates.split(ih, count);
    const hhs = this.hiddenToGates.split(hh, count);
    disposeWeights(ih);
    disposeWeights(hh);
    return ihs.map((w, s) => {
      const recurrentWeights = hhs[s] as DenseWeights;
      return {
        run: (inputs) => this.run(tf.concat(inputs, 0), inputs.length, w, recurrentWeights, false),
        dispose: () => {
          disposeWeights(w);
          disposeWeights(recurrentWeights);
        }
      };
    });
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
