import * as tf from '@tensorflow/tfjs-core';
import type { LstmConfig, PriorConfig } from '@shared/domain/config';
import { createRng } from '@shared/math/random';
import { ACTIVATION_BUDGET, drawCount } from './bayesian-model';
import type {
  BayesianModel,
  ForwardResult,
  NamedVariable,
  RecordInput,
  WeightMatrix,
  WeightSamples
} from './bayesian-model';
import type { WeightDraw } from './gaussian-posterior';
import { createDense, layerMethod } from './layers/create-dense';
import { denseMatrix, disposeWeights } from './layers/dense-layer';
import type { DenseLayer, LayerMethod } from './layers/dense-layer';
import { DenseLSTM } from './layers/dense-lstm';
import { LowRankLSTM } from './layers/low-rank-lstm';
import type { LstmLayer, LstmPass, LstmState } from './layers/lstm-layer';
import { createPrior } from './priors/create-prior';

/** Everything that defines the LSTM regressor; JSON-friendly (saved with the posterior). */
export interface LstmRegressorSpec extends LstmConfig {
  arch: 'lstm';
  /** F: features per time step (the target's own history plus the chosen feature columns). */
  inputFeatures: number;
  /** W: time steps per window. */
  window: number;
  prior: PriorConfig;
  /** Seed of the initial mu values. */
  seed: number;
  /**
   * (ours) Index among the F features of the target's own (scaled) history. When set, the output
   * is that feature's last observed value plus the head, so the network learns the change from
   * the persistence forecast; the target must be scaled exactly as that feature. Default: unset,
   * the head predicts the target itself.
   */
  persistenceFeature?: number;
  /** How the weights are learned (METHOD.md section 5); rankIh / rankHh are read by the low-rank methods only. Default 'sbnn'. */
  method?: LayerMethod;
}

/**
 * Windows [B, W, F] -> stacked LSTMs -> the last hidden state [B, H] -> a linear head -> [B, 1], the
 * mean in standardized units for the Gaussian likelihood with learned noise (METHOD.md sections
 * 3-4). The low-rank methods use low-rank LSTMs and a rank-1 low-rank head; the baselines (section
 * 5) the same cell and head with their own weight matrices. Every layer draws its weights once per
 * forward call and the whole window is run with that draw.
 */
export class BayesianLstmRegressor implements BayesianModel {
  readonly spec: LstmRegressorSpec & { method: LayerMethod };
  readonly method: LayerMethod;
  readonly input: RecordInput;
  readonly outputDim = 1;
  /**
   * The largest activation per record of a forward pass (training, validation): a layer's gate
   * projections [W, 4H]. Prediction sizes its chunks by predictionChunkSize.
   */
  readonly activationFloatsPerRecord: number;
  readonly layers: LstmLayer[];
  readonly head: DenseLayer;

  constructor(spec: LstmRegressorSpec) {
    for (const key of ['inputFeatures', 'window', 'hidden', 'layers', 'rankIh', 'rankHh'] as const) {
      const v = spec[key];
      if (!Number.isInteger(v) || v < 1)
        throw new Error(`The LSTM needs a positive integer ${key}, got ${v}.`);
    }
    const p = spec.persistenceFeature;
    if (p !== undefined && !(Number.isInteger(p) && p >= 0 && p < spec.inputFeatures)) {
      throw new Error(`persistenceFeature must index one of the ${spec.inputFeatures} features, got ${p}.`);
    }
    this.spec = { ...spec, arch: 'lstm', prior: { ...spec.prior }, method: layerMethod(spec.method) };
    const method = this.spec.method;
    this.method = method;
    this.input = { shape: [spec.window, spec.inputFeatures], dtype: 'float32' };
    this.activationFloatsPerRecord = spec.window * Math.max(4 * spec.hidden, spec.inputFeatures);
    const prior = createPrior(spec.prior);
    const rng = createRng(spec.seed);
    this.layers = Array.from({ length: spec.layers }, (_, i): LstmLayer => {
      const inputDim = i === 0 ? spec.inputFeatures : spec.hidden;
      const seed = rng.seed();
      return method === 'sbnn' || method === 'lr-svd'
        ? new LowRankLSTM({
            inputDim,
            hidden: spec.hidden,
            rankIh: spec.rankIh,
            rankHh: spec.rankHh,
            prior,
            seed,
            method
          })
        : new DenseLSTM({ method, inputDim, hidden: spec.hidden, prior, seed });
    });
    this.head = createDense(method, {
      inputDim: spec.hidden,
      outputDim: 1,
      rank: 1,
      prior,
      seed: rng.seed(),
      init: 'glorot'
    });
  }

  /** x itself, after checking it holds windows [B, W, F]. */
  private checkWindows(x: tf.Tensor): tf.Tensor {
    const [, w, f] = x.shape;
    if (x.rank !== 3 || w !== this.spec.window || f !== this.spec.inputFeatures) {
      throw new Error(
        `The LSTM reads windows [${this.spec.window}, ${this.spec.inputFeatures}], got [${x.shape.slice(1).join(', ')}].`
      );
    }
    return x;
  }

  /**
   * Adds the persistence forecast (the last value of spec.persistenceFeature) to the head output
   * y [B, 1] or [S, B, 1]; returns y unchanged when the spec has none.
   */
  private withPersistence(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
    const p = this.spec.persistenceFeature;
    if (p === undefined) return y;
    const last = tf.reshape(tf.slice(x, [0, this.spec.window - 1, p], [-1, 1, 1]), [-1, 1]); // [B, 1]
    return tf.add(y, last);
  }

  /** [B, W, F] -> time-major [W B, F], the layout LowRankLSTM.run reads. */
  private timeMajor(x: tf.Tensor): tf.Tensor {
    const [b, w, f] = this.checkWindows(x).shape as [number, number, number];
    return tf.reshape(tf.transpose(x, [1, 0, 2]), [w * b, f]);
  }

  /**
   * Runs the stacked layers with their draws and returns the last hidden state [B, H]. Each layer's
   * step outputs, concatenated time-major ([W B, H]), are the next layer's input.
   */
  private lastHidden(x: tf.Tensor, draws: LstmPass[]): tf.Tensor {
    const w = this.spec.window;
    let seq = this.timeMajor(x);
    let states: tf.Tensor[] = [];
    this.layers.forEach((_, i) => {
      const draw = draws[i];
      if (!draw) throw new Error(`No draw for LSTM layer ${i}.`);
      states = draw.run(seq, w);
      if (i < this.layers.length - 1) seq = tf.concat(states, 0);
    });
    const last = states[states.length - 1];
    if (!last) throw new Error('The LSTM has no layers.');
    return last;
  }

  /**
   * ONE draw of every layer for the whole batch and every time step (METHOD.md section 3), and the
   * KL of that draw counted once. x [B, W, F] -> output [B, 1].
   */
  forward(x: tf.Tensor, draw: WeightDraw): ForwardResult {
    return tf.tidy(() => {
      const rng = draw === 'mean' ? null : createRng(draw);
      const passes = this.layers.map((layer) => layer.pass(rng ? rng.seed() : 'mean'));
      const headSample = this.head.draw(rng ? rng.seed() : 'mean');
      const hidden = this.lastHidden(x, passes);
      const output = this.withPersistence(x, this.head.apply(hidden, headSample)) as tf.Tensor2D;
      const kl = tf.addN([...passes.map((pass) => pass.kl()), this.head.kl(headSample)]);
      return { output, kl };
    });
  }

  /**
   * S draws for prediction (METHOD.md section 4): x [B, W, F] -> [S, B, 1]. Time step by time step,
   * every layer advances all S cells at once (LstmLayer.inferenceMany), so each product is batched
   * over the draws and only the current state of each layer is kept.
   */
  drawSamples(count: number, seed: number): WeightSamples {
    const drawn = drawCount(this.method, count);
    const rng = createRng(seed);
    const cells = this.layers.map((layer) => layer.inferenceMany(drawn, rng.seed()));
    const head = this.head.drawMany(drawn, rng.seed());
    return {
      count: drawn,
      apply: (x) =>
        tf.tidy(() => {
          const steps = tf.unstack(tf.transpose(this.checkWindows(x), [1, 0, 2])); // W x [B, F]
          let states: Array<LstmState | null> = cells.map(() => null);
          for (const xt of steps) {
            const next = tf.tidy(() => {
              let input = xt;
              return cells.map((cell, i) => {
                const state = cell.step(input, states[i] ?? null);
                input = state.h;
                return state;
              });
            });
            tf.dispose(states.flatMap((s) => (s ? [s.h, s.c2] : [])));
            states = next;
          }
          const top = states[states.length - 1];
          if (!top) throw new Error('The LSTM has no layers.');
          return this.withPersistence(x, this.head.apply(top.h, head)) as tf.Tensor3D;
        }),
      dispose: () => {
        for (const cell of cells) cell.dispose();
        disposeWeights(head);
      }
    };
  }

  /** Records per prediction chunk: S draws' step tensors [S, B, k] at a time, within ~4M floats. */
  predictionChunkSize(samples: number): number {
    const floats = Math.max(...this.layers.map((layer) => layer.inferenceFloatsPerRecord));
    return Math.max(1, Math.floor(ACTIVATION_BUDGET / (samples * floats)));
  }

  /** Every mu and rho (and deterministic weight) of every layer and the head (METHOD.md section 1). */
  get paramCount(): number {
    return this.layers.reduce((sum, layer) => sum + layer.paramCount, this.head.paramCount);
  }

  get trainableVariables(): tf.Variable[] {
    return this.namedVariables().map(({ variable }) => variable);
  }

  /** `lstm0.ih.a.mu`, ..., `lstm1.hh.b.rho`, `head.a.mu`, ..., `head.bias.rho` (sbnn; `lstm0.ih.w`, ... for the baselines). */
  namedVariables(): NamedVariable[] {
    return [
      ...this.layers.flatMap((layer, i) => layer.namedVariables(`lstm${i}`)),
      ...this.head.namedVariables('head')
    ];
  }

  /** lstm0.ih, lstm0.hh, lstm1.ih, ..., head. */
  weightMatrices(): WeightMatrix[] {
    return [
      ...this.layers.flatMap((layer, i) => layer.weightMatrices(`lstm${i}`)),
      denseMatrix('head', this.head)
    ];
  }

  dispose(): void {
    for (const layer of this.layers) layer.dispose();
    this.head.dispose();
  }
}

export function buildLstmRegressor(spec: LstmRegressorSpec): BayesianLstmRegressor {
  return new BayesianLstmRegressor(spec);
}
