import type { EpochMetrics } from '@shared/domain/records';
import type { RecordArray, RecordInput } from '../bayesian-model';
import type { TrainCheckpoint } from './train-checkpoint';

/**
 * Row-major records of the layout `input` (or [inputDim] float32); y holds class indices as floats
 * (classification) or standardized targets (regression).
 */
export interface TrainData {
  /** [nTrain, ...record shape] row-major. */
  xTrain: RecordArray;
  /** [nTrain] */
  yTrain: Float32Array;
  nTrain: number;
  /** [nVal, ...record shape] row-major. */
  xVal: RecordArray;
  /** [nVal] */
  yVal: Float32Array;
  nVal: number;
  /** Per-record shape and dtype; must equal the model's `input`. Give this or inputDim. */
  input?: RecordInput;
  /** Flat float32 records of this length (the MLP's layout): shorthand for input = { shape: [inputDim], dtype: 'float32' }. */
  inputDim?: number;
}

export interface TrainOptions {
  /** Maximum number of passes over the training set. */
  epochs: number;
  /** Records per step; the last batch of an epoch may be smaller. */
  batchSize: number;
  /** Adam learning rate. */
  lr: number;
  /** KL weight numerator: the KL term is weighted beta_t / N_train (beta = 1: the ELBO). */
  beta: number;
  /** Epochs with beta_t = 0 at the start. */
  annealZeroEpochs: number;
  /** Epochs of the linear ramp of beta_t from 0 to beta after those. */
  annealRampEpochs: number;
  /** Epochs without a better validation loss before stopping. */
  patience: number;
  /** Seeds the mini-batch order and every weight draw. */
  seed: number;
  /** Continue a training from its checkpoint (same model, data and options) instead of starting afresh. */
  resumeFrom?: TrainCheckpoint | null;
}

export interface TrainStep {
  /** 1-based. */
  epoch: number;
  /** 1-based within the epoch. */
  step: number;
  /** Steps per epoch. */
  steps: number;
  loss: number;
}

export interface TrainHooks {
  onEpoch?(metrics: EpochMetrics): void;
  onStep?(step: TrainStep): void;
  /** Polled after every step; true stops training with AppError('CANCELLED'). */
  isCancelled?(): boolean;
  /** Receives the state after a finished epoch, at most every `everySeconds` (the first at once). */
  checkpoint?: { everySeconds: number; save(checkpoint: TrainCheckpoint): void };
}

export interface TrainOutcome {
  /** One entry per epoch run (epoch numbers are 1-based; `seconds` is that epoch's wall time). */
  epochs: EpochMetrics[];
  /** The epoch whose variables the model holds after training (lowest validation loss). */
  bestEpoch: number;
  stoppedEarly: boolean;
  /** Wall time of the whole training (a resumed training's includes the time before its checkpoint). */
  seconds: number;
}
