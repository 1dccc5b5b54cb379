import { z } from 'zod';
import { TrainConfigSchema } from '@shared/domain/config';
import { EpochMetricsSchema } from '@shared/domain/records';
import type { SavedPosterior } from '../../model/serialization';
import { EncodedCheckpointSchema } from '../../model/training/train-checkpoint';
import type { PredictRunInput, SavedModelFile, TrainMemberInput, TrainRunInput } from './train-run-types';

const TableFileSchema = z.object({ fileName: z.string().min(1), content: z.string() });

/** A member's posterior comes from a job of this app; importModel checks it in full. */
const SavedPosteriorSchema = z.custom<SavedPosterior>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { variables?: unknown }).variables),
  { message: 'not a saved posterior' }
);

export const TrainRunInputSchema: z.ZodType<TrainRunInput> = z.object({
  runId: z.number().int().positive(),
  config: TrainConfigSchema,
  data: TableFileSchema,
  oodData: TableFileSchema.nullable(),
  ensemble: z
    .object({
      posteriors: z.array(SavedPosteriorSchema).min(1).max(64),
      epochs: z.array(EpochMetricsSchema),
      bestEpoch: z.number().int().min(0),
      trainSeconds: z.number().min(0),
      msPerStep: z.number().min(0),
      peakMemoryMB: z.number().min(0)
    })
    .nullable()
    .optional(),
  resumeFrom: EncodedCheckpointSchema.nullable().optional()
});

export const TrainMemberInputSchema: z.ZodType<TrainMemberInput> = z.object({
  runId: z.number().int().positive(),
  config: TrainConfigSchema,
  data: TableFileSchema,
  oodData: TableFileSchema.nullable(),
  member: z.number().int().min(0).max(63)
});

/**
 * A saved model comes from the app's own database; this checks its envelope (format and kind) so a
 * file from elsewhere fails with a message, and leaves the posterior's own checks to importModel.
 */
const SavedModelFileSchema = z.custom<SavedModelFile>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    (value as { formatVersion?: unknown }).formatVersion === 1 &&
    typeof (value as { preprocessor?: unknown }).preprocessor === 'object',
  { message: 'not a saved SBNN Studio model (format 1)' }
);

export const PredictRunInputSchema: z.ZodType<PredictRunInput> = z.object({
  model: SavedModelFileSchema,
  data: TableFileSchema,
  samples: z.number().int().min(1).max(10_000),
  seed: z.number().int().min(0)
});
