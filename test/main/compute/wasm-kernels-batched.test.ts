import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectWasmEqualsCpu, randomTensor, useWasmWithoutLeaks } from './wasm-vs-cpu';

/**
 * The batched products (one product per matrix, on views of the operands' memory) and the
 * short-row concatenation of the wasm kernel replacements compute what tfjs's cpu backend computes
 * (an independent implementation), to 1e-5.
 */

useWasmWithoutLeaks();

describe('wasm batched fused products', () => {
  // [5, 4] x [4, 6] is below the single-product size: a bias per product still runs one by one. A
  // single product's bias [1, 1, n] is reshaped for the original kernel, which takes [n] only.
  it.each([
    [1, 5, 4, 6],
    [3, 5, 4, 6],
    [3, 40, 24, 32]
  ])('match cpu with a bias per product and a sigmoid ([%i, %i, %i] x [%i])', async (s, m, k, n) => {
    await expectWasmEqualsCpu(() => {
      const a = randomTensor([s, m, k], 1);
      const b = randomTensor([s, k, n], 2);
      const bias = randomTensor([s, 1, n], 3);
      const shared = randomTensor([n], 4);
      return [
        tf.fused.matMul({ a, b, bias, activation: 'sigmoid' }),
        tf.fused.matMul({ a, b, bias: shared, activation: 'relu' }),
        tf.fused.matMul({ a: tf.slice(a, [0, 0, 0], [1, -1, -1]), b, bias, activation: 'linear' }),
        tf.matMul(a, b)
      ];
    });
  });

  it('reuses the views of a weight tensor while it lives, and none of a disposed one', async () => {
    await tf.setBackend('wasm');
    const [s, m, k, n] = [4, 32, 24, 32];
    const a = randomTensor([s, m, k], 5);
    /** A batched product with a fresh b: disposed b's memory is reused by the next b. */
    const product = (seed: number): { got: Float32Array; expected: Float32Array } => {
      const b = randomTensor([s, k, n], seed);
      const twice = tf.tidy(() => {
        tf.matMul(a, b).dispose(); // a second product with the same b reuses its views
        return tf.matMul(a, b);
      });
      const got = Float32Array.from(twice.dataSync());
      // Reference: each product alone (single 2-D products take the original kernel).
      const expected = tf.tidy(() => tf.concat(tf.unstack(a).map((ai, i) => tf.matMul(ai, tf.gather(b, i)))));
      const values = Float32Array.from(expected.dataSync());
      tf.dispose([twice, expected, b]);
      return { got, expected: values };
    };
    const backend = tf.backend() as tf.KernelBackend & { numDataIds(): number };
    product(6);
    const dataIds = backend.numDataIds();
    for (let seed = 7; seed < 12; seed++) {
      const { got, expected } = product(seed);
      expected.forEach((v, i) => expect(Math.abs((got[i] as number) - v)).toBeLessThanOrEqual(1e-5));
      // Views of disposed weights are released: at most one weight tensor's views at a time.
      expect(backend.numDataIds()).toBeLessThanOrEqual(dataIds);
    }
    a.dispose();
  });
});

describe('wasm concatenation of short rows', () => {
  it('concatenates a hand-worked example along the last axis', async () => {
    await tf.setBackend('wasm');
    const out = tf.tidy(() =>
      tf.concat(
        [
          tf.tensor2d([
            [1, 2],
            [3, 4]
          ]),
          tf.tensor2d([[5], [6]]),
          tf.tensor2d([
            [7, 8, 9],
            [10, 11, 12]
          ])
        ],
        1
      )
    );
    expect(out.shape).toEqual([2, 6]);
    expect(Array.from(out.dataSync())).toEqual([1, 2, 5, 7, 8, 9, 3, 4, 6, 10, 11, 12]);
    out.dispose();
  });

  it('matches cpu on every axis, for int32 and with empty inputs', async () => {
    await expectWasmEqualsCpu(() => {
      const x = randomTensor([3, 4, 5], 8);
      const y = randomTensor([3, 4, 2], 9);
      const z = randomTensor([3, 1, 5], 10);
      const ints = tf.cast(tf.mul(x, 10), 'int32');
      return [
        tf.concat([x, y, x], 2),
        tf.concat([x, z], 1),
        tf.concat([x, x], 0),
        tf.cast(tf.concat([ints, tf.cast(tf.mul(y, 10), 'int32')], 2), 'float32'),
        tf.concat([x, tf.zeros([3, 4, 0]), y], 2)
      ];
    });
  });
});
