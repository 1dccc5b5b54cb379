import {
  BatchMatMul,
  Reshape,
  Slice,
  SplitV,
  Unpack,
  backend_util,
  slice_util,
  _FusedMatMul,
  Transpose,
  UnsortedSegmentSum,
  broadcast_util,
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
 * (b) The wasm BatchMatMul runs a plain loop kernel whenever the batch holds more than one
 *     product, 4-9x slower than its XNNPACK path for one product ([100, 640, 64] x [100, 64, 8]:
 *     116 ms batched vs 27 ms as 100 single products). The replacement folds a batch that shares
 *     its right operand into the rows of one product (exact: same rows, same sums), and runs any
 *     other batch of large enough products as single products written into one output, so
 *     batched formulations (S weight draws at once) cost no more than a loop over the draws.
 * (c) The wasm Slice kernel copies its WHOLE input to JavaScript before taking the slice, and
 *     Unpack and SplitV call it once per output: unstacking [100, 24, 50, 256] into 24 steps took
 *     8 s. The replacements copy only the slice, straight between views of the wasm heap.
 * (d) The wasm backend has no UnsortedSegmentSum kernel, which the gradient of tf.gather needs
 *     (embedding rows by index). A plain-JS kernel fills the gap.
 */

const BACKEND = 'wasm';
/** Marks our kernel functions; Symbol.for so a second copy of this module recognises them too. */
const FIX_MARK = Symbol.for('sbnn.compute.wasmKernelFix');

/** A typed-array view of a tensor's data on the wasm heap. */
interface HeapView extends ArrayLike<number> {
  set(values: ArrayLike<number>, offset?: number): void;
  subarray(begin: number, end: number): HeapView;
}

/** The part of the wasm backend the replacement kernels use (BackendWasm, typed structurally). */
interface WasmBackendLike {
  readSync(dataId: object): unknown;
  typedArrayFromHeap(t: TensorInfo): HeapView;
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
    'makeOutput' in backend &&
    'typedArrayFromHeap' in backend
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
 * x[begin : begin + size] as a new tensor, copied between views of the wasm heap: the trailing
 * axes the slice spans whole are one contiguous run per index of the leading axes.
 */
function sliceOnHeap(x: TensorInfo, begin: number[], size: number[], wasm: WasmBackendLike): TensorInfo {
  const out = wasm.makeOutput(size, x.dtype);
  const total = util.sizeFromShape(size);
  if (total === 0) return out;
  const rank = x.shape.length;
  const strides = [...util.computeStrides(x.shape), 1];
  // The run: the last axis sliced partially, and every axis after it (spanned whole).
  let first = rank - 1;
  while (first > 0 && size[first] === x.shape[first]) first--;
  const run = util.sizeFromShape(size.slice(first));
  const outer = size.slice(0, first);
  // Views are taken after the allocation, which may have moved the heap.
  const src = wasm.typedArrayFromHeap(x);
  const dst = wasm.typedArrayFromHeap(out);
  const index = outer.map(() => 0);
  for (let written = 0; written < total; written += run) {
    let offset = (begin[first] ?? 0) * (strides[first] ?? 1);
    for (let d = 0; d < first; d++) offset += ((begin[d] ?? 0) + (index[d] ?? 0)) * (strides[d] ?? 1);
    dst.set(src.subarray(offset, offset + run), written);
    for (let d = first - 1; d >= 0; d--) {
      index[d] = (index[d] ?? 0) + 1;
      if ((index[d] ?? 0) < (outer[d] ?? 0)) break;
      index[d] = 0;
    }
  }
  return out;
}

/** Slice, Unpack and SplitV through sliceOnHeap (the originals for strings, which live outside the heap). */
function slicingKernels(): KernelConfig[] {
  const originals = [Slice, Unpack, SplitV].map(requireKernel);
  const fallback = (name: string): KernelFunc => {
    const original = originals.find((k) => k.kernelName === name);
    if (!original) throw new Error(`No original wasm ${name} kernel.`);
    return original.kernelFunc;
  };
  const slice: KernelFunc = (args) => {
    const { x } = args.inputs;
    if (x === undefined || x.dtype === 'string') return fallback(Slice)(args);
    const [begin = [], size = []] = slice_util.parseSliceParams(
      x,
      args.attrs?.['begin'] as number[],
      args.attrs?.['size'] as number[]
    );
    return sliceOnHeap(x, begin, size, asWasmBackend(args.backend));
  };
  const unpack: KernelFunc = (args) => {
    const { value } = args.inputs;
    if (value === undefined || value.dtype === 'string') return fallback(Unpack)(args);
    const rank = value.shape.length;
    const axis = util.parseAxisParam(args.attrs?.['axis'] as number, value.shape)[0] ?? 0;
    const wasm = asWasmBackend(args.backend);
    const size = [...value.shape];
    size[axis] = 1;
    const outShape = value.shape.filter((_, d) => d !== axis);
    return Array.from({ length: value.shape[axis] ?? 0 }, (_, i) => {
      const begin = Array.from({ length: rank }, (_, d) => (d === axis ? i : 0));
      return { ...sliceOnHeap(value, begin, size, wasm), shape: outShape };
    });
  };
  const splitV: KernelFunc = (args) => {
    const { x } = args.inputs;
    if (x === undefined || x.dtype === 'string') return fallback(SplitV)(args);
    const axis = util.parseAxisParam(args.attrs?.['axis'] as number, x.shape)[0] ?? 0;
    const sizes = backend_util.prepareSplitSize(
      x,
      args.attrs?.['numOrSizeSplits'] as number | number[],
      axis
    );
    const wasm = asWasmBackend(args.backend);
    let start = 0;
    return sizes.map((s) => {
      const begin = x.shape.map((_, d) => (d === axis ? start : 0));
      const size = x.shape.map((n, d) => (d === axis ? s : n));
      start += s;
      return sliceOnHeap(x, begin, size, wasm);
    });
  };
  const replacements: Array<[string, KernelFunc]> = [
    [Slice, slice],
    [Unpack, unpack],
    [SplitV, splitV]
  ];
  return replacements.map(([kernelName, kernelFunc]) => ({
    kernelName,
    backendName: BACKEND,
    kernelFunc: markFix(kernelFunc)
  }));
}

/**
 * Multiply-adds of one product from which a batch runs as single products (measured on wasm,
 * batches of 256: [16, 16] x [16, 16] products take 9 ms batched vs 19 ms one by one, [32, 16] x
 * [16, 32] the same in both, [32, 32] x [32, 32] 54 vs 22 ms).
 */
const SINGLE_PRODUCT_MIN_MACS = 16_384;

/** The kernels a batched product is rebuilt from. */
interface ProductKernels {
  plain: KernelFunc;
  reshape: KernelFunc;
}

/**
 * Matrix i of x [batch, rows, cols] as a new [1, rows, cols] tensor, copied on the wasm heap (the
 * wasm Slice kernel takes ~40 ms for a [1, 640, 64] slice of a 3-d tensor; a copy takes microseconds).
 */
function matrixAt(x: TensorInfo, i: number, wasm: WasmBackendLike): TensorInfo {
  const [, rows = 0, cols = 0] = x.shape;
  const size = rows * cols;
  const out = wasm.makeOutput([1, rows, cols], x.dtype);
  // Views are taken after the allocation, which may have moved the heap.
  wasm.typedArrayFromHeap(out).set(wasm.typedArrayFromHeap(x).subarray(i * size, (i + 1) * size));
  return out;
}

/**
 * a [...batchA, m, k] x b [...batchB, k, n] (no transpose flags) through the fast single-product
 * path of the wasm kernel, or null when the original batched kernel should run: one product, a
 * broadcast of batch axes other than "one side has a single matrix", or products too small.
 * Outputs are bitwise those of single products: each output row is the same dot products.
 */
function batchedBySingleProducts(
  a: TensorInfo,
  b: TensorInfo,
  backend: NonNullable<unknown>,
  kernels: ProductKernels
): TensorInfo | null {
  const [m = 0, k = 0] = a.shape.slice(-2);
  const n = b.shape[b.shape.length - 1] ?? 0;
  const batchA = util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = util.sizeFromShape(b.shape.slice(0, -2));
  const batch = Math.max(batchA, batchB);
  if (batch === 1 || (batchA !== batchB && batchA !== 1 && batchB !== 1)) return null;
  if (batchB > 1 && m * k * n < SINGLE_PRODUCT_MIN_MACS) return null;
  const outShape = [
    ...broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2)),
    m,
    n
  ];
  const wasm = asWasmBackend(backend);
  const run = (kernel: KernelFunc, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap): TensorInfo =>
    singleOutput(kernel({ inputs, backend, attrs }));
  const product = (x: TensorInfo, y: TensorInfo): TensorInfo =>
    run(kernels.plain, { a: x, b: y }, { transposeA: false, transposeB: false });
  const reshape = (x: TensorInfo, shape: number[]): TensorInfo => run(kernels.reshape, { x }, { shape });
  const intermediates: TensorInfo[] = [];
  const keep = (t: TensorInfo): TensorInfo => {
    intermediates.push(t);
    return t;
  };
  try {
    const b3 = keep(reshape(b, [batchB, k, n]));
    if (batchB === 1) {
      // Every matrix of a meets the same b: the rows of all of them form one [batch m, k] product.
      const out = product(keep(reshape(a, [1, batchA * m, k])), b3);
      out.shape = outShape;
      return out;
    }
    const a3 = keep(reshape(a, [batchA, m, k]));
    const out = wasm.makeOutput(outShape, 'float32');
    for (let i = 0; i < batch; i++) {
      const ai = batchA === 1 ? a3 : keep(matrixAt(a3, i, wasm));
      const pi = keep(product(ai, keep(matrixAt(b3, i, wasm))));
      wasm.typedArrayFromHeap(out).set(wasm.typedArrayFromHeap(pi), i * m * n);
    }
    return out;
  } finally {
    for (const t of intermediates) wasm.disposeData(t.dataId);
  }
}

/**
 * Wraps a matMul-like kernel (inputs a, b; attrs transposeA, transposeB) so the original kernel
 * only ever sees transposeA = transposeB = false; with `batchKernels` (BatchMatMul, whose inputs
 * are a and b alone) a batch of products also runs as single products where that is faster. Shapes: a [...batch, m, k] or, with transposeA,
 * [...batch, k, m]; b [...batch, k, n] or, with transposeB, [...batch, n, k]; out [...batch, m, n].
 */
function withExplicitTranspose(
  original: KernelConfig,
  transpose: KernelFunc,
  batchKernels: Omit<ProductKernels, 'plain'> | null
): KernelConfig {
  const kernels = batchKernels ? { ...batchKernels, plain: original.kernelFunc } : null;
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const transposeA = attrs?.['transposeA'] === true;
    const transposeB = attrs?.['transposeB'] === true;
    const { a, b } = inputs;
    if (a === undefined || b === undefined) return original.kernelFunc({ inputs, backend, attrs });
    const wasm = asWasmBackend(backend);
    const intermediates: TensorInfo[] = [];
    try {
      const aPlain = transposeA ? transposeLastTwo(a, backend, transpose) : a;
      if (transposeA) intermediates.push(aPlain);
      const bPlain = transposeB ? transposeLastTwo(b, backend, transpose) : b;
      if (transposeB) intermediates.push(bPlain);
      const batched = kernels ? batchedBySingleProducts(aPlain, bPlain, backend, kernels) : null;
      if (batched) return batched;
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
  const batchKernels = { reshape: requireKernel(Reshape).kernelFunc };
  for (const name of [BatchMatMul, _FusedMatMul]) {
    const current = requireKernel(name);
    if (!isFix(current.kernelFunc))
      replaceKernel(withExplicitTranspose(current, transpose, name === BatchMatMul ? batchKernels : null));
  }
  for (const config of slicingKernels()) {
    if (!isFix(requireKernel(config.kernelName).kernelFunc)) replaceKernel(config);
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
