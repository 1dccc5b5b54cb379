import { AppError, isErrorCode } from '@shared/contract/errors';
import type { ErrorInfo } from '@shared/contract/errors';
import { ToComputeSchema } from './protocol';
import type { FromCompute, JobKind } from './protocol';
import type { JobContext, JobDefinition } from './jobs/job-handler';

/**
 * The compute process's job loop: validates incoming messages, queues jobs and runs them one at a
 * time in arrival order, routes cancel requests and turns every outcome into exactly one 'result'
 * or 'error' message. Knows nothing about tfjs or the transport, so it is tested in-process.
 */

/** The kinds this runner serves (jobs/index.ts has them all; tests pass fewer). */
export type JobDefinitions = { readonly [K in JobKind]?: JobDefinition<K> };

interface QueuedJob {
  jobId: string;
  kind: JobKind;
  input: unknown;
  controller: AbortController;
}

const CANCELLED_MESSAGE = 'The job was cancelled.';

/** Maps anything a handler throws to the error envelope; only cancellation and AppErrors keep a code. */
export function jobErrorInfo(err: unknown, cancelled: boolean): ErrorInfo {
  if (cancelled) return { code: 'CANCELLED', message: CANCELLED_MESSAGE };
  if (err instanceof AppError) return err.toInfo();
  if (err instanceof Error && 'code' in err && typeof err.code === 'string' && isErrorCode(err.code)) {
    return { code: err.code, message: err.message };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'COMPUTE_FAILED', message: `The computation failed: ${detail}` };
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export class JobRunner {
  private readonly queue: QueuedJob[] = [];
  private running: QueuedJob | null = null;
  private draining = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly send: (msg: FromCompute) => void,
    private readonly definitions: JobDefinitions,
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)
  ) {}

  /**
   * Handles one message from the main side. Returns 'shutdown' when the main side asked the
   * process to stop (after cancelling every job), otherwise 'continue'.
   */
  handle(raw: unknown): 'continue' | 'shutdown' {
    const parsed = ToComputeSchema.safeParse(raw);
    if (!parsed.success) {
      const jobId = extractJobId(raw);
      const message = `Malformed message to the compute process: ${describeIssues(parsed.error.issues)}.`;
      // Answer when there is a job to answer for, so its caller does not wait forever.
      if (jobId !== null) this.send({ type: 'error', jobId, error: { code: 'BAD_REQUEST', message } });
      else this.log(message);
      return 'continue';
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'start':
        this.enqueue(msg.jobId, msg.kind, msg.input);
        return 'continue';
      case 'cancel':
        this.cancel(msg.jobId);
        return 'continue';
      case 'shutdown':
        this.cancelAll();
        return 'shutdown';
    }
  }

  /** Resolves when no job is running or queued. */
  idle(): Promise<void> {
    if (!this.draining) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isKnownKind(kind: string): kind is JobKind {
    return (
      Object.prototype.hasOwnProperty.call(this.definitions, kind) &&
      this.definitions[kind as JobKind] !== undefined
    );
  }

  private enqueue(jobId: string, kind: string, input: unknown): void {
    if (this.running?.jobId === jobId || this.queue.some((j) => j.jobId === jobId)) {
      this.log(`Ignored a second start for job ${jobId}, which is already queued or running.`);
      return;
    }
    if (!this.isKnownKind(kind)) {
      const known = Object.keys(this.definitions).join(', ');
      this.send({
        type: 'error',
        jobId,
        error: { code: 'BAD_REQUEST', message: `Unknown compute job kind "${kind}" (known: ${known}).` }
      });
      return;
    }
    this.queue.push({ jobId, kind, input, controller: new AbortController() });
    void this.drain();
  }

  private cancel(jobId: string): void {
    if (this.running?.jobId === jobId) {
      this.running.controller.abort();
      return;
    }
    const index = this.queue.findIndex((j) => j.jobId === jobId);
    if (index >= 0) {
      this.queue.splice(index, 1);
      this.send({ type: 'error', jobId, error: { code: 'CANCELLED', message: CANCELLED_MESSAGE } });
    }
    // Unknown or finished jobs: nothing to cancel; the main side has its answer already.
  }

  private cancelAll(): void {
    for (const job of this.queue.splice(0)) {
      this.send({
        type: 'error',
        jobId: job.jobId,
        error: { code: 'CANCELLED', message: CANCELLED_MESSAGE }
      });
    }
    this.running?.controller.abort();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let job = this.queue.shift(); job !== undefined; job = this.queue.shift()) {
        this.running = job;
        this.send(await this.execute(job));
        this.running = null;
      }
    } finally {
      this.draining = false;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async execute<K extends JobKind>(job: QueuedJob & { kind: K }): Promise<FromCompute> {
    const { jobId, controller } = job;
    const definition: JobDefinition<K> | undefined = this.definitions[job.kind];
    if (definition === undefined) {
      return {
        type: 'error',
        jobId,
        error: { code: 'BAD_REQUEST', message: `Unknown compute job kind "${job.kind}".` }
      };
    }
    const input = definition.input.safeParse(job.input);
    if (!input.success) {
      const message = `Invalid input for the ${job.kind} job: ${describeIssues(input.error.issues)}.`;
      return { type: 'error', jobId, error: { code: 'BAD_REQUEST', message } };
    }
    const signal = controller.signal;
    const ctx: JobContext<K> = {
      progress: (progress) => {
        if (!signal.aborted) this.send({ type: 'progress', jobId, progress });
      },
      isCancelled: () => signal.aborted,
      throwIfCancelled: () => {
        if (signal.aborted) throw new AppError('CANCELLED', CANCELLED_MESSAGE);
      },
      signal
    };
    try {
      const result = await definition.run(input.data, ctx);
      // A cancel that arrived while the last step ran still wins: the main side asked for it.
      if (signal.aborted) return { type: 'error', jobId, error: jobErrorInfo(null, true) };
      return { type: 'result', jobId, result };
    } catch (err) {
      if (!signal.aborted)
        this.log(`Job ${jobId} (${job.kind}) failed: ${err instanceof Error ? err.stack : String(err)}`);
      return { type: 'error', jobId, error: jobErrorInfo(err, signal.aborted) };
    }
  }
}

function extractJobId(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || !('jobId' in raw)) return null;
  const id = (raw as { jobId: unknown }).jobId;
  return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : null;
}
