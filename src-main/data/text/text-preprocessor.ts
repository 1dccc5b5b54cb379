import type { ColumnRole, Task } from '@shared/domain/config';
import { AppError } from '@shared/contract/errors';
import type { ParsedTable } from '../csv-table';
import { cleanCell } from '../cell-values';
import { inferColumns } from '../column-inference';
import { transformTarget, type Preprocessor } from '../preprocessing';
import { fitTarget, targetColumnIndex, type TargetEncoding } from '../target-encoding';
import { Tokenizer, type TokenizerJson } from './tokenizer';
import { UNK_ID } from './vocabulary';

/** Characters of each document kept for review; longer documents end with an ellipsis. */
export const MAX_REVIEW_TEXT_CHARS = 2000;

export interface TextPreprocessorSpec {
  /** The column holding the documents (TextConfig.column). */
  textColumn: string;
  target: string;
  task?: Task;
  /** Role per column; columns absent here take their inferred role. Only id roles matter here. */
  roles: Record<string, ColumnRole>;
  ignore: string[];
  /** Vocabulary size, specials included (TextConfig.vocab). */
  vocab: number;
  /** Ids per document, [CLS] included (TextConfig.maxLen). */
  maxLen: number;
}

/**
 * Everything needed to turn a table of documents into model inputs exactly as in training: plain
 * JSON, fitted on the training rows only (the target classes and the tokenizer's vocabulary).
 */
export interface TextPreprocessor extends TargetEncoding {
  version: 1;
  kind: 'text';
  textColumn: string;
  target: string;
  /** Carried to the outputs so a record can be found in its file; never an input. */
  idColumns: string[];
  tokenizer: TokenizerJson;
  /** Every column of the training table. */
  knownColumns: string[];
  /** Decisions a person should know about (columns left out, empty or truncated documents). */
  notes: string[];
  trainRowCount: number;
}

/** The documents of one split, encoded for the Transformer, with what the records need. */
export interface TextSplit {
  /** Row indices into the source table (0-based data rows). */
  rows: number[];
  n: number;
  maxLen: number;
  /** Token ids, row-major [n, maxLen]; the padding mask is x != PAD_ID (0). */
  x: Int32Array;
  /** Class index; NaN when the label is missing or a class not seen in training. */
  y: Float32Array;
  /** The label as written in the file, null when missing or unseen. */
  raw: (string | null)[];
  /** Values of the id columns of each record. */
  ids: Record<string, string>[];
  /** Each document, trimmed, cut at MAX_REVIEW_TEXT_CHARS for review. */
  texts: string[];
  /** Row indices of the documents cut at maxLen. */
  truncated: number[];
  /** Row indices of the documents with no token (an empty or missing cell). */
  empty: number[];
  /** [UNK] ids over the split (characters never seen in training). */
  unknownTokens: number;
}

export function textColumnIndex(table: ParsedTable, column: string): number {
  const col = table.columns.indexOf(column);
  if (col < 0) {
    throw new AppError(
      'BAD_DATA',
      `"${table.fileName}" has no text column "${column}". Available columns: ${table.columns.join(', ')}. ` +
        'Choose the column that holds the documents.',
      { file: table.fileName, column }
    );
  }
  return col;
}

/**
 * Fits the target encoding (binary or multiclass; spam is the positive class of spam/ham) and the
 * tokenizer on `trainRows` only. Columns with role id become idColumns; the text column is the only
 * input, every other column is left out (and said so in the notes).
 */
export function fitTextPreprocessor(
  table: ParsedTable,
  trainRows: number[],
  spec: TextPreprocessorSpec
): { pre: TextPreprocessor; tokenizer: Tokenizer } {
  const file = table.fileName;
  const textCol = textColumnIndex(table, spec.textColumn);
  const targetCol = targetColumnIndex(table, spec.target);
  if (textCol === targetCol) {
    throw new AppError(
      'BAD_DATA',
      `"${spec.textColumn}" cannot be both the text and the target. Choose a label column as the target.`,
      { file, column: spec.textColumn }
    );
  }
  if (spec.ignore.includes(spec.textColumn)) {
    throw new AppError(
      'BAD_DATA',
      `The text column "${spec.textColumn}" is also listed as ignored. Remove it from the ignored columns.`,
      { file, column: spec.textColumn }
    );
  }
  const encoding = fitTarget(table, spec.target, trainRows, spec.task);
  if (encoding.task === 'regression') {
    throw new AppError(
      'BAD_DATA',
      `The Transformer classifies documents, but "${spec.target}" reads as a numeric (regression) target. ` +
        'Choose a label column, or set the task to binary or multiclass.',
      { file, column: spec.target }
    );
  }
  const tokenizer = Tokenizer.fit(
    trainRows.map((r) => documentOf(table, r, textCol)),
    { vocab: spec.vocab, maxLen: spec.maxLen }
  );
  const inferred = new Map(inferColumns(table).map((c) => [c.name, c.role] as const));
  const idColumns: string[] = [];
  const notes: string[] = [];
  table.columns.forEach((name, col) => {
    if (col === textCol || col === targetCol) return;
    const role = spec.roles[name] ?? inferred.get(name) ?? 'ignore';
    if (role === 'id') idColumns.push(name);
    else if (!spec.ignore.includes(name)) {
      notes.push(`${name}: the Transformer reads only the text column "${spec.textColumn}"; left out.`);
    }
  });
  const pre: TextPreprocessor = {
    version: 1,
    kind: 'text',
    textColumn: spec.textColumn,
    target: spec.target,
    ...encoding,
    idColumns,
    tokenizer: tokenizer.toJSON(),
    knownColumns: [...table.columns],
    notes,
    trainRowCount: trainRows.length
  };
  return { pre, tokenizer };
}

function documentOf(table: ParsedTable, row: number, col: number): string {
  return cleanCell(table.rows[row]?.[col]) ?? '';
}

function reviewText(document: string): string {
  if (document.length <= MAX_REVIEW_TEXT_CHARS) return document;
  // Cut on a code point boundary: a lone surrogate would not survive JSON and the database.
  const high = document.charCodeAt(MAX_REVIEW_TEXT_CHARS - 1);
  const end = high >= 0xd800 && high <= 0xdbff ? MAX_REVIEW_TEXT_CHARS - 1 : MAX_REVIEW_TEXT_CHARS;
  return `${document.slice(0, end)}…`;
}

/** The target encoding alone, in the shape transformTarget reads (a preprocessor without features). */
function labelEncoder(pre: TextPreprocessor): Preprocessor {
  return {
    version: 1,
    target: pre.target,
    task: pre.task,
    classes: pre.classes,
    positiveClass: pre.positiveClass,
    targetMean: pre.targetMean,
    targetStd: pre.targetStd,
    features: [],
    idColumns: pre.idColumns,
    inputColumns: [],
    knownColumns: pre.knownColumns,
    constantColumns: [],
    notes: [],
    trainRowCount: pre.trainRowCount
  };
}

/**
 * Encodes the documents of `rows` (all when absent) with the stored tokenizer, as in training.
 * With `strict` (training rows) a missing or unseen label fails with BAD_DATA naming the line;
 * otherwise such rows get y NaN, and a table without the label column (a file to score) is fine.
 * `tokenizer` may be passed to skip rebuilding it from pre.tokenizer.
 */
export function transformText(
  pre: TextPreprocessor,
  table: ParsedTable,
  rows?: number[],
  options: { strict?: boolean; tokenizer?: Tokenizer } = {}
): TextSplit {
  const textCol = textColumnIndex(table, pre.textColumn);
  const tokenizer = options.tokenizer ?? Tokenizer.fromJSON(pre.tokenizer);
  const selected = rows ?? table.rows.map((_, i) => i);
  const maxLen = tokenizer.maxLen;
  const n = selected.length;
  const x = new Int32Array(n * maxLen);
  const idCols = pre.idColumns.map((c) => [c, table.columns.indexOf(c)] as const).filter(([, i]) => i >= 0);
  const texts: string[] = [];
  const ids: Record<string, string>[] = [];
  const truncated: number[] = [];
  const empty: number[] = [];
  let unknownTokens = 0;
  selected.forEach((r, i) => {
    const document = documentOf(table, r, textCol);
    const encoded = tokenizer.encode(document, x, i * maxLen);
    if (encoded.truncated) truncated.push(r);
    if (encoded.length === 1) empty.push(r);
    unknownTokens += encoded.unknown;
    texts.push(reviewText(document));
    const row = table.rows[r] ?? [];
    const rowIds: Record<string, string> = {};
    for (const [name, c] of idCols) rowIds[name] = (row[c] ?? '').trim();
    ids.push(rowIds);
  });
  const target = transformTarget(labelEncoder(pre), table, selected, { strict: options.strict === true });
  return {
    rows: selected,
    n,
    maxLen,
    x,
    y: target.y,
    raw: target.raw,
    ids,
    texts,
    truncated,
    empty,
    unknownTokens
  };
}

/**
 * The split without the records whose label could not be encoded (missing, or a class never seen in
 * training): evaluation leaves them out of the metrics rather than counting them as wrong.
 */
export function keepLabelled(split: TextSplit): TextSplit {
  const keep = split.rows.map((_, i) => i).filter((i) => Number.isFinite(split.y[i]));
  if (keep.length === split.n) return split;
  const kept = new Set(keep.map((i) => split.rows[i] as number));
  const x = new Int32Array(keep.length * split.maxLen);
  keep.forEach((i, k) => x.set(split.x.subarray(i * split.maxLen, (i + 1) * split.maxLen), k * split.maxLen));
  const pick = <T>(items: T[]): T[] => keep.map((i) => items[i] as T);
  let unknownTokens = 0;
  for (const i of keep) {
    const row = split.x.subarray(i * split.maxLen, (i + 1) * split.maxLen);
    for (const id of row) if (id === UNK_ID) unknownTokens++;
  }
  return {
    rows: pick(split.rows),
    n: keep.length,
    maxLen: split.maxLen,
    x,
    y: Float32Array.from(keep, (i) => split.y[i] as number),
    raw: pick(split.raw),
    ids: pick(split.ids),
    texts: pick(split.texts),
    truncated: split.truncated.filter((r) => kept.has(r)),
    empty: split.empty.filter((r) => kept.has(r)),
    unknownTokens
  };
}
