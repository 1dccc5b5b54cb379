import type { z } from 'zod';
import type { JobInput, JobKind, JobProgress, JobResult } from '../protocol';

/** What a running job may do besides computing: report progress and notice a cancel request. */
export interface JobContext<K extends JobKind> {
  /** Sends a progress message to the main side. Cheap, but call it per step or epoch, not per row. */
  progress(p: JobProgress<K>): void;
  isCancelled(): boolean;
  /** Throws AppError CANCELLED once the main side has asked to cancel this job. */
  throwIfCancelled(): void;
  /** Aborted when the main side cancels this job. */
  signal: AbortSignal;
}

/**
 * Runs one job in the compute process. Handlers run one at a time; they must await
 * yieldToEventLoop() (../yield.ts) between steps, or cancel messages cannot arrive. Throw an
 * AppError to answer with its code; any other error answers COMPUTE_FAILED with its message.
 */
export type JobHandler<K extends JobKind> = (input: JobInput<K>, ctx: JobContext<K>) => Promise<JobResult<K>>;

/** One job kind: the schema that checks its (untrusted) input, and its handler. */
export interface JobDefinition<K extends JobKind> {
  input: z.ZodType<JobInput<K>>;
  run: JobHandler<K>;
}
