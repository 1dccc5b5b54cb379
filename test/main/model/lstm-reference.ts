import { matMul, transpose } from './helpers';

/** One LSTM layer's weights as plain row-major float64 arrays: W_ih [d, 4H], W_hh [H, 4H], bias [4H]. */
export type LstmLayerWeights = {
  wih: number[];
  whh: number[];
  bias: number[];
};

/** W = A B^T from row-major factors A [m, r], B [n, r] (METHOD.md section 1), float64. */
export function lowRankProduct(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  n: number,
  r: number
): number[] {
  return matMul(a, transpose(b, n, r), m, r, n);
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/**
 * A textbook LSTM in float64 (gates packed [i, f, g, o], as PyTorch's nn.LSTM), independent of the
 * tfjs code. `weightsAt(layer, t)` gives the weights used at step t, so a caller can hold one draw
 * for every step or hand a different draw to each. x [B, W, F] batch-first; returns the top layer's
 * hidden states [B, W, H] batch-first.
 */
export function lstmReference(
  x: ArrayLike<number>,
  dims: { batch: number; window: number; features: number; hidden: number; layers: number },
  weightsAt: (layer: number, t: number) => LstmLayerWeights
): number[] {
  const { batch, window, features, hidden: h, layers } = dims;
  let seq = Array.from(x); // [B, W, d]
  let d = features;
  for (let layer = 0; layer < layers; layer++) {
    const out = new Array<number>(batch * window * h).fill(0);
    for (let b = 0; b < batch; b++) {
      let hPrev = new Array<number>(h).fill(0);
      let cPrev = new Array<number>(h).fill(0);
      for (let t = 0; t < window; t++) {
        const w = weightsAt(layer, t);
        const xt = seq.slice((b * window + t) * d, (b * window + t + 1) * d);
        const zx = matMul(xt, w.wih, 1, d, 4 * h);
        const zh = matMul(hPrev, w.whh, 1, h, 4 * h);
        const z = zx.map((v, j) => v + (zh[j] ?? 0) + (w.bias[j] ?? 0));
        const c = cPrev.map(
          (cp, j) => sigmoid(z[h + j] ?? 0) * cp + sigmoid(z[j] ?? 0) * Math.tanh(z[2 * h + j] ?? 0)
        );
        hPrev = c.map((cj, j) => sigmoid(z[3 * h + j] ?? 0) * Math.tanh(cj));
        cPrev = c;
        hPrev.forEach((v, j) => (out[(b * window + t) * h + j] = v));
      }
    }
    seq = out;
    d = h;
  }
  return seq;
}
