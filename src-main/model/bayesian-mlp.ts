import * as tf from '@tensorflow/tfjs-core';
import type { PriorConfig } from '@shared/domain/config';
import { createRng } from '@shared/math/random';
import { drawCount } from './bayesian-model';
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
import type { DenseLayer, DenseWeights, LayerMethod } from './layers/dense-layer';
import { createPrior } from './priors/create-prior';

export type { ForwardResult } from './bayesian-model';

/** Everything that defines an MLP's shape and initialization; JSON-friendly (it is saved with the posterior). */
export interface MlpSpec {
  /** Architecture tag of the saved spec; always 'mlp' on a built model. */
  arch?: 'mlp';
  inputDim: number;
  /** 1 for binary classification and regression, K for K classes. */
  outputDim: number;
  /** Widths of the hidden layers, input side first. */
  hidden: number[];
  /** One rank per weight matrix: hidden.length + 1 values (read by the low-rank methods only). */
  ranks: number[];
  /** How the weights are learned (METHOD.md section 5). Default 'sbnn'. */
  method?: LayerMethod;
  prior: PriorConfig;
  /** Seed of the initial mu values. */
  seed: number;
  /** Activation between layers; none on the output (the likelihood applies sigmoid / softmax). Default 'relu'. */
  activation?: 'relu';
}

/**
 * A network of dense layers with ReLU between them (METHOD.md section 3, MLP): low-rank Bayesian
 * layers, or those of a baseline method (section 5).
 */
export class BayesianMlp implements BayesianModel {
  readonly spec: MlpSpec & { arch: 'mlp'; method: LayerMethod };
  readonly method: LayerMethod;
  readonly layers: DenseLayer[];
  readonly input: RecordInput;
  readonly outputDim: number;
  /** The widest layer's activations, [S, B, width]. */
  readonly activationFloatsPerRecord: number;

  constructor(spec: MlpSpec) {
    const widths = [spec.inputDim, ...spec.hidden, spec.outputDim];
    if (spec.ranks.length !== widths.length - 1) {
      throw new Error(
        `An MLP with ${spec.hidden.length} hidden layers needs ${widths.length - 1} ranks (one per weight matrix), got ${spec.ranks.length}.`
      );
    }
    this.spec = {
      ...spec,
      arch: 'mlp',
      hidden: [...spec.hidden],
      ranks: [...spec.ranks],
      activation: spec.activation ?? 'relu',
      method: layerMethod(spec.method)
    };
    this.method = this.spec.method;
    this.input = { shape: [spec.inputDim], dtype: 'float32' };
    this.outputDim = spec.outputDim;
    this.activationFloatsPerRecord = Math.max(...widths);
    const prior = createPrior(spec.prior);
    const rng = createRng(spec.seed);
    this.layers = spec.ranks.map((rank, i) => {
      const last = i === spec.ranks.length - 1;
      return createDense(this.method, {
        inputDim: widths[i] ?? 0,
        outputDim: widths[i + 1] ?? 0,
        rank,
        prior,
        seed: rng.seed(),
        // He for layers feeding a ReLU, Glorot for the linear output (METHOD.md section 2).
        init: last ? 'glorot' : 'he'
      });
    });
  }

  /**
   * One forward pass with ONE weight draw for the whole batch (METHOD.md section 2): a seed gives a
   * reparameterized sample (per-layer seeds derived from it), 'mean' uses the posterior means, for
   * which `kl` is the plug-in value log q(mu) - log p(mu) and not a KL estimate.
   * x [B, inputDim] -> output [B, outputDim].
   */
  forward(x: tf.Tensor, draw: WeightDraw): ForwardResult {
    return tf.tidy(() => {
      const rng = draw === 'mean' ? null : createRng(draw);
      let h: tf.Tensor = x;
      const kls: tf.Scalar[] = [];
      this.layers.forEach((layer, i) => {
        const sample = layer.draw(rng ? rng.seed() : 'mean');
        h = layer.apply(h, sample);
        if (i < this.layers.length - 1) h = tf.relu(h);
        kls.push(layer.kl(sample));
      });
      return { output: h as tf.Tensor2D, kl: tf.addN(kls) };
    });
  }

  /**
   * S independent weight draws applied to the same inputs, batched over the sample axis:
   * x [B, inputDim] -> [S, B, outputDim] (METHOD.md section 4).
   */
  drawMany(count: number, seed: number): DenseWeights[] {
    const rng = createRng(seed);
    return this.layers.map((layer) => layer.drawMany(count, rng.seed()));
  }

  /** Applies stacked draws from drawMany: x [B, inputDim] -> [S, B, outputDim]. */
  applyMany(x: tf.Tensor, samples: DenseWeights[]): tf.Tensor3D {
    return tf.tidy(() => {
      let h: tf.Tensor = x;
      this.layers.forEach((layer, i) => {
        const sample = samples[i];
        if (!sample) throw new Error(`No stacked draw for layer ${i}.`);
        h = layer.apply(h, sample);
        if (i < this.layers.length - 1) h = tf.relu(h);
      });
      return h as tf.Tensor3D;
    });
  }

  drawSamples(count: number, seed: number): WeightSamples {
    const drawn = drawCount(this.method, count);
    const draws = this.drawMany(drawn, seed);
    return {
      count: drawn,
      apply: (x) => this.applyMany(x, draws),
      dispose: () => disposeSamples(draws)
    };
  }

  /** Every mu and rho (and deterministic weight) of every layer (METHOD.md section 1); the likelihood's are not included. */
  get paramCount(): number {
    return this.layers.reduce((sum, layer) => sum + layer.paramCount, 0);
  }

  get trainableVariables(): tf.Variable[] {
    return this.layers.flatMap((layer) => layer.trainableVariables);
  }

  /** Variables by a stable name (`layer0.a.mu`, `layer0.w`, ...), in a fixed order, for snapshots and serialization. */
  namedVariables(): NamedVariable[] {
    return this.layers.flatMap((layer, i) => layer.namedVariables(`layer${i}`));
  }

  /** layer0, layer1, ...: input side first. */
  weightMatrices(): WeightMatrix[] {
    return this.layers.map((layer, i) => denseMatrix(`layer${i}`, layer));
  }

  dispose(): void {
    for (const layer of this.layers) layer.dispose();
  }
}

export function buildMlp(spec: MlpSpec): BayesianMlp {
  return new BayesianMlp(spec);
}

export function disposeSamples(samples: DenseWeights[]): void {
  for (const sample of samples) disposeWeights(sample);
}
