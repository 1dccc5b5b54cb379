import type { Arch, PriorConfig } from '@shared/domain/config';
import { createRng } from '@shared/math/random';
import type { NetworkShape } from '@shared/model/param-count';
import type { BayesianModel } from '../../../../src-main/model/bayesian-model';
import { buildLstmRegressor } from '../../../../src-main/model/bayesian-lstm';
import { buildMlp } from '../../../../src-main/model/bayesian-mlp';
import type { LayerMethod } from '../../../../src-main/model/layers/dense-layer';
import { BernoulliLikelihood } from '../../../../src-main/model/likelihoods/bernoulli';
import { GaussianLikelihood } from '../../../../src-main/model/likelihoods/gaussian';
import type { Likelihood } from '../../../../src-main/model/likelihoods/likelihood';
import type { TrainData, TrainOptions } from '../../../../src-main/model/trainer';
import { buildTransformerClassifier } from '../../../../src-main/model/transformer/bayesian-transformer';
import '../../../../src-main/model/transformer/register-transformer';

/** Every method that builds one network (the ensemble gathers deterministic ones). */
export const LAYER_METHODS: LayerMethod[] = ['sbnn', 'lr-svd', 'bbb', 'rank1', 'deterministic'];

const prior: PriorConfig = { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) };

/** Tiny networks of each architecture, small enough to train in a second on the cpu backend. */
export const TINY = {
  mlp: { inputDim: 3, outputDim: 1, hidden: [8], ranks: [2, 1] },
  lstm: { inputFeatures: 2, window: 4, hidden: 3, layers: 2, rankIh: 2, rankHh: 2 },
  transformer: { vocabSize: 9, maxLen: 5, dModel: 4, layers: 1, heads: 2, ff: 6, rank: 2, outputDim: 1 }
} as const;

export function buildTiny(arch: Arch, method: LayerMethod, seed = 5): BayesianModel {
  switch (arch) {
    case 'mlp':
      return buildMlp({
        ...TINY.mlp,
        hidden: [...TINY.mlp.hidden],
        ranks: [...TINY.mlp.ranks],
        prior,
        seed,
        method
      });
    case 'lstm':
      return buildLstmRegressor({ arch: 'lstm', ...TINY.lstm, prior, seed, method });
    case 'transformer':
      return buildTransformerClassifier({ arch: 'transformer', ...TINY.transformer, prior, seed, method });
  }
}

/** The likelihood each tiny network is trained with: Bernoulli for the MLP and Transformer, Gaussian for the LSTM. */
export function likelihoodOf(arch: Arch): Likelihood {
  return arch === 'lstm' ? new GaussianLikelihood() : new BernoulliLikelihood();
}

/** The shared-formula shape of each tiny network, with its likelihood's parameters. */
export function shapeOf(arch: Arch): NetworkShape {
  switch (arch) {
    case 'mlp':
      return {
        arch,
        ...TINY.mlp,
        hidden: [...TINY.mlp.hidden],
        ranks: [...TINY.mlp.ranks],
        likelihoodParams: 0
      };
    case 'lstm':
      return { arch, ...TINY.lstm, likelihoodParams: 1 };
    case 'transformer':
      return { arch, ...TINY.transformer, likelihoodParams: 0 };
  }
}

/**
 * A learnable synthetic problem per architecture: MLP, label 1 when x0 + x1 - x2 > 0; LSTM, the
 * next value is the mean of the window's first feature; Transformer, label 1 when token 3 occurs.
 */
export function tinyData(arch: Arch, n: number, seed = 1): TrainData {
  const rng = createRng(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const make = (count: number): { x: Float32Array | Int32Array; y: Float32Array } => {
    const y = new Float32Array(count);
    if (arch === 'transformer') {
      const { maxLen, vocabSize } = TINY.transformer;
      const x = new Int32Array(count * maxLen);
      for (let i = 0; i < count; i++) {
        x[i * maxLen] = 2; // [CLS]
        let has = false;
        for (let j = 1; j < maxLen; j++) {
          const id = 3 + Math.floor(rng.next() * (vocabSize - 3));
          x[i * maxLen + j] = id;
          has ||= id === 3;
        }
        y[i] = has ? 1 : 0;
      }
      return { x, y };
    }
    const size = arch === 'mlp' ? TINY.mlp.inputDim : TINY.lstm.window * TINY.lstm.inputFeatures;
    const x = Float32Array.from({ length: count * size }, gauss);
    for (let i = 0; i < count; i++) {
      const row = x.subarray(i * size, (i + 1) * size);
      if (arch === 'mlp') y[i] = (row[0] ?? 0) + (row[1] ?? 0) - (row[2] ?? 0) > 0 ? 1 : 0;
      else
        y[i] =
          row.filter((_, k) => k % TINY.lstm.inputFeatures === 0).reduce((a, b) => a + b, 0) /
          TINY.lstm.window;
    }
    return { x, y };
  };
  const train = make(n);
  const val = make(Math.max(8, n / 4));
  const input =
    arch === 'transformer'
      ? { shape: [TINY.transformer.maxLen], dtype: 'int32' as const }
      : arch === 'mlp'
        ? { shape: [TINY.mlp.inputDim], dtype: 'float32' as const }
        : { shape: [TINY.lstm.window, TINY.lstm.inputFeatures], dtype: 'float32' as const };
  return { xTrain: train.x, yTrain: train.y, nTrain: n, xVal: val.x, yVal: val.y, nVal: val.y.length, input };
}

export const TINY_TRAINING: TrainOptions = {
  epochs: 8,
  batchSize: 32,
  lr: 0.03,
  beta: 1,
  annealZeroEpochs: 1,
  annealRampEpochs: 2,
  patience: 50,
  seed: 3
};
