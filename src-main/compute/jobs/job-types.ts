import { z } from 'zod';
import type {
  PredictRunInput,
  PredictRunResult,
  TrainRunInput,
  TrainRunProgress,
  TrainRunResult
} from './train-run-types';

/**
 * The payload types of every compute job, by kind. Each kind has a definition (input schema and
 * handler) in jobs/index.ts. Payloads are structured-clone / JSON friendly (plain objects, arrays,
 * strings, numbers, typed arrays).
 */
export interface ProbeJob {
  /** How long to keep the backend busy, in milliseconds. At least one step always runs. */
  durationMs: number;
  /** Side of the square matrices multiplied in each step. */
  size: number;
}

export const ProbeJobSchema = z.object({
  durationMs: z.number().finite().min(0).max(600_000),
  size: z.number().int().min(1).max(4096)
});

export interface ProbeProgress {
  steps: number;
  elapsedMs: number;
}

export interface ProbeResult {
  steps: number;
  backend: string;
}

export interface ComputeJobs {
  /** A timed matrix-multiplication workload: checks the backend and exercises cancel/kill handling. */
  probe: { input: ProbeJob; progress: ProbeProgress; result: ProbeResult };
  /** Train a low-rank Bayesian MLP on a table and score its test and OOD records. */
  'train-run': { input: TrainRunInput; progress: TrainRunProgress; result: TrainRunResult };
  /** Score a new table with a saved model. */
  'predict-run': { input: PredictRunInput; progress: never; result: PredictRunResult };
}
