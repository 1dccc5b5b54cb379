import * as tf from '@tensorflow/tfjs-core';
import type { Method } from '@shared/domain/config';
import { createRng } from '@shared/math/random';
import type { NamedVariable, WeightMatrix } from '../bayesian-model';
import type { GaussianPosterior, WeightDraw } from '../gaussian-posterior';
import type { Prior } from '../priors/prior';

/** Methods that build a network from dense weight matrices: every method except the ensemble of networks. */
export type LayerMethod = Exclude<Method, 'ensemble'>;

/** Which standard initialization W (or A B^T) matches in variance (METHOD.md section 2). */
export type VarianceInit = 'he' | 'glorot';

/** Options every dense weight matrix W (m x n) takes, whatever its method. */
export interface DenseLayerOptions {
  /** m: rows of W (features in). */
  inputDim: number;
  /** n: columns of W (features out). */
  outputDim: number;
  /** Prior on every Bayesian entry. */
  prior: Prior;
  /** Seed of the initial values. */
  seed: number;
  /** Variance matched at init: 'he' (2 / m) for layers followed by ReLU, 'glorot' (2 / (m + n)) otherwise. Default 'he'. */
  init?: VarianceInit;
  /** Std of the initial full-rank W entries, overriding `init` (the token embedding's 1 / sqrt(d)). */
  initStd?: number;
  /** Initial sigma of the Bayesian weight entries as a fraction of the matched std (METHOD.md: eta about 0.1). Default 0.1. */
  eta?: number;
  /** Initial rho of a Bayesian bias (sigma = softplus(rho)). Default -5. */
  biasRho?: number;
  /** Initial mu of the bias, n values (e.g. the LSTM's forget-gate 1s). Default all 0. */
  biasMu?: number[];
  /** Whether the layer adds a bias (the LSTM's W_hh has none: its gate bias lives in W_ih). Default true. */
  bias?: boolean;
}

/** The He (2 / m) or Glorot (2 / (m + n)) variance of an m x n weight matrix (METHOD.md section 2). */
export function weightVariance(m: number, n: number, init: VarianceInit): number {
  return init === 'he' ? 2 / m : 2 / (m + n);
}

/** Std of the initial entries of a full-rank W: options.initStd, else the He or Glorot std. */
export function initialStd(options: DenseLayerOptions): number {
  return (
    options.initStd ?? Math.sqrt(weightVariance(options.inputDim, options.outputDim, options.init ?? 'he'))
  );
}

/** The initial full-rank W [m, n]: N(0, initialStd^2) entries from the first seed of the layer's generator. */
export function initialWeight(options: DenseLayerOptions): tf.Tensor2D {
  const seed = createRng(options.seed).seed();
  return tf.randomNormal([options.inputDim, options.outputDim], 0, initialStd(options), 'float32', seed);
}

/** The initial bias (or bias mean) [n]: options.biasMu, else zeros. */
export function initialBiasMean(options: DenseLayerOptions): tf.Tensor1D {
  return options.biasMu ? tf.tensor1d(options.biasMu) : tf.zeros([options.outputDim]);
}

/** A deterministic bias variable at its initial value, or null for a layer without a bias. */
export function initialBiasVariable(options: DenseLayerOptions): tf.Variable | null {
  return options.bias === false ? null : tf.tidy(() => tf.variable(initialBiasMean(options), true));
}

/**
 * The dimensions of a layer whose mean W is a full m x n matrix, of rank min(m, n): every method but
 * the low-rank ones.
 */
export abstract class FullRankShape {
  readonly inputDim: number;
  readonly outputDim: number;
  readonly rank: number;

  constructor({ inputDim, outputDim }: DenseLayerOptions) {
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.rank = Math.min(inputDim, outputDim);
  }
}

/** Weights of a full-rank draw: W [m, n] and the bias [n] (undefined without one), or stacked [S, m, n], [S, n]. */
export type FullWeights = { w: tf.Tensor; bias: tf.Tensor | undefined };

/**
 * A rank-1 multiplicative draw (Dusenberry et al. 2020): the shared deterministic W0 [m, n] and
 * bias [n] (or undefined), and the sampled s [m], r [n], or stacked [S, m], [S, n].
 */
export type Rank1Weights = { w0: tf.Tensor; bias: tf.Tensor | undefined; s: tf.Tensor; r: tf.Tensor };

/** The low-rank factors of a draw: a [m, r], b [n, r], bias [n]; stacked draws add a leading S. */
export type LowRankWeights = { a: tf.Tensor; b: tf.Tensor; bias: tf.Tensor };

/** Weights of one draw (or S stacked draws) of any dense layer; each layer applies only its own kind. */
export type DenseWeights = FullWeights | Rank1Weights | LowRankWeights;

/** A single draw with log q of its Gaussian entries at it (0 when the layer has none), for the KL on the same draw. */
export type DenseSample<W extends DenseWeights = DenseWeights> = W & { logQ: tf.Scalar };

/**
 * One weight matrix W (m x n) with its bias, for any method of METHOD.md section 5. Drawing and
 * applying are separate steps, so a recurrent layer draws once per batch and applies the draw at
 * every step (METHOD.md section 3), and prediction draws S sets once for every chunk (section 4).
 * Parameter types of the methods are each implementation's own weights kind: a layer only ever
 * applies the draws it made.
 */
export interface DenseLayer<W extends DenseWeights = DenseWeights> {
  readonly method: LayerMethod;
  readonly inputDim: number;
  readonly outputDim: number;
  /** Rank of the mean W: the layer's r for low-rank methods, min(m, n) otherwise. */
  readonly rank: number;
  /** One draw: a reparameterized sample for a seed, the posterior means for 'mean'. */
  draw(draw: WeightDraw): DenseSample<W>;
  /** S independent draws stacked on a leading axis (deterministic parts are shared, not stacked). */
  drawMany(count: number, seed: number): W;
  /** Plain draw: x [B, m] -> [B, n]. Stacked draw: x [B, m] or [S, B, m] -> [S, B, n]. */
  apply(x: tf.Tensor, weights: W): tf.Tensor;
  /** The rows `ids` [U] of W for a draw (x one-hot times W, no bias): [U, n], or [S, U, n] stacked. */
  rows(ids: tf.Tensor1D, weights: W): tf.Tensor;
  /** Monte Carlo KL log q - log p of the layer on a single draw (METHOD.md section 2); 0 without posteriors. */
  kl(sample: DenseSample<W>): tf.Scalar;
  /** Every mu and rho, and every deterministic parameter once (METHOD.md section 1). */
  readonly paramCount: number;
  /** `${prefix}.a.mu`, `${prefix}.w`, ...: every variable under a stable name, in a fixed order. */
  namedVariables(prefix: string): NamedVariable[];
  readonly trainableVariables: tf.Variable[];
  /** The Gaussian posteriors by role (what the KL runs over); empty for deterministic layers. */
  readonly posteriors: ReadonlyArray<readonly [name: string, posterior: GaussianPosterior]>;
  /** The posterior-mean W, row-major [m, n] (a new tensor, owned by the caller). */
  meanWeight(): tf.Tensor2D;
  /** The Gaussian factors A [m, r], B [n, r] of W = A B^T (low-rank methods only). */
  readonly factors?: { a: GaussianPosterior; b: GaussianPosterior };
  dispose(): void;
}

/** Disposes every tensor of a draw (never a variable: draws hold copies or derived tensors). */
export function disposeWeights(weights: DenseWeights | DenseSample): void {
  tf.dispose(Object.values(weights).filter((t): t is tf.Tensor => t instanceof tf.Tensor));
}

/**
 * One input x [B, m] times S stacked matrices w [S, m, k] -> [S, B, k], as ONE plain product
 * x [m, S k]: a batched product over S small matrices (or tiling x S times) is several times slower
 * on the cpu and wasm backends than a single large one.
 */
export function sharedInputMatMul(x: tf.Tensor, w: tf.Tensor): tf.Tensor {
  const [count, m, k] = w.shape as [number, number, number];
  const wide = tf.reshape(tf.transpose(w, [1, 0, 2]), [m, count * k]); // [m, S k]
  const rows = x.shape[0] ?? 0;
  return tf.transpose(tf.reshape(tf.matMul(x, wide), [rows, count, k]), [1, 0, 2]); // [S, B, k]
}

/** Adds a plain [n] or stacked [S, n] bias to y [B, n] or [S, B, n]; y itself without a bias. */
export function addBias(y: tf.Tensor, bias: tf.Tensor | undefined): tf.Tensor {
  if (!bias) return y;
  return tf.add(y, bias.rank === 2 ? tf.expandDims(bias, 1) : bias);
}

/** `${prefix}.${role}.mu` and `.rho` of each posterior, in order. */
export function posteriorVariables(
  prefix: string,
  posteriors: ReadonlyArray<readonly [name: string, posterior: GaussianPosterior]>
): NamedVariable[] {
  return posteriors.flatMap(([role, p]) => [
    { name: `${prefix}.${role}.mu`, variable: p.mu },
    { name: `${prefix}.${role}.rho`, variable: p.rho }
  ]);
}

/** A dense layer as a named weight matrix (its factors when it has them: the low-rank methods). */
export function denseMatrix(name: string, layer: DenseLayer): WeightMatrix {
  return {
    name,
    rows: layer.inputDim,
    cols: layer.outputDim,
    rank: layer.rank,
    meanWeight: () => layer.meanWeight(),
    ...(layer.factors ? { factors: layer.factors } : {})
  };
}
