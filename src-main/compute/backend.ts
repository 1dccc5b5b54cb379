import './tfjs-runtime';
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { AppError } from '@shared/contract/errors';
import { BackendNameSchema } from '@shared/domain/records';
import type { BackendInfo, BackendName } from '@shared/domain/records';
import { installWasmKernelFixes } from './wasm-kernels';

/**
 * Chooses the tfjs backend of the compute process. Best first: native TensorFlow with CUDA, native
 * TensorFlow on the CPU, WebAssembly (XNNPACK, SIMD), plain JavaScript. The native packages are
 * optionalDependencies that often cannot be installed (they download libtensorflow at install
 * time), so each is tried with a guarded require and the reason it was not used is recorded for
 * the user (BackendInfo.unavailable).
 */

/** Best first. */
export const BACKEND_ORDER: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

/** Environment variable that forces one backend; selection fails if that one is unavailable. */
export const BACKEND_ENV_VAR = 'SBNN_BACKEND';

const NATIVE_PACKAGE: Partial<Record<BackendName, string>> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node'
};

export interface SelectBackendOptions {
  /** Try this backend first, then fall back in the usual order. Default: the usual order. */
  prefer?: BackendName;
  /** Where SBNN_BACKEND is read from. Default: process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Loads an optional native package by name. Default: Node's require, resolved from this file. */
  loadPackage?: (packageName: string) => unknown;
}

type Attempt = { ok: true; label: string } | { ok: false; reason: string };

/**
 * require() that works under tsx, under vitest and in the CommonJS bundle (which keeps
 * node_modules external): all three define __filename; a native ES module would not.
 */
function moduleRequire(): NodeJS.Require {
  return createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
}

const defaultLoadPackage = (packageName: string): unknown => moduleRequire()(packageName);

/** The folder holding tfjs-backend-wasm's .wasm binaries, with a trailing separator. */
export function wasmBinaryFolder(): string {
  const pkg = moduleRequire().resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return join(dirname(pkg), 'dist') + sep;
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n', 1)[0] ?? text;
}

function isMissingPackage(err: unknown, packageName: string): boolean {
  if (!(err instanceof Error) || !('code' in err) || err.code !== 'MODULE_NOT_FOUND') return false;
  return err.message.includes(`'${packageName}'`);
}

/** A tiny computation proves that the backend's kernels actually run. */
function smokeTest(): string | null {
  try {
    const got = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])).dataSync());
    return got[0] === 4 && got[1] === 6 ? null : `a test addition returned [${Array.from(got).join(', ')}]`;
  } catch (err) {
    return `a test computation failed: ${firstLine(err)}`;
  }
}

async function activate(tfName: string): Promise<string | null> {
  let ok: boolean;
  try {
    ok = await tf.setBackend(tfName);
  } catch (err) {
    return `it failed to initialise: ${firstLine(err)}`;
  }
  if (!ok || tf.getBackend() !== tfName) return 'it failed to initialise (details on stderr)';
  return smokeTest();
}

async function tryNative(name: BackendName, loadPackage: (p: string) => unknown): Promise<Attempt> {
  const packageName = NATIVE_PACKAGE[name];
  if (packageName === undefined) return { ok: false, reason: `${name} is not a native backend` };
  try {
    loadPackage(packageName);
  } catch (err) {
    if (isMissingPackage(err, packageName)) return { ok: false, reason: `${packageName} is not installed` };
    return { ok: false, reason: `${packageName} failed to load: ${firstLine(err)}` };
  }
  // Both native packages register their backend under the name 'tensorflow'.
  if (tf.findBackendFactory('tensorflow') === null) {
    return { ok: false, reason: `${packageName} loaded but did not register the 'tensorflow' backend` };
  }
  const problem = await activate('tensorflow');
  if (problem !== null) return { ok: false, reason: `${packageName} loaded but ${problem}` };
  return {
    ok: true,
    label: name === 'tensorflow-gpu' ? 'TensorFlow native (GPU)' : 'TensorFlow native (CPU)'
  };
}

let wasmPathsSet = false;

async function tryWasm(): Promise<Attempt> {
  try {
    // Must happen before the backend first initialises; later calls would be ignored.
    if (!wasmPathsSet) {
      setWasmPaths(wasmBinaryFolder());
      wasmPathsSet = true;
    }
    installWasmKernelFixes();
  } catch (err) {
    return { ok: false, reason: `the WebAssembly backend could not be prepared: ${firstLine(err)}` };
  }
  const problem = await activate('wasm');
  if (problem !== null) return { ok: false, reason: `the WebAssembly backend ${problem}` };
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  let threads = 1;
  try {
    threads = getThreadsCount();
  } catch {
    // Only thrown before initialisation, which activate() has just done.
  }
  return {
    ok: true,
    label: `WebAssembly (${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'})`
  };
}

async function tryCpu(): Promise<Attempt> {
  const problem = await activate('cpu');
  if (problem !== null) return { ok: false, reason: `the JavaScript backend ${problem}` };
  return { ok: true, label: 'CPU (plain JavaScript)' };
}

function attempt(name: BackendName, loadPackage: (p: string) => unknown): Promise<Attempt> {
  switch (name) {
    case 'tensorflow-gpu':
    case 'tensorflow':
      return tryNative(name, loadPackage);
    case 'wasm':
      return tryWasm();
    case 'cpu':
      return tryCpu();
  }
}

function forcedBackend(env: Readonly<Record<string, string | undefined>>): BackendName | null {
  const raw = env[BACKEND_ENV_VAR]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return null;
  const parsed = BackendNameSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'BAD_REQUEST',
      `${BACKEND_ENV_VAR}="${raw}" is not a backend; use one of ${BACKEND_ORDER.join(', ')}, or leave it unset.`
    );
  }
  return parsed.data;
}

function betterThan(name: BackendName): BackendName[] {
  return BACKEND_ORDER.slice(0, BACKEND_ORDER.indexOf(name));
}

/**
 * Activates the best available tfjs backend (or the one SBNN_BACKEND forces) and reports which it
 * is, with the reason each better one was not used. Throws AppError COMPUTE_FAILED when the forced
 * backend is unavailable, BAD_REQUEST when SBNN_BACKEND names no backend.
 */
export async function selectBackend(opts: SelectBackendOptions = {}): Promise<BackendInfo> {
  const env = opts.env ?? process.env;
  const loadPackage = opts.loadPackage ?? defaultLoadPackage;
  const forced = forcedBackend(env);

  if (forced !== null) {
    const result = await attempt(forced, loadPackage);
    if (!result.ok) {
      throw new AppError(
        'COMPUTE_FAILED',
        `${BACKEND_ENV_VAR}=${forced} asks for the ${forced} backend, but ${result.reason}. Unset ${BACKEND_ENV_VAR} to choose automatically.`
      );
    }
    const unavailable = betterThan(forced).map((name) => ({
      name,
      reason: `not tried: ${BACKEND_ENV_VAR}=${forced} selects the backend`
    }));
    return { name: forced, label: result.label, unavailable };
  }

  const order = opts.prefer
    ? [opts.prefer, ...BACKEND_ORDER.filter((n) => n !== opts.prefer)]
    : BACKEND_ORDER;
  const failed: BackendInfo['unavailable'] = [];
  for (const name of order) {
    const result = await attempt(name, loadPackage);
    if (!result.ok) {
      failed.push({ name, reason: result.reason });
      continue;
    }
    const unavailable = betterThan(name).map(
      (better) =>
        failed.find((f) => f.name === better) ?? { name: better, reason: `not tried: ${name} was preferred` }
    );
    return { name, label: result.label, unavailable };
  }
  throw new AppError(
    'COMPUTE_FAILED',
    `No tfjs backend could be started: ${failed.map((f) => `${f.name}: ${f.reason}`).join('; ')}.`
  );
}
