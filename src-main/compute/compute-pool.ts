import { availableParallelism } from 'node:os';
import type { BackendInfo } from '@shared/domain/records';
import { ComputeHost } from './compute-host';
import type { ComputeHostOptions, RunOptions } from './compute-host';
import type { JobInput, JobKind, JobResult } from './protocol';

export interface ComputePoolOptions extends ComputeHostOptions {
  /** Most compute processes at once. Default: the number of cores (each process computes on one thread). */
  size?: number;
}

/**
 * Up to `size` compute processes, started on demand: a job goes to an idle process, a new one
 * while fewer than `size` run, else the least busy. Independent jobs (ensemble members, the runs
 * of a rank sweep, runs started together) then train in parallel, one per core, while a single
 * run uses one process as before. The first process is the primary: its backend is the app's.
 */
export class ComputePool {
  private readonly size: number;
  private readonly hosts: ComputeHost[] = [];
  /** Jobs sent and not yet settled, per host (same index as hosts). */
  private readonly active: number[] = [];
  private readonly backendListeners = new Set<(info: BackendInfo) => void>();

  constructor(private readonly options: ComputePoolOptions) {
    this.size = Math.max(1, Math.floor(options.size ?? availableParallelism()));
    this.addHost();
  }

  get maxProcesses(): number {
    return this.size;
  }

  private get primary(): ComputeHost {
    return this.hosts[0] as ComputeHost;
  }

  /** The backend of the primary process, starting it if needed. */
  backend(): Promise<BackendInfo> {
    return this.primary.backend();
  }

  currentBackend(): BackendInfo | null {
    return this.primary.currentBackend();
  }

  /** The OS process id of the primary compute process; null when none is running. */
  pid(): number | null {
    return this.primary.pid();
  }

  /** Process ids of every running compute process. */
  pids(): number[] {
    return this.hosts.map((h) => h.pid()).filter((p): p is number => p !== null);
  }

  onBackend(cb: (info: BackendInfo) => void): () => void {
    this.backendListeners.add(cb);
    return () => this.backendListeners.delete(cb);
  }

  /** Runs a job in an idle process (see the class comment); same contract as ComputeHost.run. */
  async run<K extends JobKind>(kind: K, input: JobInput<K>, opts: RunOptions<K> = {}): Promise<JobResult<K>> {
    const index = this.pick();
    this.active[index] = (this.active[index] ?? 0) + 1;
    try {
      return await (this.hosts[index] as ComputeHost).run(kind, input, opts);
    } finally {
      this.active[index] = (this.active[index] ?? 1) - 1;
    }
  }

  async dispose(): Promise<void> {
    await Promise.all(this.hosts.map((h) => h.dispose()));
  }

  private pick(): number {
    const idle = this.active.findIndex((n) => n === 0);
    if (idle >= 0) return idle;
    if (this.hosts.length < this.size) return this.addHost();
    let best = 0;
    this.active.forEach((n, i) => {
      if (n < (this.active[best] ?? Infinity)) best = i;
    });
    return best;
  }

  private addHost(): number {
    const host = new ComputeHost(this.options);
    host.onBackend((info) => {
      for (const cb of this.backendListeners) cb(info);
    });
    this.hosts.push(host);
    this.active.push(0);
    return this.hosts.length - 1;
  }
}
