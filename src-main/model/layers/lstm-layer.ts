import * as tf from '@tensorflow/tfjs-core';
import type { NamedVariable, WeightMatrix } from '../bayesian-model';
import type { WeightDraw } from '../gaussian-posterior';

/**
 * One draw of an LSTM layer bound to its weights (METHOD.md section 3: drawn once per batch, applied
 * at every time step). Plain draw: x time-major [steps * B, d_in] -> `steps` states [B, H]. Stacked
 * draw: x [steps * B, d_in] or [S, steps * B, d_in] -> `steps` states [S, B, H].
 */
export interface LstmPass {
  /** Whether the draw holds S stacked draws. */
  readonly stacked: boolean;
  run(x: tf.Tensor, steps: number): tf.Tensor[];
  /** Monte Carlo KL log q - log p of the layer on a single draw (METHOD.md section 2). */
  kl(): tf.Scalar;
  dispose(): void;
}

/** One plain draw prepared for prediction: `steps` inputs [B, d_in] -> `steps` states [B, H], no gradients. */
export interface LstmInferencePass {
  run(inputs: tf.Tensor[]): tf.Tensor[];
  dispose(): void;
}

/** An LSTM layer of any method: the low-rank one (LowRankLSTM) or a baseline's (DenseLSTM). */
export interface LstmLayer {
  readonly inputDim: number;
  readonly hidden: number;
  /** One draw (a seed) or the posterior means ('mean'). */
  pass(draw: WeightDraw): LstmPass;
  /** S stacked draws (the KL is not defined for them). */
  passMany(count: number, seed: number): LstmPass;
  /** S plain draws for prediction, each applied to whole chunks one after another. */
  inferencePasses(count: number, seed: number): LstmInferencePass[];
  readonly paramCount: number;
  namedVariables(prefix: string): NamedVariable[];
  readonly trainableVariables: tf.Variable[];
  /** `${prefix}.ih` (d_in x 4H) and `${prefix}.hh` (H x 4H). */
  weightMatrices(prefix: string): WeightMatrix[];
  dispose(): void;
}

/** tanh(v) = 2 sigmoid(2 v) - 1 (absolute error ~1e-7 in float32). */
export function tanhBySigmoid(v: tf.Tensor): tf.Tensor {
  return tf.sub(tf.mul(2, tf.sigmoid(tf.mul(2, v))), 1);
}

/**
 * The input projections of all steps ([(S,) steps B, 4H], one product) split per step:
 * steps x [(S,) B, 4H]. A single step skips unstack, whose gradient fails for one output.
 */
export function projectionSteps(projected: tf.Tensor, steps: number, stacked: boolean): tf.Tensor[] {
  if (steps === 1) return [projected];
  const gates = projected.shape[projected.rank - 1] ?? 0;
  const rows = (projected.shape[projected.rank - 2] ?? 0) / steps;
  const lead = stacked ? [projected.shape[0] ?? 0] : [];
  return tf.unstack(tf.reshape(projected, [...lead, steps, rows, gates]), stacked ? 1 : 0);
}

/**
 * The LSTM recurrence with gates packed [i, f, g, o] as in PyTorch's nn.LSTM (METHOD.md section 3):
 * z_t = x_t W_ih + b + h_{t-1} W_hh, c_t = f c_{t-1} + i g, h_t = o tanh(c_t). perStep holds
 * x_t W_ih + b; `recurrent` maps h_{t-1} to h_{t-1} W_hh. h_0 = c_0 = 0, so the first step needs
 * neither the recurrent product nor the forget gate. Returns every h_t.
 */
export function lstmRecurrence(
  perStep: tf.Tensor[],
  recurrent: (hPrev: tf.Tensor) => tf.Tensor,
  tanh: (v: tf.Tensor) => tf.Tensor = tf.tanh
): tf.Tensor[] {
  let hPrev: tf.Tensor | null = null;
  let cPrev: tf.Tensor | null = null;
  const states: tf.Tensor[] = [];
  for (const zx of perStep) {
    const z = hPrev ? tf.add(zx, recurrent(hPrev)) : zx;
    const [zi, zf, zg, zo] = tf.split(z, 4, -1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const input = tf.mul(tf.sigmoid(zi), tanh(zg));
    const c: tf.Tensor = cPrev ? tf.add(tf.mul(tf.sigmoid(zf), cPrev), input) : input;
    hPrev = tf.mul(tf.sigmoid(zo), tanh(c));
    cPrev = c;
    states.push(hPrev);
  }
  return states;
}
