import type * as tf from '@tensorflow/tfjs-core';
import type { Arch, Method } from '@shared/domain/config';
import type { GaussianPosterior, WeightDraw } from './gaussian-posterior';

/**
 * The contract every architecture (MLP, LSTM, Transformer) fulfils, so that ONE trainer
 * (trainer.ts), ONE predictor (predictor.ts) and ONE serialization (serialization.ts) serve them all.
 * Records are fed as tensors [B, ...input.shape] of dtype input.dtype; the network returns
 * [B, outputDim] values that a likelihood (likelihoods/) reads.
 */

/** Per-record input layout: MLP [d] float32; LSTM [W, F] float32; Transformer [L] int32 token ids (0 = padding). */
export interface RecordInput {
  /** Shape of ONE record, without the batch axis. */
  shape: number[];
  dtype: 'float32' | 'int32';
}

/** Row-major records, [n, ...RecordInput.shape] flattened; Int32Array for token ids. */
export type RecordArray = Float32Array | Int32Array;

/**
 * The JSON spec of a model: everything needed to rebuild it before its variables are loaded
 * (shapes, ranks, prior, initial seed). `arch` tells serialization which builder to call.
 */
export interface ModelSpec {
  arch: Arch;
  /** How the weights are learned (METHOD.md section 5); absent in older files: 'sbnn'. */
  method?: Method;
}

/**
 * One weight matrix W (rows x cols, mapping rows-dim inputs to cols-dim outputs) of a model, for
 * the theory tools (METHOD.md section 7) and for initFromSvd (section 5).
 */
export interface WeightMatrix {
  /** 'layer0', 'lstm0.ih', 'lstm0.hh', 'embedding', 'block1.query', 'head', ... */
  name: string;
  rows: number;
  cols: number;
  /** The layer's r for the low-rank methods, min(rows, cols) otherwise. */
  rank: number;
  /** The posterior-mean W [rows, cols] (a new tensor, owned by the caller). */
  meanWeight(): tf.Tensor2D;
  /** The Gaussian factors A [rows, r], B [cols, r] of W = A B^T (low-rank methods only). */
  factors?: { a: GaussianPosterior; b: GaussianPosterior };
}

/** A type alias rather than an interface so that tf.tidy can return it. */
export type ForwardResult = {
  /** [B, outputDim] */
  output: tf.Tensor2D;
  /** Monte Carlo KL log q - log p of the whole network on the draw that produced `output` (METHOD.md section 2). */
  kl: tf.Scalar;
};

/**
 * S weight draws made once (METHOD.md section 4) and applied to any number of record chunks, so
 * every chunk sees the same S networks. Owns its tensors until dispose().
 */
export interface WeightSamples {
  /** S */
  readonly count: number;
  /** x [B, ...input.shape] -> [S, B, outputDim]. Does not dispose x. */
  apply(x: tf.Tensor): tf.Tensor3D;
  dispose(): void;
}

export interface NamedVariable {
  name: string;
  variable: tf.Variable;
}

export interface BayesianModel {
  /** JSON-friendly spec with the `arch` discriminator and the method; saved with the posterior. */
  readonly spec: ModelSpec;
  /** How the weights are learned (METHOD.md section 5). */
  readonly method: Method;
  /** Per-record shape and dtype of the input. */
  readonly input: RecordInput;
  /** Values per record the network returns (what the likelihood reads). */
  readonly outputDim: number;
  /**
   * Floats per record AND per weight draw of the largest activation tensor of a prediction pass;
   * the predictor sizes its record chunks with it (S x chunk x this stays under a memory budget).
   */
  readonly activationFloatsPerRecord: number;
  /**
   * Optional: records per prediction chunk for S draws, when the model does not hold all S draws'
   * activations at once (e.g. it applies the draws one after another); overrides the sizing from
   * activationFloatsPerRecord.
   */
  predictionChunkSize?(samples: number): number;
  /**
   * One forward pass with ONE weight draw shared by the whole batch (and, for recurrent layers, by
   * every time step): a seed gives a reparameterized sample, 'mean' the posterior means (then `kl` is
   * the plug-in log q(mu) - log p(mu), not a KL estimate). `kl` is the KL of that same draw, counted
   * once per call (METHOD.md section 2). x [B, ...input.shape] -> output [B, outputDim].
   */
  forward(x: tf.Tensor, draw: WeightDraw): ForwardResult;
  /**
   * Draws S independent weight sets from `seed` (METHOD.md section 4); the caller disposes them.
   * The result's `count` is what was drawn: 1 for a deterministic network (every draw is the same),
   * the number of members for an ensemble, `count` otherwise.
   */
  drawSamples(count: number, seed: number): WeightSamples;
  /** Every weight matrix, in a fixed order (for the theory tools and initFromSvd). */
  weightMatrices(): WeightMatrix[];
  /** Every trainable variable (mu, rho, deterministic weights), in the order of namedVariables(). */
  readonly trainableVariables: tf.Variable[];
  /** Variables under stable names (`layer0.a.mu`, ...) in a fixed order, for snapshots and serialization. */
  namedVariables(): NamedVariable[];
  /** Every mu and rho, every deterministic parameter once (paper convention, METHOD.md section 1); the likelihood's excluded. */
  readonly paramCount: number;
  dispose(): void;
}

/** Floats one activation tensor of a prediction or validation chunk may take (16 MB). */
export const ACTIVATION_BUDGET = 4 * 1024 * 1024;

/** Values per record: the product of the record shape. */
export function recordSize(input: RecordInput): number {
  return input.shape.reduce((p, d) => p * d, 1);
}

/** Weight draws worth making for S requested: one for a deterministic network, whose draws are all the same. */
export function drawCount(method: Method, requested: number): number {
  return method === 'deterministic' ? 1 : requested;
}

/**
 * Records per prediction chunk for `draws` weight draws: the model's own size when it has one,
 * else as many as keep S x chunk x activationFloatsPerRecord within ACTIVATION_BUDGET (at least 1).
 */
export function predictionChunkRows(model: BayesianModel, draws: number): number {
  return Math.max(
    1,
    Math.floor(
      model.predictionChunkSize?.(draws) ?? ACTIVATION_BUDGET / (draws * model.activationFloatsPerRecord)
    )
  );
}
