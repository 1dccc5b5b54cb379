import { AppError } from '@shared/contract/errors';
import type { ColumnRole, TrainConfig } from '@shared/domain/config';
import { parseTable } from '../data/csv-table';
import type { ParsedTable } from '../data/csv-table';
import { fitPreprocessor, transformFeatures, transformTarget } from '../data/preprocessing';
import type { Preprocessor, TransformedFeatures, TransformedTarget } from '../data/preprocessing';
import { matchOod, randomSplit } from '../data/splits';
import { rowsWithTarget } from '../data/target-encoding';
import type { TableFile } from '../compute/jobs/train-tabular-types';

/** Fewest labelled training rows a run accepts: below this the posterior says nothing useful. */
export const MIN_TRAIN_ROWS = 20;

/** The rows of one split, encoded for the model, with what the records need to be reported. */
export interface EncodedSplit {
  /** Row indices into the source table (0-based data rows). */
  rows: number[];
  features: TransformedFeatures;
  target: TransformedTarget;
}

export interface PreparedTabular {
  pre: Preprocessor;
  table: ParsedTable;
  train: EncodedSplit;
  validation: EncodedSplit;
  test: EncodedSplit;
  /** Out-of-distribution rows: matched by --ood-where in the main file, or every row of the OOD file. */
  ood: EncodedSplit | null;
  /** Labelled rows left out because their target was missing. */
  droppedWithoutTarget: number;
}

/**
 * Turns a table and a run configuration into encoded splits: OOD rows set aside first (they are
 * never trained on), a seeded random train/validation/test split of the rest, preprocessing fitted
 * on the training rows only, then every split encoded with that one fitted preprocessor.
 */
export function prepareTabular(
  config: TrainConfig,
  data: TableFile,
  oodData: TableFile | null
): PreparedTabular {
  const table = parseTable(data.content, data.fileName);
  const oodMask = config.oodWhere.length > 0 ? matchOod(table, config.oodWhere) : null;
  const labelled = rowsWithTarget(table, config.target);
  const inDistribution = labelled.filter((r) => !oodMask?.[r]);
  const { train, validation, test } = randomSplit(
    inDistribution,
    { validation: config.validationFraction, test: config.testFraction },
    config.seed
  );
  if (train.length < MIN_TRAIN_ROWS) {
    throw new AppError(
      'BAD_DATA',
      `Only ${train.length} rows are left for training in "${data.fileName}" (at least ${MIN_TRAIN_ROWS} are needed). ` +
        'Check the target column and the OOD conditions.',
      { file: data.fileName, column: config.target }
    );
  }
  const roles: Record<string, ColumnRole> = { ...config.roles };
  const pre = fitPreprocessor(table, train, {
    target: config.target,
    task: config.task,
    roles,
    ignore: config.ignore
  });
  const encode = (source: ParsedTable, rows: number[], strict: boolean): EncodedSplit => ({
    rows,
    features: transformFeatures(pre, source, rows),
    target: transformTarget(pre, source, rows, { strict })
  });

  let ood: EncodedSplit | null = null;
  if (oodData) {
    const oodTable = parseTable(oodData.content, oodData.fileName);
    ood = encode(
      oodTable,
      oodTable.rows.map((_, i) => i),
      false
    );
  } else if (oodMask) {
    ood = encode(
      table,
      table.rows.map((_, i) => i).filter((r) => oodMask[r]),
      false
    );
  }
  return {
    pre,
    table,
    train: encode(table, train, true),
    validation: dropUnlabelled(encode(table, validation, false)),
    test: dropUnlabelled(encode(table, test, false)),
    ood,
    droppedWithoutTarget: table.rows.length - labelled.length
  };
}

/**
 * Evaluation rows whose target could not be encoded (a class never seen in training) are left out
 * of the metrics rather than counted as wrong.
 */
function dropUnlabelled(split: EncodedSplit): EncodedSplit {
  const keep = split.rows.map((_, i) => i).filter((i) => Number.isFinite(split.target.y[i]));
  if (keep.length === split.rows.length) return split;
  const dim = split.features.dim;
  const x = new Float32Array(keep.length * dim);
  keep.forEach((i, k) => x.set(split.features.x.subarray(i * dim, (i + 1) * dim), k * dim));
  const pick = <T>(items: T[]): T[] => keep.map((i) => items[i] as T);
  return {
    rows: pick(split.rows),
    features: {
      x,
      n: keep.length,
      dim,
      imputed: pick(split.features.imputed),
      unseen: pick(split.features.unseen),
      ids: pick(split.features.ids)
    },
    target: { y: Float32Array.from(keep, (i) => split.target.y[i] as number), raw: pick(split.target.raw) }
  };
}
