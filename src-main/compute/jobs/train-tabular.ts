import { calibrateOodThreshold, oodMetrics } from '@shared/metrics/ood';
import { resolveRanks } from '@shared/domain/config';
import type { EpochMetrics, RunMetrics } from '@shared/domain/records';
import { buildMlp } from '../../model/bayesian-mlp';
import { createLikelihood } from '../../model/likelihoods/create-likelihood';
import type { LikelihoodConfig } from '../../model/likelihoods/likelihood';
import { predict } from '../../model/predictor';
import { exportModel } from '../../model/serialization';
import { trainModel } from '../../model/trainer';
import { evaluateSplit } from '../../pipeline/evaluate-split';
import { prepareTabular } from '../../pipeline/prepare-tabular';
import type { EncodedSplit } from '../../pipeline/prepare-tabular';
import { oodScores, scoreSplit } from '../../pipeline/score-records';
import { yieldToEventLoop } from '../yield';
import type { JobDefinition } from './job-handler';
import { TrainTabularInputSchema } from './train-tabular-schema';
import type { TrainTabularResult } from './train-tabular-types';

/** Share of the progress bar given to each phase (training dominates). */
const PREPARE_SHARE = 0.05;
const TRAIN_SHARE = 0.85;

/**
 * Trains the low-rank Bayesian MLP on a table and scores every held-out and OOD record:
 * prepare (split, fit preprocessing on train rows), train (ELBO with KL annealing, early stopping
 * on validation loss), then S-sample prediction on validation (to calibrate the OOD threshold at
 * the user's false-alarm rate), test and OOD records.
 */
export const trainTabularJob: JobDefinition<'train-tabular'> = {
  input: TrainTabularInputSchema,
  run: async (input, ctx) => {
    const { config } = input;
    ctx.progress(progress('preparing', 0, config.epochs, 0));
    const data = prepareTabular(config, input.data, input.oodData);
    await yieldToEventLoop();
    ctx.throwIfCancelled();

    const task = data.pre.task;
    const classes = data.pre.classes;
    const likelihoodConfig: LikelihoodConfig =
      task === 'regression'
        ? { kind: 'gaussian' }
        : task === 'binary'
          ? { kind: 'bernoulli' }
          : { kind: 'categorical', classes: classes?.length ?? 0 };
    const likelihood = createLikelihood(likelihoodConfig);
    const model = buildMlp({
      inputDim: data.train.features.dim,
      outputDim: likelihood.outputDim,
      hidden: config.hidden,
      ranks: resolveRanks(config),
      prior: config.prior,
      seed: config.seed
    });
    try {
      const started = performance.now();
      const outcome = await trainModel(
        model,
        likelihood,
        {
          xTrain: data.train.features.x,
          yTrain: data.train.target.y,
          nTrain: data.train.features.n,
          xVal: data.validation.features.x,
          yVal: data.validation.target.y,
          nVal: data.validation.features.n,
          inputDim: data.train.features.dim
        },
        {
          epochs: config.epochs,
          batchSize: config.batchSize,
          lr: config.lr,
          beta: config.beta,
          annealZeroEpochs: config.annealZeroEpochs,
          annealRampEpochs: config.annealRampEpochs,
          patience: config.patience,
          seed: config.seed
        },
        {
          isCancelled: () => ctx.isCancelled(),
          onStep: (s) => {
            const done = (s.epoch - 1 + s.step / s.steps) / config.epochs;
            ctx.progress({
              ...progress('training', s.epoch, config.epochs, PREPARE_SHARE + TRAIN_SHARE * done),
              etaSeconds: eta(started, done),
              loss: s.loss
            });
          },
          onEpoch: (m: EpochMetrics) => {
            const done = m.epoch / config.epochs;
            ctx.progress({
              ...progress('training', m.epoch, config.epochs, PREPARE_SHARE + TRAIN_SHARE * done),
              etaSeconds: eta(started, done),
              loss: m.loss,
              epochMetrics: m
            });
          }
        }
      );
      const trainSeconds = (performance.now() - started) / 1000;
      ctx.progress(progress('predicting', outcome.bestEpoch, config.epochs, PREPARE_SHARE + TRAIN_SHARE));

      const predictSplit = async (split: EncodedSplit, seedOffset: number) => {
        ctx.throwIfCancelled();
        const result = predict(model, likelihood, split.features.x, split.features.n, {
          samples: config.samples,
          seed: config.seed + seedOffset,
          intervalLevel: config.intervalLevel
        });
        await yieldToEventLoop();
        return result;
      };
      const validation = await predictSplit(data.validation, 1);
      const threshold = calibrateOodThreshold(oodScores(validation, data.pre), config.oodFalseAlarmRate);
      const test = scoreSplit('test', data.test, await predictSplit(data.test, 2), data.pre, threshold);
      const ood = data.ood
        ? scoreSplit('ood', data.ood, await predictSplit(data.ood, 3), data.pre, threshold)
        : null;

      const metrics: RunMetrics = {
        test: evaluateSplit(test),
        ood: ood
          ? oodMetrics(
              test.records.map((r) => r.oodScore),
              ood.records.map((r) => r.oodScore)
            )
          : null,
        oodThreshold: threshold,
        counts: {
          train: data.train.features.n,
          validation: data.validation.features.n,
          test: data.test.features.n,
          ood: data.ood?.features.n ?? 0
        }
      };
      const result: TrainTabularResult = {
        task,
        classes,
        positiveClass: data.pre.positiveClass,
        params: model.paramCount + likelihood.variables.reduce((sum, v) => sum + v.size, 0),
        trainSeconds,
        epochs: outcome.epochs,
        bestEpoch: outcome.bestEpoch,
        metrics,
        records: [...test.records, ...(ood?.records ?? [])],
        model: {
          formatVersion: 1,
          kind: 'tabular-mlp',
          config,
          task,
          classes,
          positiveClass: data.pre.positiveClass,
          preprocessor: data.pre,
          posterior: exportModel(model, likelihood),
          oodThreshold: threshold
        }
      };
      return result;
    } finally {
      model.dispose();
      likelihood.dispose();
    }
  }
};

function progress(
  phase: 'preparing' | 'training' | 'predicting',
  epoch: number,
  epochs: number,
  fraction: number
) {
  return { phase, epoch, epochs, fraction, etaSeconds: null, loss: null, epochMetrics: null };
}

/** Remaining time if the rest goes as fast as what is done (an upper bound: early stopping may end sooner). */
function eta(startedMs: number, done: number): number | null {
  if (done <= 0) return null;
  const elapsed = (performance.now() - startedMs) / 1000;
  return (elapsed / done) * (1 - done);
}
