import type { Arch, Task } from '@shared/domain/config';
import type { RecordArray, RecordInput } from '../model/bayesian-model';

/**
 * One split's records, encoded for a model, with everything the review needs to report them:
 * the same shape for every architecture, so one training job, one scorer and one evaluation
 * serve the MLP, the LSTM and the Transformer.
 */
export interface EncodedRecords {
  n: number;
  /** [n, ...input.shape] row-major: features, windows or token ids. */
  x: RecordArray;
  /** Class index, or the standardized target; NaN where unknown. */
  y: Float32Array;
  /** The record's row in its source file (0-based data row; a window's target row). */
  rows: number[];
  /** Identifying values shown with the record (id columns; series and target time for windows). */
  ids: Record<string, string>[];
  /** The target as written in the file, or null. */
  rawTarget: (string | null)[];
  /** Names of the inputs that were missing or unusable and imputed. */
  imputed: string[][];
  /** The documents of text records. */
  text?: string[];
  /** Time series: the last observed target value of each window (original units), for the persistence baseline. */
  lastObserved?: number[];
  /** Time series: the target time of each window (ms or step number), the order outcomes become known in. */
  times?: number[];
}

/** How targets are encoded: classes for classification, the scaling for regression. */
export interface TargetCoding {
  task: Task;
  /** Class of index k; binary: [negative, positive]. Null for regression. */
  classes: string[] | null;
  positiveClass: string | null;
  /** Regression: y = (value - targetMean) / targetStd. */
  targetMean: number | null;
  targetStd: number | null;
}

export interface PreparedRun<Preprocessor> {
  arch: Arch;
  input: RecordInput;
  target: TargetCoding;
  train: EncodedRecords;
  validation: EncodedRecords;
  test: EncodedRecords;
  /** Out-of-distribution records, never trained on. */
  ood: EncodedRecords | null;
  /** The fitted preprocessing, stored with the model so later files are encoded identically. */
  preprocessor: Preprocessor;
  /** Things a person should know about the data (dropped rows, gaps, truncated documents). */
  notes: string[];
}

/** Keeps the records at `keep` (indices into the split), in that order. */
export function selectRecords(records: EncodedRecords, keep: number[], recordSize: number): EncodedRecords {
  const x =
    records.x instanceof Int32Array
      ? new Int32Array(keep.length * recordSize)
      : new Float32Array(keep.length * recordSize);
  keep.forEach((i, k) => x.set(records.x.subarray(i * recordSize, (i + 1) * recordSize), k * recordSize));
  const pick = <T>(items: T[]): T[] => keep.map((i) => items[i] as T);
  return {
    n: keep.length,
    x,
    y: Float32Array.from(keep, (i) => records.y[i] as number),
    rows: pick(records.rows),
    ids: pick(records.ids),
    rawTarget: pick(records.rawTarget),
    imputed: pick(records.imputed),
    ...(records.text ? { text: pick(records.text) } : {}),
    ...(records.lastObserved ? { lastObserved: pick(records.lastObserved) } : {}),
    ...(records.times ? { times: pick(records.times) } : {})
  };
}

/** Evaluation records whose target could not be encoded are left out of the metrics, not counted as wrong. */
export function dropUnlabelled(records: EncodedRecords, recordSize: number): EncodedRecords {
  const keep = records.rows.map((_, i) => i).filter((i) => Number.isFinite(records.y[i]));
  return keep.length === records.n ? records : selectRecords(records, keep, recordSize);
}
