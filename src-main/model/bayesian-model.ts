import type * as tf from '@tensorflow/tfjs-core';
import type { Arch } from '@shared/domain/config';
import type { WeightDraw } from './gaussian-posterior';

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
  /** JSON-friendly spec with the `arch` discriminator; saved with the posterior. */
  readonly spec: ModelSpec;
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
  /** Draws S independent weight sets from `seed` (METHOD.md section 4); the caller disposes them. */
  drawSamples(count: number, seed: number): WeightSamples;
  /** Every mu and rho, in the order of namedVariables(). */
  readonly trainableVariables: tf.Variable[];
  /** Variables under stable names (`layer0.a.mu`, ...) in a fixed order, for snapshots and serialization. */
  namedVariables(): NamedVariable[];
  /** Every mu and rho (paper convention, METHOD.md section 1); the likelihood's parameters excluded. */
  readonly paramCount: number;
  dispose(): void;
}

/** Floats one activation tensor of a prediction or validation chunk may take (16 MB). */
export const ACTIVATION_BUDGET = 4 * 1024 * 1024;

/** Values per record: the product of the record shape. */
export function recordSize(input: RecordInput): number {
  return input.shape.reduce((p, d) => p * d, 1);
}
