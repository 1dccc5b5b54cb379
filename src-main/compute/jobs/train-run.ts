import { calibrateOodThreshold, oodMetrics } from '@shared/metrics/ood';
import type { EpochMetrics, RunMetrics } from '@shared/domain/records';
import { createLikelihood } from '../../model/likelihoods/create-likelihood';
import type { LikelihoodConfig } from '../../model/likelihoods/likelihood';
import { predict } from '../../model/predictor';
import { exportModel } from '../../model/serialization';
import { trainModel } from '../../model/trainer';
import { pipelineFor } from '../../pipeline/architectures';
import { evaluateSplit } from '../../pipeline/evaluate-split';
import type { EncodedRecords, TargetCoding } from '../../pipeline/prepared-run';
import { oodScores, scoreSplit } from '../../pipeline/score-records';
import { yieldToEventLoop } from '../yield';
import type { JobDefinition } from './job-handler';
import { TrainRunInputSchema } from './train-run-schema';
import type { TrainRunProgress, TrainRunResult } from './train-run-types';

/** Share of the progress bar given to each phase (training dominates). */
const PREPARE_SHARE = 0.05;
const TRAIN_SHARE = 0.85;

/** The likelihood of a task (METHOD.md section 4): Bernoulli, categorical, or Gaussian with learned noise. */
export function likelihoodFor(target: TargetCoding): LikelihoodConfig {
  if (target.task === 'regression') return { kind: 'gaussian' };
  if (target.task === 'binary') return { kind: 'bernoulli' };
  return { kind: 'categorical', classes: target.classes?.length ?? 0 };
}

/**
 * Trains a low-rank Bayesian network (MLP, LSTM or Transformer, by the run's arch) and scores every
 * held-out and OOD record: prepare (splits; preprocessing fitted on training records only), train
 * (ELBO with KL annealing, early stopping on validation loss), then S-sample prediction on the
 * validation records (to calibrate the OOD threshold at the user's false-alarm rate), test and OOD.
 */
export const trainRunJob: JobDefinition<'train-run'> = {
  input: TrainRunInputSchema,
  run: async (input, ctx) => {
    const { config } = input;
    ctx.progress(progress('preparing', 0, config.epochs, 0));
    const pipeline = pipelineFor(config.arch);
    const data = pipeline.prepare(config, input.data, input.oodData);
    await yieldToEventLoop();
    ctx.throwIfCancelled();

    const likelihood = createLikelihood(likelihoodFor(data.target));
    const model = pipeline.buildModel(config, data, likelihood);
    try {
      const started = performance.now();
      const report = (epoch: number, done: number, loss: number | null, epochMetrics: EpochMetrics | null) =>
        ctx.progress({
          ...progress('training', epoch, config.epochs, PREPARE_SHARE + TRAIN_SHARE * done),
          etaSeconds: eta(started, done),
          loss,
          epochMetrics
        });
      const outcome = await trainModel(
        model,
        likelihood,
        {
          xTrain: data.train.x,
          yTrain: data.train.y,
          nTrain: data.train.n,
          xVal: data.validation.x,
          yVal: data.validation.y,
          nVal: data.validation.n,
          input: data.input
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
          onStep: (s) => report(s.epoch, (s.epoch - 1 + s.step / s.steps) / config.epochs, s.loss, null),
          onEpoch: (m) => report(m.epoch, m.epoch / config.epochs, m.loss, m)
        }
      );
      const trainSeconds = (performance.now() - started) / 1000;
      ctx.progress(progress('predicting', outcome.bestEpoch, config.epochs, PREPARE_SHARE + TRAIN_SHARE));

      const predictionSeed = config.seed + 1;
      // Every split is predicted with the SAME S weight draws: scores of different splits are then
      // comparable (the OOD threshold, the OOD AUROC), not shifted by a different set of networks.
      const predictRecords = async (records: EncodedRecords) => {
        ctx.throwIfCancelled();
        const result = predict(model, likelihood, records.x, records.n, {
          samples: config.samples,
          seed: predictionSeed,
          intervalLevel: config.intervalLevel
        });
        await yieldToEventLoop();
        return result;
      };
      const validation = await predictRecords(data.validation);
      const threshold = calibrateOodThreshold(oodScores(validation, data.target), config.oodFalseAlarmRate);
      const test = scoreSplit('test', data.test, await predictRecords(data.test), data.target, threshold);
      const ood = data.ood
        ? scoreSplit('ood', data.ood, await predictRecords(data.ood), data.target, threshold)
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
          train: data.train.n,
          validation: data.validation.n,
          test: data.test.n,
          ood: data.ood?.n ?? 0
        },
        notes: data.notes
      };
      const result: TrainRunResult = {
        target: data.target,
        params: model.paramCount + likelihood.variables.reduce((sum, v) => sum + v.size, 0),
        trainSeconds,
        epochs: outcome.epochs,
        bestEpoch: outcome.bestEpoch,
        metrics,
        records: [...test.records, ...(ood?.records ?? [])],
        model: {
          formatVersion: 1,
          config,
          target: data.target,
          preprocessor: data.preprocessor,
          posterior: exportModel(model, likelihood),
          oodThreshold: threshold,
          predictionSeed
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
  phase: TrainRunProgress['phase'],
  epoch: number,
  epochs: number,
  fraction: number
): TrainRunProgress {
  return { phase, epoch, epochs, fraction, etaSeconds: null, loss: null, epochMetrics: null };
}

/** Remaining time if the rest goes as fast as what is done (an upper bound: early stopping may end sooner). */
function eta(startedMs: number, done: number): number | null {
  if (done <= 0) return null;
  const elapsed = (performance.now() - startedMs) / 1000;
  return (elapsed / done) * (1 - done);
}
