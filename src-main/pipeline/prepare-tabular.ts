import { AppError } from '@shared/contract/errors';
import type { TrainConfig } from '@shared/domain/config';
import { parseTable } from '../data/csv-table';
import type { ParsedTable } from '../data/csv-table';
import { fitPreprocessor, transformFeatures, transformTarget } from '../data/preprocessing';
import type { Preprocessor } from '../data/preprocessing';
import { matchOod, randomSplit } from '../data/splits';
import { rowsWithTarget } from '../data/target-encoding';
import type { TableFile } from '../data/table-file';
import { dropUnlabelled } from './prepared-run';
import type { EncodedRecords, PreparedRun, TargetCoding } from './prepared-run';

/** Fewest labelled training rows a run accepts: below this the posterior says nothing useful. */
export const MIN_TRAIN_ROWS = 20;

/**
 * Turns a table and a run configuration into encoded splits: OOD rows set aside first (they are
 * never trained on), a seeded random train/validation/test split of the rest, preprocessing fitted
 * on the training rows only, then every split encoded with that one fitted preprocessor.
 */
export function prepareTabular(
  config: TrainConfig,
  data: TableFile,
  oodData: TableFile | null
): PreparedRun<Preprocessor> {
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
  const pre = fitPreprocessor(table, train, {
    target: config.target,
    task: config.task,
    roles: { ...config.roles },
    ignore: config.ignore
  });
  const dim = pre.features.reduce((d, f) => d + (f.role === 'numeric' ? 1 : f.categories.length), 0);
  const encode = (source: ParsedTable, rows: number[], strict: boolean): EncodedRecords =>
    encodeTabular(pre, source, rows, strict);

  let ood: EncodedRecords | null = null;
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
  const dropped = table.rows.length - labelled.length;
  return {
    arch: 'mlp',
    input: { shape: [dim], dtype: 'float32' },
    target: targetCoding(pre),
    train: encode(table, train, true),
    validation: dropUnlabelled(encode(table, validation, false), dim),
    test: dropUnlabelled(encode(table, test, false), dim),
    ood,
    preprocessor: pre,
    notes: [
      ...pre.notes,
      ...(dropped > 0 ? [`${dropped} rows without a value in "${config.target}" were left out.`] : [])
    ]
  };
}

/** Encodes rows of a table with a fitted preprocessor (training, evaluation or a later file). */
export function encodeTabular(
  pre: Preprocessor,
  table: ParsedTable,
  rows: number[],
  strict: boolean
): EncodedRecords {
  const features = transformFeatures(pre, table, rows);
  const target = transformTarget(pre, table, rows, { strict });
  return {
    n: features.n,
    x: features.x,
    y: target.y,
    rows,
    ids: features.ids,
    rawTarget: target.raw,
    imputed: features.imputed
  };
}

export function targetCoding(pre: Preprocessor): TargetCoding {
  return {
    task: pre.task,
    classes: pre.classes,
    positiveClass: pre.positiveClass,
    targetMean: pre.targetMean,
    targetStd: pre.targetStd
  };
}
