/**
 * Times matMul on the wasm backend with and without transposed operands, before and after
 * installWasmKernelFixes() (TOOLCHAIN.md: transposed products are 10-20x slower unfixed), plus one
 * dense-layer forward + backward pass, which uses both transposed products.
 *
 *   npx tsx scripts/bench-wasm-matmul.ts [--json]
 */
import '../src-main/compute/tfjs-runtime';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { wasmBinaryFolder } from '../src-main/compute/backend';
import { installWasmKernelFixes } from '../src-main/compute/wasm-kernels';

const [M, K, N] = [256, 512, 512];
const REPS = 15;

interface Row {
  case: string;
  unfixedMs: number;
  fixedMs: number;
}

function medianMs(fn: () => void): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

function cases(): [string, () => void][] {
  const a = tf.randomNormal([M, K], 0, 1, 'float32', 1);
  const aT = tf.transpose(a);
  const b = tf.randomNormal([K, N], 0, 1, 'float32', 2);
  const bT = tf.transpose(b);
  const run = (f: () => tf.Tensor): void => {
    const out = f();
    out.dataSync();
    out.dispose();
  };
  // y = relu(x W): forward, then dW = x^T dy and dx = dy W^T (both transposed products).
  const denseStep = (): void => {
    const grads = tf.grads((x: tf.Tensor, w: tf.Tensor) => tf.sum(tf.relu(tf.matMul(x, w))))([a, b]);
    grads.forEach((g) => g.dataSync());
    tf.dispose(grads);
  };
  return [
    [`plain         [${M}x${K}]·[${K}x${N}]`, () => run(() => tf.matMul(a, b))],
    ['transposeA    same product', () => run(() => tf.matMul(aT, b, true, false))],
    ['transposeB    same product', () => run(() => tf.matMul(a, bT, false, true))],
    ['both          same product', () => run(() => tf.matMul(aT, bT, true, true))],
    [`dense fwd+bwd B=${M}, ${K}->${N}`, denseStep]
  ];
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  setWasmPaths(wasmBinaryFolder());
  if (!(await tf.setBackend('wasm'))) throw new Error('The wasm backend did not initialise.');
  const list = cases();
  const unfixed = list.map(([, fn]) => medianMs(fn));
  installWasmKernelFixes();
  const fixed = list.map(([, fn]) => medianMs(fn));
  const rows: Row[] = list.map(([name], i) => ({
    case: name,
    unfixedMs: unfixed[i] ?? NaN,
    fixedMs: fixed[i] ?? NaN
  }));

  if (json) {
    process.stdout.write(`${JSON.stringify({ backend: 'wasm', reps: REPS, rows }, null, 2)}\n`);
    return;
  }
  const plainUnfixed = rows[0]?.unfixedMs ?? NaN;
  const plainFixed = rows[0]?.fixedMs ?? NaN;
  console.log(`wasm matMul, median of ${REPS} runs (ms); ratio = time / plain product`);
  console.log('case                              unfixed   ratio    fixed   ratio');
  for (const r of rows) {
    console.log(
      `${r.case.padEnd(32)} ${r.unfixedMs.toFixed(2).padStart(8)} ${(r.unfixedMs / plainUnfixed).toFixed(1).padStart(6)}x` +
        ` ${r.fixedMs.toFixed(2).padStart(8)} ${(r.fixedMs / plainFixed).toFixed(1).padStart(6)}x`
    );
  }
}

void main();
