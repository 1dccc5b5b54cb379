import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { createRng } from '@shared/math/random';
import { selectBackend } from '../../../src-main/compute/backend';

/**
 * What the wasm kernel tests share: tfjs's cpu backend (an independent implementation) as the
 * reference, deterministic inputs, and a check that no test leaks a tensor.
 */

/** Builds the inputs and runs fn on one backend; returns the values of every output. */
async function runOn(backend: 'cpu' | 'wasm', fn: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const outs = tf.tidy(fn);
  const list = Array.isArray(outs) ? outs : [outs];
  const values = list.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(list);
  return values;
}

/** fn's outputs on wasm equal its outputs on cpu, to 1e-5 (relative above 1). */
export async function expectWasmEqualsCpu(fn: () => tf.Tensor | tf.Tensor[]): Promise<void> {
  const cpu = await runOn('cpu', fn);
  const wasm = await runOn('wasm', fn);
  expect(wasm.length).toBe(cpu.length);
  cpu.forEach((expected, k) => {
    const got = wasm[k] as Float32Array;
    expect(got.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) {
      expect(Math.abs((got[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(
        1e-5 * Math.max(1, Math.abs(expected[i] as number))
      );
    }
  });
}

/** Deterministic values in [-1, 1); the same on both backends. */
export function randomTensor(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => rng.next() * 2 - 1),
    shape
  );
}

/** Starts the wasm backend (with the kernel fixes) for the file, and fails any test that leaks tensors. */
export function useWasmWithoutLeaks(): void {
  let tensorsBefore = 0;
  beforeAll(async () => {
    const info = await selectBackend({ prefer: 'wasm', env: {} });
    expect(info.name).toBe('wasm');
  });
  beforeEach(() => {
    tensorsBefore = tf.memory().numTensors;
  });
  afterEach(async () => {
    await tf.setBackend('wasm');
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
}
