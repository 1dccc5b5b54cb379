import { AppError } from '@shared/contract/errors';
import type { TrainConfig } from '@shared/domain/config';
import type { ParsedTable } from '../data/csv-table';
import { matchOod, randomSplit } from '../data/splits';
import { rowsWithTarget } from '../data/target-encoding';
import type { TableFile } from '../data/table-file';

/** Fewest labelled training records a run accepts: below this the posterior says nothing useful. */
export const MIN_TRAIN_ROWS = 20;

/** Row indices (0-based data rows) of each part of a table. */
export interface RowSplit {
  train: number[];
  validation: number[];
  test: number[];
  /** Rows matching an --ood-where condition (whether labelled or not), or empty. */
  ood: number[];
  /** Rows left out because their target is missing. */
  withoutTarget: number;
}

/**
 * Splits the rows of a table whose records are independent (tables, documents): OOD rows set aside
 * first (they are never trained on), then a seeded random train/validation/test split of the
 * labelled rest. `unit` names the records in the message when too few are left to train on.
 */
export function splitRows(config: TrainConfig, table: ParsedTable, data: TableFile, unit: string): RowSplit {
  const oodMask = config.oodWhere.length > 0 ? matchOod(table, config.oodWhere) : null;
  const labelled = rowsWithTarget(table, config.target);
  const { train, validation, test } = randomSplit(
    labelled.filter((r) => !oodMask?.[r]),
    { validation: config.validationFraction, test: config.testFraction },
    config.seed
  );
  if (train.length < MIN_TRAIN_ROWS) {
    throw new AppError(
      'BAD_DATA',
      `Only ${train.length} ${unit} are left for training in "${data.fileName}" (at least ${MIN_TRAIN_ROWS} are needed). ` +
        'Check the target column and the OOD conditions.',
      { file: data.fileName, column: config.target }
    );
  }
  return {
    train,
    validation,
    test,
    ood: oodMask ? table.rows.map((_, i) => i).filter((r) => oodMask[r]) : [],
    withoutTarget: table.rows.length - labelled.length
  };
}
