import { z } from 'zod';
import { isErrorCode } from '@shared/contract/errors';
import { BackendInfoSchema } from '@shared/domain/records';
import type { ErrorCode, ErrorInfo } from '@shared/contract/errors';
import type { BackendInfo } from '@shared/domain/records';
import type { ComputeJobs } from './jobs/job-types';

/**
 * Messages between the main side and the compute process (which owns tfjs). The main side starts
 * jobs and may cancel them; the compute process runs them one at a time in arrival order and
 * answers with progress, then exactly one result or error per job. Message envelopes are
 * validated on both sides; job payloads are typed per kind in jobs/job-types.ts, and job inputs
 * are validated by the compute process against each kind's schema (jobs/index.ts).
 */
export type JobKind = keyof ComputeJobs;
export type JobInput<K extends JobKind> = ComputeJobs[K]['input'];
export type JobProgress<K extends JobKind> = ComputeJobs[K]['progress'];
export type JobResult<K extends JobKind> = ComputeJobs[K]['result'];

export type ToCompute =
  | { type: 'start'; jobId: string; kind: JobKind; input: unknown }
  | { type: 'cancel'; jobId: string }
  | { type: 'shutdown' };

export type FromCompute =
  | { type: 'ready'; backend: BackendInfo; pid: number }
  /** The process cannot serve jobs (e.g. no tfjs backend could start) and is about to exit. */
  | { type: 'fatal'; error: ErrorInfo }
  | { type: 'progress'; jobId: string; progress: unknown }
  | { type: 'result'; jobId: string; result: unknown }
  | { type: 'error'; jobId: string; error: ErrorInfo };

const ErrorInfoSchema = z.object({
  code: z.custom<ErrorCode>((v) => typeof v === 'string' && isErrorCode(v), 'unknown error code'),
  message: z.string(),
  where: z
    .object({ file: z.string().optional(), row: z.number().optional(), column: z.string().optional() })
    .optional()
});

const JobIdSchema = z.string().min(1).max(200);

export const ToComputeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), jobId: JobIdSchema, kind: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('cancel'), jobId: JobIdSchema }),
  z.object({ type: z.literal('shutdown') })
]);

export const FromComputeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), backend: BackendInfoSchema, pid: z.number().int() }),
  z.object({ type: z.literal('fatal'), error: ErrorInfoSchema }),
  z.object({ type: z.literal('progress'), jobId: JobIdSchema, progress: z.unknown() }),
  z.object({ type: z.literal('result'), jobId: JobIdSchema, result: z.unknown() }),
  z.object({ type: z.literal('error'), jobId: JobIdSchema, error: ErrorInfoSchema })
]);
