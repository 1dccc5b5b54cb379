import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/errors';
import { selectBackend } from '../../../src-main/compute/backend';

/** Rejects with an AppError; returns it for inspection. */
async function appErrorOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

function moduleNotFound(name: string): Error {
  return Object.assign(new Error(`Cannot find module '${name}'\nRequire stack:\n- /x.js`), {
    code: 'MODULE_NOT_FOUND'
  });
}

describe('selectBackend', () => {
  it('picks WebAssembly here and says why each native backend is unavailable', async () => {
    const info = await selectBackend({ env: {} });
    expect(info).toEqual({
      name: 'wasm',
      label: 'WebAssembly (SIMD, 1 thread)',
      unavailable: [
        { name: 'tensorflow-gpu', reason: '@tensorflow/tfjs-node-gpu is not installed' },
        { name: 'tensorflow', reason: '@tensorflow/tfjs-node is not installed' }
      ]
    });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('uses the cpu backend when SBNN_BACKEND=cpu, without trying the better ones', async () => {
    const tried: string[] = [];
    const info = await selectBackend({
      env: { SBNN_BACKEND: 'cpu' },
      loadPackage: (name) => {
        tried.push(name);
        return {};
      }
    });
    expect(info.name).toBe('cpu');
    expect(info.label).toBe('CPU (plain JavaScript)');
    expect(info.unavailable.map((u) => u.name)).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm']);
    expect(
      info.unavailable.every((u) => u.reason === 'not tried: SBNN_BACKEND=cpu selects the backend')
    ).toBe(true);
    expect(tried).toEqual([]);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('fails with COMPUTE_FAILED when SBNN_BACKEND forces an unavailable backend', async () => {
    const err = await appErrorOf(selectBackend({ env: { SBNN_BACKEND: 'tensorflow' } }));
    expect(err.code).toBe('COMPUTE_FAILED');
    expect(err.message).toContain('@tensorflow/tfjs-node is not installed');
  });

  it('rejects an SBNN_BACKEND value that names no backend', async () => {
    const err = await appErrorOf(selectBackend({ env: { SBNN_BACKEND: 'gpu' } }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain('use one of tensorflow-gpu, tensorflow, wasm, cpu');
  });

  it('tells "not installed" apart from a package that is present but fails to load', async () => {
    const info = await selectBackend({
      env: {},
      loadPackage: (name) => {
        if (name === '@tensorflow/tfjs-node-gpu') {
          throw new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory');
        }
        // A missing dependency of an installed package is a load failure, not "not installed".
        throw moduleNotFound('@tensorflow/tfjs');
      }
    });
    expect(info.name).toBe('wasm');
    expect(info.unavailable).toEqual([
      {
        name: 'tensorflow-gpu',
        reason:
          '@tensorflow/tfjs-node-gpu failed to load: libcudart.so.11.0: cannot open shared object file: No such file or directory'
      },
      {
        name: 'tensorflow',
        reason: "@tensorflow/tfjs-node failed to load: Cannot find module '@tensorflow/tfjs'"
      }
    ]);
  });

  it('reports a native package that loads but registers no backend', async () => {
    const info = await selectBackend({ env: {}, loadPackage: () => ({}) });
    expect(info.name).toBe('wasm');
    expect(info.unavailable[1]).toEqual({
      name: 'tensorflow',
      reason: "@tensorflow/tfjs-node loaded but did not register the 'tensorflow' backend"
    });
  });

  it('tries a preferred backend first and marks the better ones as not tried', async () => {
    const info = await selectBackend({ prefer: 'cpu', env: {} });
    expect(info.name).toBe('cpu');
    expect(info.unavailable).toEqual([
      { name: 'tensorflow-gpu', reason: 'not tried: cpu was preferred' },
      { name: 'tensorflow', reason: 'not tried: cpu was preferred' },
      { name: 'wasm', reason: 'not tried: cpu was preferred' }
    ]);
    // Back to the default for the rest of the file's process.
    expect((await selectBackend({ env: {} })).name).toBe('wasm');
  });
});
