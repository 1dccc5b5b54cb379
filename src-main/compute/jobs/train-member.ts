import type { TrainConfig } from '@shared/domain/config';
import { createLikelihood } from '../../model/likelihoods/create-likelihood';
import { exportModel } from '../../model/serialization';
import { pipelineFor } from '../../pipeline/architectures';
import { PeakMemory } from '../peak-memory';
import { yieldToEventLoop } from '../yield';
import { fitNetwork } from './fit-network';
import type { JobDefinition } from './job-handler';
import { likelihoodFor } from './train-run';
import { TrainMemberInputSchema } from './train-run-schema';

const SEED_LIMIT = 2 ** 31 - 1;

/**
 * The seed of ensemble member k: member 0 is the run's own seed (so it is the deterministic run
 * of the same settings), the others are spread out by a prime stride.
 */
export function memberSeed(seed: number, member: number): number {
  return (seed + 7919 * member) % SEED_LIMIT;
}

/**
 * Trains one member of a deep ensemble (METHOD.md section 5): the deterministic network of the
 * run's architecture, on the run's splits (prepared from the run's seed, identical for every
 * member), initialized and batched from the member's own seed. Members run in parallel compute
 * processes; the run's 'train-run' job gathers them.
 */
export const trainMemberJob: JobDefinition<'train-member'> = {
  input: TrainMemberInputSchema,
  run: async (input, ctx) => {
    const { config } = input;
    const data = pipelineFor(config.arch).prepare(config, input.data, input.oodData);
    await yieldToEventLoop();
    ctx.throwIfCancelled();
    const seed = memberSeed(config.seed, input.member);
    const memberConfig: TrainConfig = { ...config, seed };
    const likelihood = createLikelihood(likelihoodFor(data.target));
    const model = pipelineFor(config.arch).buildModel(memberConfig, data, likelihood);
    const memory = new PeakMemory();
    try {
      const fit = await fitNetwork(model, likelihood, data, memberConfig, {
        epochs: config.epochs,
        seed,
        isCancelled: () => ctx.isCancelled(),
        report: (epoch, done, loss, epochMetrics) =>
          ctx.progress({
            member: input.member,
            epoch,
            epochs: config.epochs,
            fraction: done,
            loss,
            epochMetrics
          }),
        memory
      });
      return {
        posterior: exportModel(model, likelihood),
        epochs: fit.epochs,
        bestEpoch: fit.bestEpoch,
        trainSeconds: fit.seconds,
        msPerStep: fit.msPerStep,
        peakMemoryMB: memory.megabytes
      };
    } finally {
      model.dispose();
      likelihood.dispose();
    }
  }
};
