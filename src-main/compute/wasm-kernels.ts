import {
  BatchMatMul,
  _FusedMatMul,
  Transpose,
  UnsortedSegmentSum,
  getKernel,
  registerKernel,
  unregisterKernel,
  util
} from '@tensorflow/tfjs-core';
import type { DataType, KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

/**
 * Kernel replacements for the tfjs wasm backend (TOOLCHAIN.md, "tfjs on the wasm backend").
 *
 * (a) The wasm BatchMatMul / _FusedMatMul kernels are 10-20x slower with transposeA/transposeB
 *     than without, and backprop through y = x W asks for x^T dy and dy W^T on every layer.
 *     The replacements transpose the flagged operand explicitly (one cheap copy) and call the
 *     original kernel without flags, which takes the fast path. This also fixes a wrong result:
 *     the stock _FusedMatMul adds the bias incorrectly whenever a transpose flag is set (4.22,
 *     measured against the cpu backend; error up to max|bias|); without flags it is correct.
 * (b) The wasm backend has no UnsortedSegmentSum kernel, which the gradient of tf.gather needs
 *     (embedding rows by index). A plain-JS kernel fills the gap.
 */

const BACKEND = 'wasm';
/** Marks our kernel functions; Symbol.for so a second copy of this module recognises them too. */
const FIX_MARK = Symbol.for('sbnn.compute.wasmKernelFix');

/** The part of the wasm backend the replacement kernels use (BackendWasm, typed structurally). */
interface WasmBackendLike {
  readSync(dataId: object): unknown;
  disposeData(dataId: object, force?: boolean): boolean;
  makeOutput(
    shape: number[],
    dtype: DataType,
    memoryOffset?: number,
    values?: Float32Array | Int32Array
  ): TensorInfo;
}

function asWasmBackend(backend: unknown): WasmBackendLike {
  if (
    typeof backend === 'object' &&
    backend !== null &&
    'readSync' in backend &&
    'disposeData' in backend &&
    'makeOutput' in backend
  ) {
    return backend as WasmBackendLike;
  }
  throw new Error('A wasm kernel replacement ran on a backend that is not the wasm backend.');
}

function singleOutput(out: TensorInfo | TensorInfo[]): TensorInfo {
  if (Array.isArray(out)) {
    const [first] = out;
    if (out.length !== 1 || first === undefined) throw new Error('Expected a kernel with one output.');
    return first;
  }
  return out;
}

function markFix(fn: KernelFunc): KernelFunc {
  Object.defineProperty(fn, FIX_MARK, { value: true });
  return fn;
}

function isFix(fn: KernelFunc): boolean {
  return (fn as KernelFunc & { [FIX_MARK]?: boolean })[FIX_MARK] === true;
}

function requireKernel(kernelName: string): KernelConfig {
  const kernel = getKernel(kernelName, BACKEND);
  if (kernel === undefined) {
    throw new Error(
      `The wasm backend has no '${kernelName}' kernel; import '@tensorflow/tfjs-backend-wasm' first.`
    );
  }
  return kernel;
}

/** Swaps the last two axes: [...batch, r, c] -> [...batch, c, r], as a new tensor on the backend. */
function transposeLastTwo(x: TensorInfo, backend: NonNullable<unknown>, transpose: KernelFunc): TensorInfo {
  const rank = x.shape.length;
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return singleOutput(transpose({ inputs: { x }, backend, attrs: { perm } }));
}

/**
 * Wraps a matMul-like kernel (inputs a, b; attrs transposeA, transposeB) so the original kernel
 * only ever sees transposeA = transposeB = false. Shapes: a [...batch, m, k] or, with transposeA,
 * [...batch, k, m]; b [...batch, k, n] or, with transposeB, [...batch, n, k]; out [...batch, m, n].
 */
function withExplicitTranspose(original: KernelConfig, transpose: KernelFunc): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const transposeA = attrs?.['transposeA'] === true;
    const transposeB = attrs?.['transposeB'] === true;
    const { a, b } = inputs;
    if ((!transposeA && !transposeB) || a === undefined || b === undefined) {
      return original.kernelFunc({ inputs, backend, attrs });
    }
    const wasm = asWasmBackend(backend);
    const intermediates: TensorInfo[] = [];
    try {
      const aPlain = transposeA ? transposeLastTwo(a, backend, transpose) : a;
      if (transposeA) intermediates.push(aPlain);
      const bPlain = transposeB ? transposeLastTwo(b, backend, transpose) : b;
      if (transposeB) intermediates.push(bPlain);
      const plainAttrs: NamedAttrMap = { ...attrs, transposeA: false, transposeB: false };
      return original.kernelFunc({ inputs: { ...inputs, a: aPlain, b: bPlain }, backend, attrs: plainAttrs });
    } finally {
      for (const t of intermediates) wasm.disposeData(t.dataId);
    }
  };
  return {
    kernelName: original.kernelName,
    backendName: BACKEND,
    kernelFunc: markFix(kernelFunc),
    // The originals keep their wasm function handles in module state set up here; if we are
    // installed before the backend initialises, the engine calls these on our config instead.
    ...(original.setupFunc ? { setupFunc: original.setupFunc } : {}),
    ...(original.disposeFunc ? { disposeFunc: original.disposeFunc } : {})
  };
}

/**
 * out[s, ...] = sum over i with segmentIds[i] = s of x[i, ...]; ids outside [0, numSegments) are
 * dropped, as in TensorFlow. x: [...idShape, ...inner], segmentIds: idShape (int32),
 * out: [numSegments, ...inner]. Sums accumulate in float64 and are rounded once to x's dtype.
 */
const unsortedSegmentSum: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, segmentIds } = inputs;
  if (x === undefined || segmentIds === undefined)
    throw new Error('UnsortedSegmentSum needs x and segmentIds.');
  const numSegments = attrs?.['numSegments'];
  if (typeof numSegments !== 'number' || !Number.isInteger(numSegments) || numSegments < 0) {
    throw new Error(
      `UnsortedSegmentSum needs a non-negative integer numSegments, got ${String(numSegments)}.`
    );
  }
  if (x.dtype !== 'float32' && x.dtype !== 'int32') {
    throw new Error(`UnsortedSegmentSum on wasm supports float32 and int32 data, got ${x.dtype}.`);
  }
  const idRank = segmentIds.shape.length;
  if (x.shape.length < idRank || segmentIds.shape.some((d, i) => d !== x.shape[i])) {
    throw new Error(
      `UnsortedSegmentSum: segmentIds shape [${segmentIds.shape.join(',')}] must be a prefix of x shape [${x.shape.join(',')}].`
    );
  }
  const wasm = asWasmBackend(backend);
  const values = wasm.readSync(x.dataId) as ArrayLike<number>;
  const ids = wasm.readSync(segmentIds.dataId) as ArrayLike<number>;
  const innerShape = x.shape.slice(idRank);
  const inner = util.sizeFromShape(innerShape);
  const sums = new Float64Array(numSegments * inner);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i] as number;
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) sums[dst + j] = (sums[dst + j] as number) + (values[src + j] as number);
  }
  const out = x.dtype === 'int32' ? Int32Array.from(sums) : Float32Array.from(sums);
  return wasm.makeOutput([numSegments, ...innerShape], x.dtype, undefined, out);
};

function replaceKernel(config: KernelConfig): void {
  if (getKernel(config.kernelName, BACKEND) !== undefined) unregisterKernel(config.kernelName, BACKEND);
  registerKernel(config);
}

/**
 * Installs the wasm kernel replacements described above. Idempotent; safe to call before or
 * after tf.setBackend('wasm'). Requires '@tensorflow/tfjs-backend-wasm' to have been imported.
 */
export function installWasmKernelFixes(): void {
  const transpose = requireKernel(Transpose).kernelFunc;
  for (const name of [BatchMatMul, _FusedMatMul]) {
    const current = requireKernel(name);
    if (!isFix(current.kernelFunc)) replaceKernel(withExplicitTranspose(current, transpose));
  }
  // A future tfjs-backend-wasm may ship its own kernel; keep it if so.
  if (getKernel(UnsortedSegmentSum, BACKEND) === undefined) {
    registerKernel({
      kernelName: UnsortedSegmentSum,
      backendName: BACKEND,
      kernelFunc: markFix(unsortedSegmentSum)
    });
  }
}
