import type { TrainConfig, Task } from '@shared/domain/config';
import type { EpochMetrics, RecordPrediction, RunMetrics } from '@shared/domain/records';
import type { Preprocessor } from '../../data/preprocessing';
import type { SavedPosterior } from '../../model/serialization';

/** A table file as text, decoded from its bytes on the main side. */
export interface TableFile {
  fileName: string;
  content: string;
}

export interface TrainTabularInput {
  runId: number;
  config: TrainConfig;
  data: TableFile;
  /** A second file whose rows are all out-of-distribution. */
  oodData: TableFile | null;
}

export interface TrainTabularProgress {
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
  kind: 'tabular-mlp';
  config: TrainConfig;
  task: Task;
  classes: string[] | null;
  positiveClass: string | null;
  preprocessor: Preprocessor;
  posterior: SavedPosterior;
  /** OOD flag threshold on the OOD score, calibrated on held-out in-distribution records. */
  oodThreshold: number;
}

export interface TrainTabularResult {
  task: Task;
  classes: string[] | null;
  positiveClass: string | null;
  params: number;
  trainSeconds: number;
  epochs: EpochMetrics[];
  bestEpoch: number;
  metrics: RunMetrics;
  records: RecordPrediction[];
  model: SavedModelFile;
}

export interface PredictTabularInput {
  model: SavedModelFile;
  data: TableFile;
  samples: number;
  seed: number;
}

export interface PredictTabularResult {
  records: RecordPrediction[];
  /** Present when the file holds the target column. */
  metrics: RunMetrics['test'] | null;
}
