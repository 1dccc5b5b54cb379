import * as tf from '@tensorflow/tfjs-core';
import type { LstmConfig, PriorConfig } from '@shared/domain/config';
import { createRng } from '@shared/math/random';
import { ACTIVATION_BUDGET } from './bayesian-model';
import type {
  BayesianModel,
  ForwardResult,
  NamedVariable,
  RecordInput,
  WeightSamples
} from './bayesian-model';
import type { WeightDraw } from './gaussian-posterior';
import { LowRankDense, disposeSample } from './layers/low-rank-dense';
import type { LowRankDenseWeights } from './layers/low-rank-dense';
import { LowRankLSTM, disposeInferenceWeights, disposeLstmSample } from './layers/low-rank-lstm';
import type { LowRankLstmWeights, LstmInferenceWeights } from './layers/low-rank-lstm';
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
}

/** The stacked draws of every LSTM layer and of the head, for prediction. */
interface StackedDraws {
  layers: LowRankLstmWeights[];
  head: LowRankDenseWeights;
}

/**
 * Windows [B, W, F] -> stacked low-rank LSTMs -> the last hidden state [B, H] -> a rank-1 low-rank
 * linear head -> [B, 1], the mean in standardized units for the Gaussian likelihood with learned
 * noise (METHOD.md sections 3-4). Every layer draws its weights once per forward call and the whole
 * window is run with that draw.
 */
export class BayesianLstmRegressor implements BayesianModel {
  readonly spec: LstmRegressorSpec;
  readonly input: RecordInput;
  readonly outputDim = 1;
  /** The largest activation per record and draw: a layer's gate projections [W, 4H]. */
  readonly activationFloatsPerRecord: number;
  readonly layers: LowRankLSTM[];
  readonly head: LowRankDense;

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
    this.spec = { ...spec, arch: 'lstm', prior: { ...spec.prior } };
    this.input = { shape: [spec.window, spec.inputFeatures], dtype: 'float32' };
    this.activationFloatsPerRecord = spec.window * Math.max(4 * spec.hidden, spec.inputFeatures);
    const prior = createPrior(spec.prior);
    const rng = createRng(spec.seed);
    this.layers = Array.from(
      { length: spec.layers },
      (_, i) =>
        new LowRankLSTM({
          inputDim: i === 0 ? spec.inputFeatures : spec.hidden,
          hidden: spec.hidden,
          rankIh: spec.rankIh,
          rankHh: spec.rankHh,
          prior,
          seed: rng.seed()
        })
    );
    this.head = new LowRankDense({
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
   * Runs the stacked layers with their draws and returns the last hidden state: [B, H] for plain
   * draws, [S, B, H] for stacked ones. Each layer's step outputs, concatenated time-major
   * ([W B, H] or [S, W B, H]), are the next layer's input.
   */
  private lastHidden(x: tf.Tensor, draws: LowRankLstmWeights[]): tf.Tensor {
    const w = this.spec.window;
    let seq = this.timeMajor(x);
    let states: tf.Tensor[] = [];
    this.layers.forEach((layer, i) => {
      const draw = draws[i];
      if (!draw) throw new Error(`No draw for LSTM layer ${i}.`);
      states = layer.run(seq, w, draw);
      if (i < this.layers.length - 1) seq = tf.concat(states, draw.aHh.rank === 3 ? 1 : 0);
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
      const drawn = this.layers.map((layer) => ({ layer, sample: layer.draw(rng ? rng.seed() : 'mean') }));
      const headSample = this.head.draw(rng ? rng.seed() : 'mean');
      const hidden = this.lastHidden(
        x,
        drawn.map(({ sample }) => sample)
      );
      const output = this.withPersistence(x, this.head.apply(hidden, headSample)) as tf.Tensor2D;
      const kl = tf.addN([...drawn.map(({ layer, sample }) => layer.kl(sample)), this.head.kl(headSample)]);
      return { output, kl };
    });
  }

  /** S stacked draws of every layer and the head (METHOD.md section 4). */
  drawMany(count: number, seed: number): StackedDraws {
    const rng = createRng(seed);
    return {
      layers: this.layers.map((layer) => layer.drawMany(count, rng.seed())),
      head: this.head.drawMany(count, rng.seed())
    };
  }

  /** x [B, W, F] with stacked draws -> [S, B, 1], all S draws batched in each product. */
  applyMany(x: tf.Tensor, draws: StackedDraws): tf.Tensor3D {
    return tf.tidy(
      () =>
        this.withPersistence(x, this.head.apply(this.lastHidden(x, draws.layers), draws.head)) as tf.Tensor3D
    );
  }

  /**
   * S draws for prediction, applied one after another to the whole chunk: x [B, W, F] -> [S, B, 1].
   * On wasm a product batched over S small matrices costs far more than S plain products, and the
   * recurrence is bound by per-op and data-movement costs, so the draws are split into S plain
   * draws once here (rearranged for LowRankLSTM.runInference) and each runs over a large chunk.
   */
  drawSamples(count: number, seed: number): WeightSamples {
    const stacked = this.drawMany(count, seed);
    const perDraw = tf.tidy(() => {
      const pick = (t: tf.Tensor, s: number): tf.Tensor => tf.squeeze(tf.slice(t, [s], [1]), [0]);
      return Array.from({ length: count }, (_, s) => ({
        layers: this.layers.map((layer, i) => {
          const l = stacked.layers[i] as LowRankLstmWeights;
          return layer.prepareInference({
            ih: { a: pick(l.ih.a, s), b: pick(l.ih.b, s), bias: pick(l.ih.bias, s) },
            aHh: pick(l.aHh, s),
            bHh: pick(l.bHh, s)
          });
        }),
        head: {
          a: pick(stacked.head.a, s),
          b: pick(stacked.head.b, s),
          bias: pick(stacked.head.bias, s)
        }
      }));
    });
    stacked.layers.forEach(disposeLstmSample);
    disposeSample(stacked.head);
    return {
      count,
      apply: (x) => {
        const steps = tf.tidy(() => tf.unstack(tf.transpose(this.checkWindows(x), [1, 0, 2]))); // W x [B, F]
        // One scope per draw, so only one draw's activations are alive at a time.
        const outputs = perDraw.map((d) =>
          tf.tidy(() => {
            let seq = steps;
            this.layers.forEach((layer, i) => {
              seq = layer.runInference(seq, d.layers[i] as LstmInferenceWeights);
            });
            return this.withPersistence(x, this.head.apply(seq[seq.length - 1] as tf.Tensor, d.head));
          })
        );
        const out = tf.stack(outputs) as tf.Tensor3D;
        tf.dispose([...outputs, ...steps]);
        return out;
      },
      dispose: () => {
        for (const d of perDraw) {
          d.layers.forEach(disposeInferenceWeights);
          disposeSample(d.head);
        }
      }
    };
  }

  /** Records per prediction chunk: one draw's activations [W B, 4H] at a time, within ~4M floats. */
  predictionChunkSize(): number {
    return Math.max(1, Math.floor(ACTIVATION_BUDGET / this.activationFloatsPerRecord));
  }

  /** Every mu and rho of every layer and the head (METHOD.md section 1). */
  get paramCount(): number {
    return this.layers.reduce((sum, layer) => sum + layer.paramCount, this.head.paramCount);
  }

  get trainableVariables(): tf.Variable[] {
    return this.namedVariables().map(({ variable }) => variable);
  }

  /** `lstm0.ih.a.mu`, ..., `lstm1.hh.b.rho`, `head.a.mu`, ..., `head.bias.rho`. */
  namedVariables(): NamedVariable[] {
    const parts = [
      ...this.layers.flatMap((layer, i) =>
        layer.posteriors.map(([role, p]) => [`lstm${i}.${role}`, p] as const)
      ),
      ...this.head.posteriors.map(([role, p]) => [`head.${role}`, p] as const)
    ];
    return parts.flatMap(([name, p]) => [
      { name: `${name}.mu`, variable: p.mu },
      { name: `${name}.rho`, variable: p.rho }
    ]);
  }

  dispose(): void {
    for (const layer of this.layers) layer.dispose();
    this.head.dispose();
  }
}

export function buildLstmRegressor(spec: LstmRegressorSpec): BayesianLstmRegressor {
  return new BayesianLstmRegressor(spec);
}
