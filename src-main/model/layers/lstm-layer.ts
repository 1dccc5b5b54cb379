import * as tf from '@tensorflow/tfjs-core';
import type { NamedVariable, WeightMatrix } from '../bayesian-model';
import { sharedInputMatMul } from './dense-layer';
import type { WeightDraw } from '../gaussian-posterior';

/**
 * One draw of an LSTM layer bound to its weights (METHOD.md section 3: drawn once per batch, applied
 * at every time step): x time-major [steps * B, d_in] -> `steps` states [B, H].
 */
export interface LstmPass {
  run(x: tf.Tensor, steps: number): tf.Tensor[];
  /** Monte Carlo KL log q - log p of the layer on the draw (METHOD.md section 2). */
  kl(): tf.Scalar;
  dispose(): void;
}

/**
 * The state of S stacked cells after a time step: h_t [S, B, H] and, for the next step, twice the
 * cell state 2 c_t [S, B, H]. A type alias rather than an interface so that tf.tidy can return it.
 */
export type LstmState = { h: tf.Tensor; c2: tf.Tensor };

/** S draws of an LSTM layer prepared for prediction: one time step of all S cells at once, no gradients. */
export interface LstmInferenceCell {
  /** x_t [B, d_in] (shared by the draws) or [S, B, d_in] and the previous state (null at t = 0) -> the new state. */
  step(x: tf.Tensor, state: LstmState | null): LstmState;
  dispose(): void;
}

/** An LSTM layer of any method: the low-rank one (LowRankLSTM) or a baseline's (DenseLSTM). */
export interface LstmLayer {
  readonly inputDim: number;
  readonly hidden: number;
  /** One draw (a seed) or the posterior means ('mean'). */
  pass(draw: WeightDraw): LstmPass;
  /** S draws for prediction, all applied at once by every step (METHOD.md section 4). */
  inferenceMany(count: number, seed: number): LstmInferenceCell;
  /** Floats per record and draw of the largest tensor of an inferenceMany step: max(H, k_in + k_rec). */
  readonly inferenceFloatsPerRecord: number;
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
 * The input projections of all steps ([steps B, 4H], one product) split per step: steps x [B, 4H].
 * A single step skips unstack, whose gradient fails for one output.
 */
export function projectionSteps(projected: tf.Tensor, steps: number): tf.Tensor[] {
  if (steps === 1) return [projected];
  const [rows = 0, gates = 0] = projected.shape;
  return tf.unstack(tf.reshape(projected, [steps, rows / steps, gates]));
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

/**
 * S stacked draws of an LSTM layer in the gate layout of lstmInferenceCell: z_t = [p_t, q_t] M + b
 * with p_t = x_t P_in, q_t = h_{t-1} P_rec (the low-rank methods: P = A_ih, A_hh and M = [B_ih^T;
 * B_hh^T]) or p_t = x_t, q_t = h_{t-1} (the dense methods: M = [W_ih; W_hh]).
 */
export interface StackedLstmDraws {
  /** P_in [S, d_in, r_ih], or null when the gates read x_t itself. */
  inputProjection: tf.Tensor | null;
  /** P_rec [S, H, r_hh], or null when the gates read h_{t-1} itself. */
  recurrentProjection: tf.Tensor | null;
  /** The rows of M that p_t meets: [S, k_in, 4H]. */
  inputGates: tf.Tensor;
  /** The rows of M that q_t meets: [S, k_rec, 4H]. */
  recurrentGates: tf.Tensor;
  /** b [S, 4H]. */
  bias: tf.Tensor;
}

/** One gate k of the S cells: M_k [S, k_in + k_rec, H], its input rows [S, k_in, H] (t = 0) and b_k [S, 1, H]. */
type GateWeights = { m: tf.Tensor; mIn: tf.Tensor; bias: tf.Tensor };

/**
 * The LSTM cell of S stacked draws for prediction (METHOD.md sections 3-4), the same function as
 * lstmRecurrence for each draw. Every product is batched over the draws ([S, B, k] x [S, k, H]),
 * and each gate is its own fused product-bias-sigmoid, so no [S, B, 4H] tensor is split into gates.
 * The g gate's weights and bias are doubled, so its sigmoid gives s = sigmoid(2 z_g) and
 * tanh(z_g) = 2 s - 1; the cell keeps 2 c_t, so tanh(c_t) = 2 sigmoid(2 c_t) - 1 needs no scaling
 * (wasm's tanh is ~7x slower than its sigmoid). Takes ownership of the draws' tensors.
 */
export function lstmInferenceCell(draws: StackedLstmDraws): LstmInferenceCell {
  const { inputProjection, recurrentProjection } = draws;
  const [count = 0, kIn = 0, gatesWidth = 0] = draws.inputGates.shape;
  const h = gatesWidth / 4;
  const gates = tf.tidy(() =>
    [0, 1, 2, 3].map((k): GateWeights => {
      const scale = k === 2 ? 2 : 1;
      const columns = (w: tf.Tensor): tf.Tensor => tf.slice(w, [0, 0, k * h], [-1, -1, h]);
      const m = tf.mul(scale, tf.concat([columns(draws.inputGates), columns(draws.recurrentGates)], 1));
      const bias = tf.mul(scale, tf.reshape(tf.slice(draws.bias, [0, k * h], [-1, h]), [count, 1, h]));
      return { m, mIn: tf.slice(m, [0, 0, 0], [-1, kIn, -1]), bias };
    })
  );
  tf.dispose([draws.inputGates, draws.recurrentGates, draws.bias]);
  const [gi, gf, gg, go] = gates as [GateWeights, GateWeights, GateWeights, GateWeights];
  return {
    step: (x, state) =>
      tf.tidy(() => {
        const input =
          x.rank === 2
            ? inputProjection
              ? sharedInputMatMul(x, inputProjection)
              : tf.broadcastTo(x, [count, ...x.shape])
            : inputProjection
              ? tf.matMul(x, inputProjection)
              : x;
        const recurrent = state
          ? recurrentProjection
            ? tf.matMul(state.h, recurrentProjection)
            : state.h
          : null;
        const pq = recurrent ? tf.concat([input, recurrent], 2) : input;
        const gate = (g: GateWeights): tf.Tensor =>
          tf.fused.matMul({ a: pq, b: recurrent ? g.m : g.mIn, bias: g.bias, activation: 'sigmoid' });
        // 2 i tanh(z_g) = i (4 s_g - 2); 2 c_t = f (2 c_{t-1}) + 2 i g.
        const scaledInput = tf.mul(gate(gi), tf.sub(tf.mul(4, gate(gg)), 2));
        const c2 = state ? tf.add(tf.mul(gate(gf), state.c2), scaledInput) : scaledInput;
        return { h: tf.mul(gate(go), tf.sub(tf.mul(2, tf.sigmoid(c2)), 1)), c2 };
      }),
    dispose: () => {
      tf.dispose([...gates.flatMap((g) => [g.m, g.mIn, g.bias])]);
      tf.dispose([inputProjection, recurrentProjection].filter((t): t is tf.Tensor => t !== null));
    }
  };
}
