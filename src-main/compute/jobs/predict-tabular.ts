import { parseTable } from '../../data/csv-table';
import { transformFeatures, transformTarget } from '../../data/preprocessing';
import { predict } from '../../model/predictor';
import { importModel } from '../../model/serialization';
import { evaluateSplit } from '../../pipeline/evaluate-split';
import { scoreSplit } from '../../pipeline/score-records';
import { yieldToEventLoop } from '../yield';
import type { JobDefinition } from './job-handler';
import { PredictTabularInputSchema } from './train-tabular-schema';

/**
 * Scores a new file with a saved run: the stored preprocessing (a file whose columns do not match
 * fails with the missing columns named), the stored posterior, the stored OOD threshold. When the
 * file holds the target, the same test metrics as training are reported on it.
 */
export const predictTabularJob: JobDefinition<'predict-tabular'> = {
  input: PredictTabularInputSchema,
  run: async (input, ctx) => {
    const { model: saved } = input;
    const table = parseTable(input.data.content, input.data.fileName);
    const rows = table.rows.map((_, i) => i);
    const features = transformFeatures(saved.preprocessor, table, rows);
    const target = transformTarget(saved.preprocessor, table, rows);
    ctx.throwIfCancelled();
    const { model, likelihood } = importModel(saved.posterior);
    try {
      const predictive = predict(model, likelihood, features.x, features.n, {
        samples: input.samples,
        seed: input.seed,
        intervalLevel: saved.config.intervalLevel
      });
      await yieldToEventLoop();
      const scored = scoreSplit(
        'scored',
        { rows, features, target },
        predictive,
        saved.preprocessor,
        saved.oodThreshold
      );
      const hasTarget = scored.labels.some((y) => Number.isFinite(y));
      return { records: scored.records, metrics: hasTarget ? evaluateSplit(scored) : null };
    } finally {
      model.dispose();
      likelihood.dispose();
    }
  }
};
