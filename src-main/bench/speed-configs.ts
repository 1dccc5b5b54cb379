import { buildLstmRegressor } from '../model/bayesian-lstm';
import { buildMlp } from '../model/bayesian-mlp';
import type { BayesianModel } from '../model/bayesian-model';
import type { LikelihoodConfig } from '../model/likelihoods/likelihood';
import type { LayerMethod } from '../model/layers/dense-layer';
import { buildTransformerClassifier } from '../model/transformer/bayesian-transformer';

/**
 * The configurations `bench speed` times (METHOD.md section 6, "Cost"): the MLP at three widths and
 * three ranks, the LSTM and the Transformer at two sizes each, for the low-rank method and the
 * baselines that bound it (deterministic, full-rank Bayes by Backprop, the deep ensemble).
 */

export type SpeedArch = 'mlp' | 'lstm' | 'transformer';

/** 'ensemble' is timed as its members' deterministic steps (METHOD.md section 5). */
export type SpeedMethod = 'sbnn' | 'deterministic' | 'bbb' | 'ensemble';

export const SPEED_METHODS: readonly SpeedMethod[] = ['sbnn', 'deterministic', 'bbb', 'ensemble'];

/** Members of the deep ensemble (METHOD.md section 5: M = 5). */
export const ENSEMBLE_MEMBERS = 5;

/** Records of a training batch (the app's default batch size). */
export const BATCH = 64;

/** Prediction: S weight draws on this many records (METHOD.md section 4, the app's default S). */
export const PREDICT_SAMPLES = 100;
export const PREDICT_RECORDS = 1000;

/** Vocabulary of the synthetic token ids the Transformer reads. */
export const VOCAB = 2000;

const PRIOR = { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) } as const;

/**
 * One network to time: its architecture, its size (`width`: MLP hidden width, LSTM hidden units H,
 * Transformer d_model) and rank (MLP r of every matrix, LSTM r_hh, Transformer r), and how to
 * build it for any layer method.
 */
export interface SpeedNetwork {
  arch: SpeedArch;
  width: number;
  rank: number;
  /** The network of a method (the rank is read by the low-rank method only), initialized from `seed`. */
  build(method: LayerMethod, seed: number): BayesianModel;
  likelihood: LikelihoodConfig;
}

/** Repetitions of a timed step, after the warm-up steps. */
export interface SpeedReps {
  warmup: number;
  reps: number;
}

export interface SpeedPlan {
  quick: boolean;
  mlpWidths: number[];
  mlpRanks: number[];
  lstm: SpeedNetwork[];
  transformer: SpeedNetwork[];
  steps: SpeedReps;
  /** Epochs of the training run during which the main-process event loop is sampled. */
  lagEpochs: number;
}

/** MLP: inputs of `width` features, two hidden layers of `width`, one output (a binary classifier). */
export function mlpNetwork(width: number, rank: number): SpeedNetwork {
  return {
    arch: 'mlp',
    width,
    rank,
    likelihood: { kind: 'bernoulli' },
    build: (method, seed) =>
      buildMlp({
        inputDim: width,
        outputDim: 1,
        hidden: [width, width],
        ranks: [rank, rank, 1],
        method,
        prior: PRIOR,
        seed
      })
  };
}

/** LSTM regressor over 24-step windows of 4 features (METHOD.md section 3), r_ih = 0.7 r_hh as in the paper's 14 / 20. */
export function lstmNetwork(hidden: number, rankHh: number): SpeedNetwork {
  return {
    arch: 'lstm',
    width: hidden,
    rank: rankHh,
    likelihood: { kind: 'gaussian' },
    build: (method, seed) =>
      buildLstmRegressor({
        arch: 'lstm',
        inputFeatures: 4,
        window: 24,
        hidden,
        layers: 2,
        rankIh: Math.max(1, Math.round(0.7 * rankHh)),
        rankHh,
        method,
        prior: PRIOR,
        seed
      })
  };
}

/** Transformer classifier over records of `maxLen` tokens (all real), d_ff = 2 d, 4 heads (METHOD.md section 3). */
export function transformerNetwork(
  dModel: number,
  layers: number,
  rank: number,
  maxLen: number
): SpeedNetwork {
  return {
    arch: 'transformer',
    width: dModel,
    rank,
    likelihood: { kind: 'bernoulli' },
    build: (method, seed) =>
      buildTransformerClassifier({
        arch: 'transformer',
        vocabSize: VOCAB,
        maxLen,
        dModel,
        layers,
        heads: 4,
        ff: 2 * dModel,
        rank,
        outputDim: 1,
        method,
        prior: PRIOR,
        seed
      })
  };
}

/**
 * What a run times: --quick keeps the MLP grid (the targets are read on it) with fewer repetitions
 * and the smaller LSTM and Transformer sizes; the full run adds the paper's sizes.
 */
export function speedPlan(quick: boolean): SpeedPlan {
  return {
    quick,
    mlpWidths: [128, 512, 1024],
    mlpRanks: [4, 16, 64],
    lstm: quick ? [lstmNetwork(32, 10), lstmNetwork(64, 20)] : [lstmNetwork(64, 20), lstmNetwork(128, 40)],
    transformer: quick
      ? [transformerNetwork(32, 2, 4, 32), transformerNetwork(64, 2, 8, 64)]
      : [transformerNetwork(64, 2, 8, 64), transformerNetwork(256, 4, 16, 64)],
    steps: quick ? { warmup: 3, reps: 7 } : { warmup: 5, reps: 20 },
    lagEpochs: quick ? 10 : 30
  };
}
