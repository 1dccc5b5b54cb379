import { z } from 'zod';
import type { RankAdviceResult } from '@shared/domain/records';
import type { AdviseRankInput, AdviseRankProgress } from './advise-rank';
import type { SummarizeTableInput, SummarizeTableProgress, SummarizeTableResult } from './summarize-table';
import type {
  PredictRunInput,
  PredictRunResult,
  TrainMemberInput,
  TrainMemberProgress,
  TrainMemberResult,
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
  /** Train a run's network (any arch and method) and score its test and OOD records. */
  'train-run': { input: TrainRunInput; progress: TrainRunProgress; result: TrainRunResult };
  /** Train one deterministic member of a deep ensemble (members run in parallel processes). */
  'train-member': { input: TrainMemberInput; progress: TrainMemberProgress; result: TrainMemberResult };
  /** A short deterministic pre-fit and the per-layer ranks keeping a share of each spectrum's energy. */
  'advise-rank': { input: AdviseRankInput; progress: AdviseRankProgress; result: RankAdviceResult };
  /** Parse and summarize a large file being imported (off the main process, with progress). */
  'summarize-table': {
    input: SummarizeTableInput;
    progress: SummarizeTableProgress;
    result: SummarizeTableResult;
  };
  /** Score a new table with a saved model. */
  'predict-run': { input: PredictRunInput; progress: never; result: PredictRunResult };
}
