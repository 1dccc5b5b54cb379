import type { TrainConfig } from '@shared/domain/config';
import type { EpochMetrics, RecordPrediction, RunMetrics } from '@shared/domain/records';
import type { TableFile } from '../../data/table-file';
import type { SavedPosterior } from '../../model/serialization';
import type { SavedPreprocessor } from '../../pipeline/architectures';
import type { TargetCoding } from '../../pipeline/prepared-run';

export interface TrainRunInput {
  runId: number;
  config: TrainConfig;
  data: TableFile;
  /** A second file whose rows are all out-of-distribution. */
  oodData: TableFile | null;
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
}

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
