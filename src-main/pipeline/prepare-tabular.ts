import type { TrainConfig } from '@shared/domain/config';
import { parseTable } from '../data/csv-table';
import type { ParsedTable } from '../data/csv-table';
import { fitPreprocessor, transformFeatures, transformTarget } from '../data/preprocessing';
import type { Preprocessor } from '../data/preprocessing';
import type { TableFile } from '../data/table-file';
import { dropUnlabelled } from './prepared-run';
import { splitRows } from './split-rows';
import type { EncodedRecords, PreparedRun, TargetCoding } from './prepared-run';

/**
 * Turns a table and a run configuration into encoded splits (splitRows: OOD rows first, then a
 * seeded random split), preprocessing fitted on the training rows only, then every split encoded
 * with that one fitted preprocessor.
 */
export function prepareTabular(
  config: TrainConfig,
  data: TableFile,
  oodData: TableFile | null
): PreparedRun<Preprocessor> {
  const table = parseTable(data.content, data.fileName);
  const { train, validation, test, ood: oodRows, withoutTarget } = splitRows(config, table, data, 'rows');
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
  } else if (config.oodWhere.length > 0) {
    ood = encode(table, oodRows, false);
  }
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
      ...(withoutTarget > 0
        ? [`${withoutTarget} rows without a value in "${config.target}" were left out.`]
        : [])
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
