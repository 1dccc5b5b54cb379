import { AppError } from '@shared/contract/errors';
import type { TrainConfig } from '@shared/domain/config';
import { parseTable } from '../data/csv-table';
import type { ParsedTable } from '../data/csv-table';
import { lineOf } from '../data/target-encoding';
import {
  fitTextPreprocessor,
  keepLabelled,
  textColumnIndex,
  transformText,
  type TextPreprocessor,
  type TextSplit
} from '../data/text/text-preprocessor';
import type { Tokenizer } from '../data/text/tokenizer';
import type { TableFile } from '../data/table-file';
import { splitRows } from './split-rows';

export interface PreparedText {
  /** Stored with the model: target encoding, id columns and the tokenizer's JSON. */
  pre: TextPreprocessor;
  tokenizer: Tokenizer;
  table: ParsedTable;
  train: TextSplit;
  validation: TextSplit;
  test: TextSplit;
  /** Out-of-distribution documents: matched by --ood-where in the main file, or every row of the OOD file. */
  ood: TextSplit | null;
  /** Rows left out because their label was missing. */
  droppedWithoutTarget: number;
}

/**
 * Turns a table of documents and a run configuration into encoded splits, as prepareTabular does
 * for tables: OOD rows set aside first (never trained on), a seeded random train/validation/test
 * split of the labelled rest, the target encoding and the tokenizer fitted on the training rows
 * only, then every split encoded with that one tokenizer.
 */
export function prepareText(config: TrainConfig, data: TableFile, oodData: TableFile | null): PreparedText {
  const text = config.text;
  if (!text) {
    throw new AppError('BAD_REQUEST', 'A text run needs a text column (text.column, --text COL).');
  }
  const table = parseTable(data.content, data.fileName);
  textColumnIndex(table, text.column);
  const {
    train,
    validation,
    test,
    ood: oodRows,
    withoutTarget
  } = splitRows(config, table, data, 'documents');
  const { pre, tokenizer } = fitTextPreprocessor(table, train, {
    textColumn: text.column,
    target: config.target,
    task: config.task,
    roles: config.roles,
    ignore: config.ignore,
    vocab: text.vocab,
    maxLen: text.maxLen
  });
  const encode = (source: ParsedTable, rows: number[], strict: boolean): TextSplit =>
    transformText(pre, source, rows, { strict, tokenizer });

  let ood: TextSplit | null = null;
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
  const trainSplit = encode(table, train, true);
  pre.notes.push(...trainingNotes(trainSplit, text.maxLen));
  return {
    pre,
    tokenizer,
    table,
    train: trainSplit,
    validation: keepLabelled(encode(table, validation, false)),
    test: keepLabelled(encode(table, test, false)),
    ood,
    droppedWithoutTarget: withoutTarget
  };
}

/** What a person should know about the training documents: empty ones, and how many were cut. */
function trainingNotes(split: TextSplit, maxLen: number): string[] {
  const notes: string[] = [];
  if (split.empty.length > 0) {
    notes.push(
      `${split.empty.length} training document(s) are empty and carry no text (the first at line ${lineOf(split.empty[0] as number)}).`
    );
  }
  if (split.truncated.length > 0) {
    const share = Math.round((100 * split.truncated.length) / split.n);
    notes.push(
      `${split.truncated.length} training document(s) (${share}%) are longer than ${maxLen - 1} tokens and were cut; ` +
        'a longer maximum length keeps more of them, at a higher cost per step.'
    );
  }
  return notes;
}
