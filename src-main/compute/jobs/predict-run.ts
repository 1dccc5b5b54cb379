import { predict } from '../../model/predictor';
import { importModel } from '../../model/serialization';
import { pipelineFor } from '../../pipeline/architectures';
import { applyConformal } from '../../pipeline/conformal-records';
import { evaluateSplit } from '../../pipeline/evaluate-split';
import { oodScoreKind, scoreSplit } from '../../pipeline/score-records';
import { yieldToEventLoop } from '../yield';
import type { JobDefinition } from './job-handler';
import { PredictRunInputSchema } from './train-run-schema';

/**
 * Scores a new file with a saved run: the stored preprocessing (a file whose columns do not match
 * fails with the missing columns named), the stored posterior, the stored OOD threshold. When the
 * file holds the target, the same test metrics as training are reported on it.
 */
export const predictRunJob: JobDefinition<'predict-run'> = {
  input: PredictRunInputSchema,
  run: async (input, ctx) => {
    const { model: saved } = input;
    const records = pipelineFor(saved.config.arch).encode(saved.preprocessor, input.data);
    ctx.throwIfCancelled();
    const { model, likelihood } = importModel(saved.posterior);
    try {
      const predictive = predict(model, likelihood, records.x, records.n, {
        samples: input.samples,
        seed: input.seed,
        intervalLevel: saved.config.intervalLevel
      });
      await yieldToEventLoop();
      const scored = scoreSplit(
        'scored',
        records,
        predictive,
        saved.target,
        saved.oodThreshold,
        oodScoreKind(saved.config.method)
      );
      if (saved.conformal) applyConformal(scored, saved.conformal);
      const hasTarget = scored.labels.some((y) => Number.isFinite(y));
      return {
        records: scored.records,
        metrics: hasTarget ? evaluateSplit(scored, saved.config.intervalLevel) : null
      };
    } finally {
      model.dispose();
      likelihood.dispose();
    }
  }
};
