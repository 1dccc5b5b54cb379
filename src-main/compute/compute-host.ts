import { AppError } from '@shared/contract/errors';
import type { BackendInfo } from '@shared/domain/records';
import { FromComputeSchema } from './protocol';
import type { JobInput, JobKind, JobProgress, JobResult } from './protocol';
import type { ComputeChild, ComputeLauncher } from './launcher';

/**
 * The main side's handle on the compute process: starts it on first use, sends jobs, routes
 * progress and answers back to each caller, turns a cancel into a 'cancel' message and a dying
 * process into a clear error. A job that finds no live process starts a fresh one. Holds no
 * electron import; the launcher decides how the process is started.
 */

export interface ComputeHostOptions {
  launcher: ComputeLauncher;
  /** How long a fresh process may take to report 'ready'. Default 60 000 ms. */
  startTimeoutMs?: number;
  /** dispose(): how long to wait for a clean exit after 'shutdown' before killing. Default 3 000 ms. */
  shutdownTimeoutMs?: number;
  /** How long a cancelled job may take to stop before the process is killed. Default 10 000 ms. */
  cancelTimeoutMs?: number;
  /** Diagnostics (malformed messages, failing callbacks). Default: this process's stderr. */
  log?: (line: string) => void;
}

export interface RunOptions<K extends JobKind> {
  onProgress?: (p: JobProgress<K>) => void;
  /** Aborting cancels the job; run() then rejects with AppError CANCELLED. */
  signal?: AbortSignal;
}

interface PendingJob {
  kind: JobKind;
  cancelRequested: boolean;
  onProgress(p: unknown): void;
  resolve(result: unknown): void;
  reject(err: AppError): void;
}

interface Session {
  child: ComputeChild;
  ready: Promise<BackendInfo>;
  backend: BackendInfo | null;
  readyPid: number | null;
  /** Jobs sent and not yet answered, in sending order: the first one is the one running. */
  jobs: Map<string, PendingJob>;
  exited: Promise<void>;
  hasExited: boolean;
  disposing: boolean;
  /** Set when the host killed the process on purpose; the message for the jobs it takes down. */
  killReason: string | null;
}

const CANCELLED_MESSAGE = 'The job was cancelled.';

function describeExit(code: number | null, signal: string | null): string {
  if (signal !== null) return `signal ${signal}`;
  if (code !== null) return `exit code ${code}`;
  return 'it could not be started';
}

export class ComputeHost {
  private readonly launcher: ComputeLauncher;
  private readonly startTimeoutMs: number;
  private readonly shutdownTimeoutMs: number;
  private readonly cancelTimeoutMs: number;
  private readonly log: (line: string) => void;
  private session: Session | null = null;
  private readonly backendListeners = new Set<(info: BackendInfo) => void>();
  private jobCounter = 0;

  constructor(options: ComputeHostOptions) {
    this.launcher = options.launcher;
    this.startTimeoutMs = options.startTimeoutMs ?? 60_000;
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 3_000;
    this.cancelTimeoutMs = options.cancelTimeoutMs ?? 10_000;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /** The backend of the compute process, starting the process if needed. */
  async backend(): Promise<BackendInfo> {
    return this.ensureSession().ready;
  }

  /** The backend of the running compute process; null when none is running. */
  currentBackend(): BackendInfo | null {
    return this.session?.backend ?? null;
  }

  /** The OS process id of the running compute process; null when none is running. */
  pid(): number | null {
    const s = this.session;
    return s === null ? null : (s.child.pid ?? s.readyPid);
  }

  /** Called with the backend each time a compute process reports ready. Returns an unsubscribe. */
  onBackend(cb: (info: BackendInfo) => void): () => void {
    this.backendListeners.add(cb);
    return () => this.backendListeners.delete(cb);
  }

  /**
   * Runs one job in the compute process (jobs run one at a time, in call order). Rejects with an
   * AppError: CANCELLED when opts.signal aborts, COMPUTE_FAILED when the process dies or cannot
   * start, or whatever code the job itself reported.
   */
  async run<K extends JobKind>(kind: K, input: JobInput<K>, opts: RunOptions<K> = {}): Promise<JobResult<K>> {
    const { signal, onProgress } = opts;
    if (signal?.aborted) throw new AppError('CANCELLED', CANCELLED_MESSAGE);
    const session = this.ensureSession();
    await session.ready;
    if (signal?.aborted) throw new AppError('CANCELLED', CANCELLED_MESSAGE);
    if (session.hasExited) {
      throw new AppError(
        'COMPUTE_FAILED',
        'The compute process stopped right after it started; start the job again (a fresh compute process will be started).'
      );
    }

    const jobId = `job-${++this.jobCounter}`;
    return new Promise<JobResult<K>>((resolve, reject) => {
      let cancelTimer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        const job = session.jobs.get(jobId);
        if (job === undefined || job.cancelRequested) return;
        job.cancelRequested = true;
        session.child.send({ type: 'cancel', jobId });
        cancelTimer = setTimeout(() => {
          if (!session.jobs.has(jobId) || session.hasExited) return;
          session.killReason = `an earlier job did not stop within ${this.cancelTimeoutMs} ms of being cancelled`;
          session.child.kill();
        }, this.cancelTimeoutMs);
      };
      const settle = (): void => {
        signal?.removeEventListener('abort', onAbort);
        if (cancelTimer !== undefined) clearTimeout(cancelTimer);
        session.jobs.delete(jobId);
      };
      session.jobs.set(jobId, {
        kind,
        cancelRequested: false,
        onProgress: (p) => {
          try {
            onProgress?.(p as JobProgress<K>);
          } catch (err) {
            this.log(`A progress listener for job ${jobId} (${kind}) threw: ${String(err)}`);
          }
        },
        resolve: (result) => {
          settle();
          resolve(result as JobResult<K>);
        },
        reject: (err) => {
          settle();
          reject(err);
        }
      });
      signal?.addEventListener('abort', onAbort);
      try {
        session.child.send({ type: 'start', jobId, kind, input });
      } catch (err) {
        // Structured clone refuses functions, class instances with private state, etc.
        const detail = err instanceof Error ? err.message : String(err);
        session.jobs
          .get(jobId)
          ?.reject(
            new AppError(
              'BAD_REQUEST',
              `The input of the ${kind} job cannot be sent to the compute process: ${detail}`
            )
          );
      }
    });
  }

  /** Asks the compute process to shut down; kills it if it has not exited after shutdownTimeoutMs. */
  async dispose(): Promise<void> {
    const s = this.session;
    if (s === null) return;
    s.disposing = true;
    s.child.send({ type: 'shutdown' });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.shutdownTimeoutMs);
    });
    const outcome = await Promise.race([s.exited.then(() => 'exited' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      s.child.kill();
      await s.exited;
    }
  }

  private ensureSession(): Session {
    if (this.session !== null && !this.session.hasExited) return this.session;
    const session = this.launch();
    this.session = session;
    return session;
  }

  private launch(): Session {
    const child = this.launcher.launch();
    let resolveReady!: (info: BackendInfo) => void;
    let rejectReady!: (err: AppError) => void;
    let resolveExited!: () => void;
    const session: Session = {
      child,
      ready: new Promise<BackendInfo>((resolve, reject) => {
        resolveReady = resolve;
        rejectReady = reject;
      }),
      backend: null,
      readyPid: null,
      jobs: new Map(),
      exited: new Promise<void>((resolve) => {
        resolveExited = resolve;
      }),
      hasExited: false,
      disposing: false,
      killReason: null
    };
    // Callers await `ready`; this keeps a start failure nobody waits for from being unhandled.
    session.ready.catch(() => undefined);

    const startTimer = setTimeout(() => {
      rejectReady(
        new AppError(
          'COMPUTE_FAILED',
          `The compute process did not start within ${Math.round(this.startTimeoutMs / 1000)} s; try again, and check the log if it keeps happening.`
        )
      );
      session.killReason = 'it did not start in time';
      child.kill();
    }, this.startTimeoutMs);

    child.onMessage((raw) => {
      const parsed = FromComputeSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        this.log(`Ignored a malformed message from the compute process: ${issue?.message ?? 'invalid'}.`);
        return;
      }
      const msg = parsed.data;
      switch (msg.type) {
        case 'ready':
          clearTimeout(startTimer);
          session.backend = msg.backend;
          session.readyPid = msg.pid;
          resolveReady(msg.backend);
          for (const cb of this.backendListeners) {
            try {
              cb(msg.backend);
            } catch (err) {
              this.log(`A backend listener threw: ${String(err)}`);
            }
          }
          return;
        case 'fatal':
          clearTimeout(startTimer);
          rejectReady(
            new AppError(msg.error.code, `The compute process could not start: ${msg.error.message}`)
          );
          return;
        case 'progress':
          session.jobs.get(msg.jobId)?.onProgress(msg.progress);
          return;
        case 'result':
          session.jobs.get(msg.jobId)?.resolve(msg.result);
          return;
        case 'error':
          session.jobs
            .get(msg.jobId)
            ?.reject(new AppError(msg.error.code, msg.error.message, msg.error.where));
          return;
      }
    });

    child.onExit((code, signal) => {
      clearTimeout(startTimer);
      session.hasExited = true;
      if (this.session === session) this.session = null;
      const how = describeExit(code, signal);
      rejectReady(
        new AppError(
          'COMPUTE_FAILED',
          `The compute process stopped (${how}) before it was ready; see the log for the cause, then try again.`
        )
      );
      let first = true;
      for (const job of [...session.jobs.values()]) {
        job.reject(this.exitError(session, job, how, first));
        first = false;
      }
      resolveExited();
    });
    return session;
  }

  private exitError(session: Session, job: PendingJob, how: string, running: boolean): AppError {
    if (job.cancelRequested) return new AppError('CANCELLED', CANCELLED_MESSAGE);
    if (session.disposing)
      return new AppError('CANCELLED', 'The compute process was shut down before this job finished.');
    const when = running ? 'while running this job' : 'before this job started';
    const what =
      session.killReason !== null
        ? `The app stopped the compute process ${when} because ${session.killReason}`
        : `The compute process stopped unexpectedly (${how}) ${when}`;
    return new AppError(
      'COMPUTE_FAILED',
      `${what}; start the job again (a fresh compute process will be started).`
    );
  }
}
