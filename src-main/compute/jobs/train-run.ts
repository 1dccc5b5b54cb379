import { calibrateOodThreshold, oodMetrics } from '@shared/metrics/ood';
import type { TrainConfig } from '@shared/domain/config';
import type { RunMetrics } from '@shared/domain/records';
import type { BayesianModel } from '../../model/bayesian-model';
import { initFromSvd } from '../../model/init-from-svd';
import { createLikelihood } from '../../model/likelihoods/create-likelihood';
import type { Likelihood, LikelihoodConfig } from '../../model/likelihoods/likelihood';
import { predict } from '../../model/predictor';
import { exportModel } from '../../model/serialization';
import { trainedVariables } from '../../model/trainer';
import type { TrainCheckpoint } from '../../model/trainer';
import { decodeCheckpoint, encodeCheckpoint } from '../../model/training/train-checkpoint';
import type { EncodedCheckpoint } from '../../model/training/train-checkpoint';
import { pipelineFor } from '../../pipeline/architectures';
import type { ArchitecturePipeline, SavedPreprocessor } from '../../pipeline/architectures';
import { applyConformal, calibrateConformal, conformalSummary } from '../../pipeline/conformal-records';
import type { ConformalCalibration } from '../../pipeline/conformal-records';
import { evaluateSplit } from '../../pipeline/evaluate-split';
import type { EncodedRecords, PreparedRun, TargetCoding } from '../../pipeline/prepared-run';
import { oodScoreKind, oodScores, scoreSplit } from '../../pipeline/score-records';
import type { ScoredSplit } from '../../pipeline/score-records';
import { PeakMemory } from '../peak-memory';
import { yieldToEventLoop } from '../yield';
import { fitNetwork } from './fit-network';
import type { FitReport, FitResult } from './fit-network';
import { gatherEnsemble } from './gather-ensemble';
import type { JobContext, JobDefinition } from './job-handler';
import { pacBayesOf, weightSpectra } from './run-analysis';
import { TrainRunInputSchema } from './train-run-schema';
import { CHECKPOINT_SECONDS, trainingFraction } from './train-run-types';
import type { EnsembleMembers, TrainRunProgress, TrainRunResult } from './train-run-types';

/** The likelihood of a task (METHOD.md section 4): Bernoulli, categorical, or Gaussian with learned noise. */
export function likelihoodFor(target: TargetCoding): LikelihoodConfig {
  if (target.task === 'regression') return { kind: 'gaussian' };
  if (target.task === 'binary') return { kind: 'bernoulli' };
  return { kind: 'categorical', classes: target.classes?.length ?? 0 };
}

/**
 * The split-conformal calibration on the validation records, or null when they are too few for the
 * level (the quantile would be infinite: every interval unbounded) or none has a known target.
 */
function calibrationFor(validation: ScoredSplit, level: number): ConformalCalibration | null {
  if (!validation.labels.some(Number.isFinite)) return null;
  const calibration = calibrateConformal(validation, level);
  return Number.isFinite(calibration.quantile) ? calibration : null;
}

/** A trained network with what its training cost. */
interface Trained {
  model: BayesianModel;
  likelihood: Likelihood;
  fit: Pick<FitResult, 'epochs' | 'bestEpoch' | 'seconds' | 'msPerStep'>;
  peakMemoryMB: number;
}

/** A training progress reporter over [start, end) of the training share of the bar. */
function trainingReporter(
  ctx: JobContext<'train-run'>,
  epochs: number,
  start: number,
  end: number,
  withEpochs: boolean
): FitReport {
  const began = performance.now();
  return (epoch, done, loss, epochMetrics) => {
    const overall = start + (end - start) * done;
    ctx.progress({
      ...progress('training', epoch, epochs, trainingFraction(overall)),
      etaSeconds: eta(began, done, (1 - overall) / Math.max(1e-9, end - start)),
      loss,
      epochMetrics: withEpochs ? epochMetrics : null
    });
  };
}

/**
 * Sends the run's training checkpoints to the main side, which stores them (the run can then be
 * resumed after a crash). `extraSeconds` (lr-svd's pre-fit) is added to the training time they hold.
 */
function checkpointSender(
  ctx: JobContext<'train-run'>,
  epochs: number,
  start: number,
  extraSeconds: number
): (checkpoint: TrainCheckpoint) => void {
  return (checkpoint) => {
    const done = start + (1 - start) * (checkpoint.epoch / epochs);
    ctx.progress({
      ...progress('training', checkpoint.epoch, epochs, trainingFraction(done)),
      checkpoint: encodeCheckpoint({ ...checkpoint, seconds: checkpoint.seconds + extraSeconds })
    });
  };
}

/**
 * Trains the run's network by its method. lr-svd first fits the deterministic network of the same
 * shape for pretrainEpochs, then starts the factors from the truncated SVD of its weights
 * (METHOD.md section 5) and trains as sbnn; the pre-fit takes its share of the progress bar.
 * A resumed run continues from its checkpoint (for lr-svd, one taken after the pre-fit).
 */
async function trainForRun(
  config: TrainConfig,
  data: PreparedRun<SavedPreprocessor>,
  pipeline: ArchitecturePipeline,
  ctx: JobContext<'train-run'>,
  memory: PeakMemory,
  resumeFrom: EncodedCheckpoint | null
): Promise<Trained> {
  const likelihood = createLikelihood(likelihoodFor(data.target));
  const model = pipeline.buildModel(config, data, likelihood);
  try {
    const sizes = trainedVariables(model, likelihood).map((v) => v.size);
    const resume = resumeFrom ? decodeCheckpoint(resumeFrom, sizes) : null;
    let start = 0;
    let pretrainSeconds = 0;
    if (config.method === 'lr-svd') {
      start = config.pretrainEpochs / (config.pretrainEpochs + config.epochs);
      if (!resume) pretrainSeconds = await pretrainForSvd(config, data, pipeline, model, ctx, memory, start);
    }
    const fit = await fitNetwork(model, likelihood, data, config, {
      epochs: config.epochs,
      seed: config.seed,
      isCancelled: () => ctx.isCancelled(),
      report: trainingReporter(ctx, config.epochs, start, 1, true),
      memory,
      resumeFrom: resume,
      checkpoint: {
        everySeconds: CHECKPOINT_SECONDS,
        save: checkpointSender(ctx, config.epochs, start, pretrainSeconds)
      }
    });
    return {
      model,
      likelihood,
      fit: { ...fit, seconds: fit.seconds + pretrainSeconds },
      peakMemoryMB: memory.megabytes
    };
  } catch (err) {
    model.dispose();
    likelihood.dispose();
    throw err;
  }
}

/** lr-svd's deterministic pre-fit; initializes `target`'s factors from it. Returns its seconds. */
async function pretrainForSvd(
  config: TrainConfig,
  data: PreparedRun<SavedPreprocessor>,
  pipeline: ArchitecturePipeline,
  target: BayesianModel,
  ctx: JobContext<'train-run'>,
  memory: PeakMemory,
  share: number
): Promise<number> {
  const deterministic: TrainConfig = { ...config, method: 'deterministic' };
  const likelihood = createLikelihood(likelihoodFor(data.target));
  const model = pipeline.buildModel(deterministic, data, likelihood);
  try {
    const fit = await fitNetwork(model, likelihood, data, deterministic, {
      epochs: config.pretrainEpochs,
      seed: config.seed,
      isCancelled: () => ctx.isCancelled(),
      report: trainingReporter(ctx, config.pretrainEpochs, 0, share, false),
      memory
    });
    initFromSvd(target, model);
    return fit.seconds;
  } finally {
    model.dispose();
    likelihood.dispose();
  }
}

/** The ensemble of members trained by 'train-member' jobs, with their training summary. */
function ensembleForRun(members: EnsembleMembers, data: PreparedRun<SavedPreprocessor>): Trained {
  const { model, likelihood } = gatherEnsemble(members.posteriors, likelihoodFor(data.target));
  return {
    model,
    likelihood,
    fit: {
      epochs: members.epochs,
      bestEpoch: members.bestEpoch,
      seconds: members.trainSeconds,
      msPerStep: members.msPerStep
    },
    peakMemoryMB: members.peakMemoryMB
  };
}

/**
 * Trains a network (MLP, LSTM or Transformer, by the run's arch; by the run's method: the
 * low-rank posterior or a baseline) and scores every held-out and OOD record: prepare (splits;
 * preprocessing fitted on training records only), train (or gather the ensemble members trained in
 * parallel), then S-sample prediction of the validation records (to calibrate the OOD threshold at
 * the user's false-alarm rate and the conformal quantile), test and OOD; then the theory summaries.
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

    const memory = new PeakMemory();
    const trained = input.ensemble
      ? ensembleForRun(input.ensemble, data)
      : await trainForRun(config, data, pipeline, ctx, memory, input.resumeFrom ?? null);
    const { model, likelihood, fit } = trained;
    try {
      ctx.progress(progress('predicting', fit.bestEpoch, config.epochs, trainingFraction(1)));
      const predictionSeed = config.seed + 1;
      const predictStarted = performance.now();
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
      const scoreKind = oodScoreKind(config.method);
      const validationPredictive = await predictRecords(data.validation);
      const threshold = calibrateOodThreshold(
        oodScores(validationPredictive, data.target, scoreKind),
        config.oodFalseAlarmRate
      );
      const score = async (split: 'test' | 'ood', records: EncodedRecords) =>
        scoreSplit(split, records, await predictRecords(records), data.target, threshold, scoreKind);
      const validation = scoreSplit(
        'validation',
        data.validation,
        validationPredictive,
        data.target,
        threshold,
        scoreKind
      );
      const test = await score('test', data.test);
      const ood = data.ood ? await score('ood', data.ood) : null;
      const predictSeconds = (performance.now() - predictStarted) / 1000;
      const conformal = calibrationFor(validation, config.conformalLevel);
      if (conformal) {
        applyConformal(test, conformal);
        if (ood) applyConformal(ood, conformal);
      }

      ctx.throwIfCancelled();
      const pacBayes = pacBayesOf(model, likelihood, config, data.train);
      const metrics: RunMetrics = {
        test: evaluateSplit(test, config.intervalLevel),
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
        notes: conformal
          ? data.notes
          : [
              ...data.notes,
              `Too few validation records for ${config.conformalLevel * 100}% conformal intervals; none were computed.`
            ],
        conformal: conformal ? conformalSummary(test, conformal) : null,
        pacBayes,
        spectrum: weightSpectra(model),
        cost: {
          msPerStep: fit.msPerStep,
          peakMemoryMB: Math.max(trained.peakMemoryMB, memory.megabytes),
          predictSeconds,
          samples: config.samples
        }
      };
      const result: TrainRunResult = {
        target: data.target,
        params: model.paramCount + likelihood.variables.reduce((sum, v) => sum + v.size, 0),
        trainSeconds: fit.seconds,
        epochs: fit.epochs,
        bestEpoch: fit.bestEpoch,
        metrics,
        records: [...test.records, ...(ood?.records ?? [])],
        model: {
          formatVersion: 1,
          config,
          target: data.target,
          preprocessor: data.preprocessor,
          posterior: exportModel(model, likelihood),
          oodThreshold: threshold,
          predictionSeed,
          ...(conformal ? { conformal } : {})
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

/**
 * Remaining time if the rest goes as fast as what is done (an upper bound: early stopping may end
 * sooner). `remainingPerDone` scales it when this fitting is only part of the training.
 */
function eta(startedMs: number, done: number, remainingPerDone = 1 - done): number | null {
  if (done <= 0) return null;
  const elapsed = (performance.now() - startedMs) / 1000;
  return (elapsed / done) * remainingPerDone;
}
