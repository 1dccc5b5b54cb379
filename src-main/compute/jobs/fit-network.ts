import type { TrainConfig } from '@shared/domain/config';
import type { EpochMetrics } from '@shared/domain/records';
import type { BayesianModel } from '../../model/bayesian-model';
import type { Likelihood } from '../../model/likelihoods/likelihood';
import { trainModel } from '../../model/trainer';
import type { TrainCheckpoint, TrainOutcome } from '../../model/trainer';
import type { PreparedRun } from '../../pipeline/prepared-run';
import type { PeakMemory } from '../peak-memory';

/** What a fitting reports while it runs: the fraction of its epochs done, the loss, a finished epoch. */
export type FitReport = (
  epoch: number,
  done: number,
  loss: number | null,
  epochMetrics: EpochMetrics | null
) => void;

export interface FitResult extends TrainOutcome {
  /** Training steps taken (every epoch's mini-batches). */
  steps: number;
  /** Wall time per step, ms. */
  msPerStep: number;
}

export interface FitOptions {
  /** Epochs of this fitting (config.epochs for the run, pretrainEpochs for a pre-fit). */
  epochs: number;
  /** Seeds mini-batch order and weight draws (an ensemble member or pre-fit uses its own). */
  seed: number;
  isCancelled: () => boolean;
  report: FitReport;
  memory: PeakMemory;
  /** Continue from this checkpoint of the same fitting. */
  resumeFrom?: TrainCheckpoint | null;
  /** Receives the training state every `everySeconds` (trainModel's checkpoint hook). */
  checkpoint?: { everySeconds: number; save(checkpoint: TrainCheckpoint): void };
}

/**
 * Trains a network on a prepared run's training records with early stopping on its validation
 * records, using the run's optimizer settings (METHOD.md section 2). One routine for the run's own
 * training, each ensemble member, lr-svd's deterministic pre-fit and the rank advisor's.
 */
export async function fitNetwork(
  model: BayesianModel,
  likelihood: Likelihood,
  data: PreparedRun<unknown>,
  config: TrainConfig,
  options: FitOptions
): Promise<FitResult> {
  let steps = 0;
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
      epochs: options.epochs,
      batchSize: config.batchSize,
      lr: config.lr,
      beta: config.beta,
      annealZeroEpochs: config.annealZeroEpochs,
      annealRampEpochs: config.annealRampEpochs,
      patience: config.patience,
      seed: options.seed,
      resumeFrom: options.resumeFrom
    },
    {
      isCancelled: options.isCancelled,
      checkpoint: options.checkpoint,
      onStep: (s) => {
        steps++;
        options.memory.sample();
        options.report(s.epoch, (s.epoch - 1 + s.step / s.steps) / options.epochs, s.loss, null);
      },
      onEpoch: (m) => options.report(m.epoch, m.epoch / options.epochs, m.loss, m)
    }
  );
  // A resumed fitting's seconds include the time before its checkpoint; its steps do not.
  const seconds = outcome.seconds - (options.resumeFrom?.seconds ?? 0);
  return { ...outcome, steps, msPerStep: steps > 0 ? (seconds * 1000) / steps : 0 };
}
