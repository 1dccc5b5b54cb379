import type { BackendInfo } from '@shared/domain/records';
import type { ComputeChild, ComputeLauncher } from '../../../src-main/compute/launcher';
import type { FromCompute, ToCompute } from '../../../src-main/compute/protocol';

/**
 * A compute process scripted by the test: every message and exit is chosen by the test, so the
 * main side's bookkeeping (routing, cancel, deaths, restarts, shutdown) is checked deterministically.
 */

export const BACKEND: BackendInfo = { name: 'wasm', label: 'WebAssembly (SIMD, 1 thread)', unavailable: [] };

export class ScriptedChild implements ComputeChild {
  readonly sent: ToCompute[] = [];
  killed = false;
  private messageCb: (msg: unknown) => void = () => {};
  private exitCb: (code: number | null, signal: string | null) => void = () => {};
  constructor(readonly pid: number) {}
  send(msg: ToCompute): void {
    this.sent.push(msg);
  }
  onMessage(cb: (msg: unknown) => void): void {
    this.messageCb = cb;
  }
  onExit(cb: (code: number | null, signal: string | null) => void): void {
    this.exitCb = cb;
  }
  kill(): void {
    this.killed = true;
    setImmediate(() => this.exit(null, 'SIGKILL'));
  }
  emit(msg: FromCompute | Record<string, unknown> | string): void {
    this.messageCb(msg);
  }
  exit(code: number | null, signal: string | null): void {
    this.exitCb(code, signal);
  }
  /** The jobId of the n-th 'start' this child received. */
  jobId(n = 0): string {
    const starts = this.sent.filter((m) => m.type === 'start');
    const start = starts[n];
    if (start?.type !== 'start') throw new Error(`no start #${n}`);
    return start.jobId;
  }
}

export class ScriptedLauncher implements ComputeLauncher {
  readonly children: ScriptedChild[] = [];
  launch(): ScriptedChild {
    const child = new ScriptedChild(1000 + this.children.length);
    this.children.push(child);
    return child;
  }
  get last(): ScriptedChild {
    const child = this.children[this.children.length - 1];
    if (child === undefined) throw new Error('nothing launched');
    return child;
  }
}
