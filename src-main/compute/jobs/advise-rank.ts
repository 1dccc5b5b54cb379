import { z } from 'zod';
import { TrainConfigSchema } from '@shared/domain/config';
import type { TrainConfig } from '@shared/domain/config';
import type { RankAdvice, RankAdviceResult } from '@shared/domain/records';
import { createLikelihood } from '../../model/likelihoods/create-likelihood';
import { meanWeights } from '../../model/inspect';
import { pipelineFor } from '../../pipeline/architectures';
import { adviseRanks } from '../../theory/rank-advice';
import type { TableFile } from '../../data/table-file';
import { PeakMemory } from '../peak-memory';
import { yieldToEventLoop } from '../yield';
import { fitNetwork } from './fit-network';
import type { JobDefinition } from './job-handler';
import { likelihoodFor } from './train-run';

export interface AdviseRankInput {
  config: TrainConfig;
  data: TableFile;
  oodData: TableFile | null;
  /** Share of each spectrum's energy the proposed rank keeps, e.g. 0.9. */
  energy: number;
}

export interface AdviseRankProgress {
  epoch: number;
  epochs: number;
  fraction: number;
}

const TableFileSchema = z.object({ fileName: z.string().min(1), content: z.string() });

export const AdviseRankInputSchema: z.ZodType<AdviseRankInput> = z.object({
  config: TrainConfigSchema,
  data: TableFileSchema,
  oodData: TableFileSchema.nullable(),
  energy: z.number().gt(0).lt(1)
});

/**
 * The run settings that carry a proposal: the MLP takes one rank per weight matrix; the LSTM one
 * rank for every W_ih and one for every W_hh (the largest proposed, so no layer keeps less than the
 * threshold); the Transformer one rank for all its matrices (likewise the largest). Output heads
 * (one column) are rank 1 whatever the spectrum says.
 */
export function suggestedSettings(config: TrainConfig, layers: RankAdvice[]): RankAdviceResult['suggested'] {
  const largest = (pick: (a: RankAdvice) => boolean): number =>
    Math.max(1, ...layers.filter(pick).map((a) => a.proposedRank));
  switch (config.arch) {
    case 'mlp':
      return { ranks: layers.map((a) => a.proposedRank) };
    case 'lstm':
      return {
        rankIh: largest((a) => a.layer.endsWith('.ih')),
        rankHh: largest((a) => a.layer.endsWith('.hh'))
      };
    case 'transformer':
      return { rank: largest((a) => a.layer !== 'head') };
  }
}

/**
 * The rank advisor (METHOD.md section 7): fits the deterministic network of the run's architecture
 * for pretrainEpochs, reads the singular value spectrum of every weight matrix and proposes the
 * smallest rank keeping `energy` of it.
 */
export const adviseRankJob: JobDefinition<'advise-rank'> = {
  input: AdviseRankInputSchema,
  run: async (input, ctx) => {
    const config: TrainConfig = { ...input.config, method: 'deterministic' };
    const pipeline = pipelineFor(config.arch);
    const data = pipeline.prepare(config, input.data, input.oodData);
    await yieldToEventLoop();
    ctx.throwIfCancelled();
    const likelihood = createLikelihood(likelihoodFor(data.target));
    const model = pipeline.buildModel(config, data, likelihood);
    try {
      const epochs = config.pretrainEpochs;
      await fitNetwork(model, likelihood, data, config, {
        epochs,
        seed: config.seed,
        isCancelled: () => ctx.isCancelled(),
        report: (epoch, done) => ctx.progress({ epoch, epochs, fraction: done }),
        memory: new PeakMemory()
      });
      const layers = adviseRanks(meanWeights(model), input.energy);
      return {
        threshold: input.energy,
        pretrainEpochs: epochs,
        layers,
        suggested: suggestedSettings(input.config, layers)
      };
    } finally {
      model.dispose();
      likelihood.dispose();
    }
  }
};
