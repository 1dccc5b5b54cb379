import {
  BatchMatMul,
  Concat,
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
 * (b) The wasm BatchMatMul and _FusedMatMul run a plain loop kernel whenever the batch holds more
 *     than one product, 4-9x slower than their XNNPACK path for one product ([100, 640, 64] x
 *     [100, 64, 8]: 116 ms batched vs 27 ms as 100 single products), and the fused one adds a
 *     bias wrongly there. The replacements fold a batch that shares its right operand into the
 *     rows of one product (exact: same rows, same sums), and run any other batch of large enough
 *     products (or with a bias, shared or one per product) as single products on views of the
 *     operands' memory, written straight into one output. The views of b stay registered while b
 *     lives, so the product's packed weights are cached across calls (an LSTM applies the same
 *     weights at every step): S draws at once cost no more than a loop over the draws ([100, 163,
 *     35] x [100, 35, 256]: 21 ms, vs 35 ms with copies and 19-32 ms as 100 single products).
 * (c) The wasm Slice kernel copies its WHOLE input to JavaScript before taking the slice, and
 *     Unpack and SplitV call it once per output: unstacking [100, 24, 50, 256] into 24 steps took
 *     8 s. The replacements copy only the slice, straight between views of the wasm heap. Concat
 *     takes a subarray per row of every input, which costs more than copying short rows value by
 *     value ([100, 1310, 7] and [100, 1310, 10] along the last axis: 8 ms instead of 26 ms).
 * (d) The wasm backend has no UnsortedSegmentSum kernel, which the gradient of tf.gather needs
 *     (embedding rows by index). A plain-JS kernel fills the gap.
 */

const BACKEND = 'wasm';
/** Marks our kernel functions; Symbol.for so a second copy of this module recognises them too. */
const FIX_MARK = Symbol.for('sbnn.compute.wasmKernelFix');

/** A typed-array view of a tensor's data on the wasm heap. */
interface HeapView {
  readonly length: number;
  [index: number]: number;
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

/** Rows shorter than this are copied value by value: a subarray per row costs more than its copy. */
const SHORT_ROW = 64;

/**
 * Concatenation along `axis` when every input's rows (the values from `axis` on) are short, e.g.
 * [S, B, r_ih] and [S, B, r_hh] along the last axis: the inputs' rows interleave in the output and
 * are copied value by value, straight between views of the wasm heap. Null for other inputs.
 */
function concatShortRows(args: Parameters<KernelFunc>[0]): TensorInfo | null {
  const inputs = Object.values(args.inputs).filter((t): t is TensorInfo => t !== undefined);
  const first = inputs[0];
  if (!first || first.dtype === 'string') return null;
  const axis = util.parseAxisParam(args.attrs?.['axis'] as number, first.shape)[0] ?? 0;
  const parts = inputs.filter((t) => util.sizeFromShape(t.shape) > 0);
  const rowSizes = parts.map((t) => util.sizeFromShape(t.shape.slice(axis)));
  if (parts.length < 2 || Math.max(...rowSizes) >= SHORT_ROW) return null;
  const wasm = asWasmBackend(args.backend);
  const out = wasm.makeOutput(
    backend_util.computeOutShape(
      inputs.map((t) => t.shape),
      axis
    ),
    first.dtype
  );
  const rows = util.sizeFromShape(first.shape.slice(0, axis));
  const width = rowSizes.reduce((sum, n) => sum + n, 0);
  // Views are taken after the allocation, which may have moved the heap.
  const dst = wasm.typedArrayFromHeap(out);
  let column = 0;
  parts.forEach((part, i) => {
    const src = wasm.typedArrayFromHeap(part);
    const run = rowSizes[i] ?? 0;
    for (let r = 0; r < rows; r++) {
      const [to, from] = [r * width + column, r * run];
      for (let j = 0; j < run; j++) dst[to + j] = src[from + j] as number;
    }
    column += run;
  });
  return out;
}

/**
 * Slice, Unpack and SplitV through sliceOnHeap, Concat of short rows through concatShortRows (the
 * originals otherwise, and for strings, which live outside the heap).
 */
function slicingKernels(): KernelConfig[] {
  const originals = [Slice, Unpack, SplitV, Concat].map(requireKernel);
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
  const concat: KernelFunc = (args) => concatShortRows(args) ?? fallback(Concat)(args);
  const replacements: Array<[string, KernelFunc]> = [
    [Slice, slice],
    [Unpack, unpack],
    [SplitV, splitV],
    [Concat, concat]
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

/** The wasm backend's codes of the activations its fused product applies itself (FusableActivation). */
const ACTIVATION_CODES: Readonly<Record<string, number>> = {
  linear: 0,
  relu: 1,
  relu6: 2,
  sigmoid: 5,
  elu: 6
};

/** The part of the wasm module the single products call: the fused product and tensor deregistration. */
interface WasmModuleLike {
  cwrap(name: string, returnType: null, argTypes: string[]): (...args: Array<number | Uint8Array>) => void;
  tfjs: { disposeData(id: number): void };
}

/** The wasm backend's table of tensor data (its own id and heap offset per dataId). */
interface DataTableLike {
  get(dataId: object): { id: number; memoryOffset: number } | undefined;
  has(dataId: object): boolean;
  delete(dataId: object): boolean;
}

/** The wasm backend with the module and data table the heap views need. */
type ViewBackend = WasmBackendLike & { wasm: WasmModuleLike; dataIdMap: DataTableLike };

function asViewBackend(backend: unknown): ViewBackend {
  const wasm = asWasmBackend(backend);
  if ('wasm' in wasm && 'dataIdMap' in wasm) return wasm as ViewBackend;
  throw new Error('The wasm backend exposes no module or data table.');
}

function entryOf(backend: ViewBackend, dataId: object): { id: number; memoryOffset: number } {
  const entry = backend.dataIdMap.get(dataId);
  if (!entry) throw new Error('A wasm tensor has no data.');
  return entry;
}

/** A tensor registered over part of another's memory: no copy, released without freeing it. */
interface TensorView {
  dataId: object;
  id: number;
}

function heapView(backend: ViewBackend, x: TensorInfo, offset: number, size: number): TensorView {
  const base = entryOf(backend, x.dataId);
  const { dataId } = backend.makeOutput([size], 'float32', base.memoryOffset + 4 * offset);
  return { dataId, id: entryOf(backend, dataId).id };
}

function releaseView(backend: ViewBackend, view: TensorView): void {
  backend.wasm.tfjs.disposeData(view.id);
  backend.dataIdMap.delete(view.dataId);
}

/**
 * Views of the matrices of weight-like operands (b and a per-product bias) per backend, kept while
 * the tensor lives: the wasm product caches its packed weights by tensor id, so a weight tensor
 * applied at every step of a recurrence is packed once, not once per call. Entries of disposed
 * tensors are released on the next batched product.
 */
type WeightViews = Map<object, { memoryOffset: number; size: number; views: TensorView[] }>;
const weightViews = new WeakMap<object, WeightViews>();

function matrixViews(backend: ViewBackend, x: TensorInfo, count: number, size: number): TensorView[] {
  const known: WeightViews = weightViews.get(backend) ?? new Map();
  weightViews.set(backend, known);
  for (const [dataId, cached] of known) {
    if (!backend.dataIdMap.has(dataId) || entryOf(backend, dataId).memoryOffset !== cached.memoryOffset) {
      for (const view of cached.views) releaseView(backend, view);
      known.delete(dataId);
    }
  }
  const cached = known.get(x.dataId);
  if (cached && cached.size === size && cached.views.length >= count) return cached.views;
  if (cached) for (const view of cached.views) releaseView(backend, view);
  const views = Array.from({ length: count }, (_, i) => heapView(backend, x, i * size, size));
  known.set(x.dataId, { memoryOffset: entryOf(backend, x.dataId).memoryOffset, size, views });
  return views;
}

const fusedProducts = new WeakMap<object, (...args: Array<number | Uint8Array>) => void>();

/** The wasm module's fused product: (a, shape, rank, b, shape, rank, tA, tB, activation, bias, prelu, alpha, out). */
function fusedProduct(backend: ViewBackend): (...args: Array<number | Uint8Array>) => void {
  const known = fusedProducts.get(backend.wasm);
  if (known) return known;
  const fn = backend.wasm.cwrap(_FusedMatMul, null, [
    'number',
    'array',
    'number',
    'number',
    'array',
    'number',
    'number',
    'number',
    'number',
    'number',
    'number',
    'number',
    'number'
  ]);
  fusedProducts.set(backend.wasm, fn);
  return fn;
}

function shapeBytes(shape: number[]): Uint8Array {
  return new Uint8Array(new Int32Array(shape).buffer);
}

/** A product's optional bias and activation (the fused kernel's; the plain product has neither). */
interface Epilogue {
  bias: TensorInfo | undefined;
  activation: string;
}

/**
 * a [...batchA, m, k] x b [...batchB, k, n] (no transpose flags), plus a bias of n values or one
 * per product ([...batch, 1, n]) and an activation, through the fast single-product path of the
 * wasm kernel; or null when the original kernel should run: one product with a bias of rank 1 or
 * none, a broadcast of batch axes other than "one side has a single matrix", products too small,
 * or an activation the kernel does not fuse. A batch sharing b (and the bias, which the original
 * takes as [n] only) folds into the rows of one product; any other batch runs product by
 * product on views of the operands' memory, written straight into one output (no copies). Outputs
 * are bitwise those of single products: each output row is the same dot products.
 */
function batchedBySingleProducts(
  a: TensorInfo,
  b: TensorInfo,
  epilogue: Epilogue,
  backend: NonNullable<unknown>
): TensorInfo | null {
  const [m = 0, k = 0] = a.shape.slice(-2);
  const n = b.shape[b.shape.length - 1] ?? 0;
  const batchA = util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = util.sizeFromShape(b.shape.slice(0, -2));
  const batch = Math.max(batchA, batchB);
  const code = ACTIVATION_CODES[epilogue.activation];
  if (code === undefined || (batchA !== batchB && batchA !== 1 && batchB !== 1)) return null;
  const biasSize = epilogue.bias ? util.sizeFromShape(epilogue.bias.shape) : 0;
  if (epilogue.bias && biasSize !== n && biasSize !== batch * n) return null;
  // One product: the original kernel, unless its bias needs the reshape to [n] of the fold below.
  if (batch === 1 && (epilogue.bias?.shape.length ?? 1) === 1) return null;
  // The original kernel takes a bias of n values only, and adds it wrongly to a batch (4.22: the
  // bias index runs over the whole output row-major): a batch with a bias always runs here.
  if (batchB > 1 && !epilogue.bias && m * k * n < SINGLE_PRODUCT_MIN_MACS) return null;
  const outShape = [
    ...broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2)),
    m,
    n
  ];
  const wasm = asViewBackend(backend);
  const product = fusedProduct(wasm);
  const idOf = (t: TensorInfo): number => entryOf(wasm, t.dataId).id;
  if (batchB === 1 && biasSize <= n) {
    // Every matrix of a meets the same b and bias: the rows of all of them form one [batch m, k]
    // product (the wasm function reads the shapes it is given, not the tensors' own).
    const out = wasm.makeOutput(outShape, 'float32');
    const biasId = epilogue.bias ? idOf(epilogue.bias) : 0;
    const [aShape, bShape] = [shapeBytes([1, batchA * m, k]), shapeBytes([1, k, n])];
    product(idOf(a), aShape, 3, idOf(b), bShape, 3, 0, 0, code, biasId, 0, 0, idOf(out));
    return out;
  }
  const out = wasm.makeOutput(outShape, 'float32');
  const bViews = batchB === 1 ? null : matrixViews(wasm, b, batch, k * n);
  const biasViews =
    biasSize === batch * n && epilogue.bias ? matrixViews(wasm, epilogue.bias, batch, n) : null;
  const sharedBias = biasSize === n && epilogue.bias ? idOf(epilogue.bias) : 0;
  const [aShape, bShape] = [shapeBytes([1, m, k]), shapeBytes([1, k, n])];
  for (let i = 0; i < batch; i++) {
    const ai = batchA === 1 ? null : heapView(wasm, a, i * m * k, m * k);
    const oi = heapView(wasm, out, i * m * n, m * n);
    const aId = ai ? ai.id : idOf(a);
    const bId = bViews?.[i]?.id ?? idOf(b);
    const biasId = biasViews?.[i]?.id ?? sharedBias;
    product(aId, aShape, 3, bId, bShape, 3, 0, 0, code, biasId, 0, 0, oi.id);
    if (ai) releaseView(wasm, ai);
    releaseView(wasm, oi);
  }
  return out;
}

/**
 * Wraps a matMul-like kernel (inputs a, b and, fused, bias; attrs transposeA, transposeB and,
 * fused, activation) so the original kernel only ever sees transposeA = transposeB = false; a batch
 * of products also runs as single products where that is faster. Shapes: a [...batch, m, k] or,
 * with transposeA, [...batch, k, m]; b [...batch, k, n] or, with transposeB, [...batch, n, k];
 * out [...batch, m, n].
 */
function withExplicitTranspose(original: KernelConfig, transpose: KernelFunc): KernelConfig {
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
      const activation = attrs?.['activation'];
      const epilogue: Epilogue = {
        bias: inputs['bias'],
        activation: inputs['preluActivationWeights']
          ? 'prelu'
          : typeof activation === 'string'
            ? activation
            : 'linear'
      };
      const batched = batchedBySingleProducts(aPlain, bPlain, epilogue, backend);
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
  for (const name of [BatchMatMul, _FusedMatMul]) {
    const current = requireKernel(name);
    if (!isFix(current.kernelFunc)) replaceKernel(withExplicitTranspose(current, transpose));
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
