import { z } from 'zod';
import { TrainConfigSchema } from '@shared/domain/config';
import type { PredictRunInput, SavedModelFile, TrainRunInput } from './train-run-types';

const TableFileSchema = z.object({ fileName: z.string().min(1), content: z.string() });

export const TrainRunInputSchema: z.ZodType<TrainRunInput> = z.object({
  runId: z.number().int().positive(),
  config: TrainConfigSchema,
  data: TableFileSchema,
  oodData: TableFileSchema.nullable()
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
