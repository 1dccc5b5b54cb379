import type { TrainConfig } from '@shared/domain/config';
import type { EpochMetrics, RecordPrediction, RunMetrics } from '@shared/domain/records';
import type { TableFile } from '../../data/table-file';
import type { SavedPosterior } from '../../model/serialization';
import type { EncodedCheckpoint } from '../../model/training/train-checkpoint';
import type { SavedPreprocessor } from '../../pipeline/architectures';
import type { ConformalCalibration } from '../../pipeline/conformal-records';
import type { TargetCoding } from '../../pipeline/prepared-run';

export interface TrainRunInput {
  runId: number;
  config: TrainConfig;
  data: TableFile;
  /** A second file whose rows are all out-of-distribution. */
  oodData: TableFile | null;
  /** Ensemble runs: the members, trained by 'train-member' jobs; the job then only predicts and scores. */
  ensemble?: EnsembleMembers | null;
  /** Continue the run's training from its last checkpoint (an interrupted or cancelled run). */
  resumeFrom?: EncodedCheckpoint | null;
}

/** The trained members of a deep ensemble and what their training cost. */
export interface EnsembleMembers {
  posteriors: SavedPosterior[];
  /** Epoch history of the first member (the one the Training view shows). */
  epochs: EpochMetrics[];
  bestEpoch: number;
  /** Wall time of training all members (in parallel processes). */
  trainSeconds: number;
  /** Mean over members. */
  msPerStep: number;
  peakMemoryMB: number;
}

/** One member of a deep ensemble: the run's data and splits, its own seed for init and batch order. */
export interface TrainMemberInput {
  runId: number;
  config: TrainConfig;
  data: TableFile;
  oodData: TableFile | null;
  /** 0-based member index; member k's seed is memberSeed(config.seed, k). */
  member: number;
}

export interface TrainMemberProgress {
  member: number;
  epoch: number;
  epochs: number;
  /** Fraction of this member's epochs done, 0..1. */
  fraction: number;
  loss: number | null;
  epochMetrics: EpochMetrics | null;
}

export interface TrainMemberResult {
  posterior: SavedPosterior;
  epochs: EpochMetrics[];
  bestEpoch: number;
  trainSeconds: number;
  msPerStep: number;
  peakMemoryMB: number;
}

/**
 * The overall progress of a run when its training is `done` (0..1) done: preparing takes the first
 * 5 % of the bar, training the next 85 %, prediction and scoring the rest. Shared by the training
 * job and by the main side, which reports an ensemble's members on the same bar.
 */
export function trainingFraction(done: number): number {
  return 0.05 + 0.85 * done;
}

export interface TrainRunProgress {
  phase: 'preparing' | 'training' | 'predicting';
  epoch: number;
  epochs: number;
  /** Overall fraction done, 0..1. */
  fraction: number;
  etaSeconds: number | null;
  loss: number | null;
  /** Set once per finished epoch, so the main side can store it. */
  epochMetrics: EpochMetrics | null;
  /** The training state after a finished epoch, sent every CHECKPOINT_SECONDS, so the main side can store it. */
  checkpoint?: EncodedCheckpoint | null;
}

/** Seconds of training between two checkpoints of a run: at most this much work is lost in a crash. */
export const CHECKPOINT_SECONDS = 15;

/** Everything needed to score a later file exactly as the training data was scored. */
export interface SavedModelFile {
  formatVersion: 1;
  config: TrainConfig;
  target: TargetCoding;
  preprocessor: SavedPreprocessor;
  posterior: SavedPosterior;
  /** OOD flag threshold on the OOD score, calibrated on held-out in-distribution records. */
  oodThreshold: number;
  /** Seed of the S weight draws the threshold was calibrated with; later files are scored with the same draws. */
  predictionSeed: number;
  /** Split-conformal calibration on the validation records (absent in models saved before it existed). */
  conformal?: ConformalCalibration;
}

export interface TrainRunResult {
  target: TargetCoding;
  params: number;
  trainSeconds: number;
  epochs: EpochMetrics[];
  bestEpoch: number;
  metrics: RunMetrics;
  records: RecordPrediction[];
  model: SavedModelFile;
}

export interface PredictRunInput {
  model: SavedModelFile;
  data: TableFile;
  samples: number;
  seed: number;
}

export interface PredictRunResult {
  records: RecordPrediction[];
  /** Present when the file holds the target column. */
  metrics: RunMetrics['test'] | null;
}
