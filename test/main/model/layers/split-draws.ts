import * as tf from '@tensorflow/tfjs-core';

/**
 * The S plain draws of a stacked one, for checking a stacked draw against its parts: every tensor
 * of `stacked` is cut along its leading (sample) axis, except the `shared` ones (a rank-1 layer's
 * W0 and bias), which every draw holds whole. Each draw owns new tensors and is disposable alone.
 */
export function splitDraws<W extends object>(stacked: W, count: number, shared: readonly string[] = []): W[] {
  return Array.from(
    { length: count },
    (_, s) =>
      Object.fromEntries(
        Object.entries(stacked).map(([key, value]) => {
          if (!(value instanceof tf.Tensor)) return [key, value];
          return [key, shared.includes(key) ? tf.clone(value) : tf.squeeze(tf.slice(value, [s], [1]), [0])];
        })
      ) as W
  );
}
