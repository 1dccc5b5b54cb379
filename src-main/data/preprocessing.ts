import type { ColumnRole, Task } from '@shared/domain/config';
import { AppError } from '@shared/contract/errors';
import { standardization } from '@shared/math/standardize';
import type { ParsedTable } from './csv-table';
import { cleanCell, compareValues, parseNumber } from './cell-values';
import { inferColumns } from './column-inference';
import { fitTarget, lineOf, targetColumnIndex, type TargetEncoding } from './target-encoding';

/** Standardized input: z = (value - mean) / std; missing or invalid cells take `fill` (the training median). */
export interface NumericFeature {
  name: string;
  role: 'numeric';
  mean: number;
  std: number;
  fill: number;
}

/** One-hot input over the training categories (sorted); an unseen category encodes as all zeros. */
export interface CategoricalFeature {
  name: string;
  role: 'categorical';
  categories: string[];
  /** The training mode, used for missing cells. */
  fill: string;
}

export type FeatureSpec = NumericFeature | CategoricalFeature;

export interface PreprocessorSpec {
  target: string;
  task?: Task;
  /** Role per column; columns absent here take their inferred role. */
  roles: Record<string, ColumnRole>;
  ignore: string[];
}

/**
 * Everything needed to turn a table into model inputs exactly as in training: a plain JSON object,
 * fitted on the training rows only so that no statistic leaks from validation, test or OOD rows.
 */
export interface Preprocessor extends TargetEncoding {
  version: 1;
  target: string;
  features: FeatureSpec[];
  /** Carried to the outputs so a record can be found in its file; never an input. */
  idColumns: string[];
  /** The columns a table must have to be transformed (the features, in input order). */
  inputColumns: string[];
  /** Every column of the training table, to tell a new column from a known, unused one. */
  knownColumns: string[];
  /** Numeric inputs with zero variance in training (std set to 1; they carry no information). */
  constantColumns: string[];
  /** Decisions a person should know about (constant, all-missing or left-out columns). */
  notes: string[];
  trainRowCount: number;
}

export interface TransformedFeatures {
  /** Row-major n x dim. */
  x: Float32Array;
  n: number;
  dim: number;
  /** imputed[i]: the input columns imputed in row i (missing, not a number, non-finite or too large). */
  imputed: string[][];
  /** unseen[i]: the categorical inputs of row i whose value was not seen in training (encoded as zeros). */
  unseen: string[][];
  ids: Record<string, string>[];
}

export interface TransformedTarget {
  /** Class index, or the standardized value; NaN when the target is missing or an unseen class. */
  y: Float32Array;
  raw: (string | null)[];
}

function median(sorted: number[]): number {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function fitNumeric(
  table: ParsedTable,
  col: number,
  name: string,
  trainRows: number[],
  notes: string[]
): NumericFeature {
  const values: number[] = [];
  let invalid = 0;
  for (const r of trainRows) {
    const cell = table.rows[r]?.[col];
    const x = parseNumber(cell);
    if (x !== null) values.push(x);
    else if (cleanCell(cell) !== null) invalid++;
  }
  if (invalid > 0) notes.push(`${name}: ${invalid} training value(s) are not numbers and are imputed.`);
  if (values.length === 0) {
    notes.push(`${name}: no numeric value in the training rows; the input is constant 0.`);
    return { name, role: 'numeric', mean: 0, std: 1, fill: 0 };
  }
  // Standardized over the observed values only.
  const { mean, std } = standardization(values);
  values.sort((a, b) => a - b);
  return { name, role: 'numeric', mean, std, fill: median(values) };
}

function fitCategorical(
  table: ParsedTable,
  col: number,
  name: string,
  trainRows: number[],
  notes: string[]
): CategoricalFeature {
  const counts = new Map<string, number>();
  for (const r of trainRows) {
    const value = cleanCell(table.rows[r]?.[col]);
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const categories = [...counts.keys()].sort(compareValues);
  let fill = '';
  let best = 0;
  for (const c of categories) {
    const count = counts.get(c) ?? 0;
    if (count > best) [fill, best] = [c, count];
  }
  if (categories.length === 0) notes.push(`${name}: no value in the training rows; the input is left out.`);
  return { name, role: 'categorical', categories, fill };
}

/**
 * Fits the preprocessing on `trainRows` (indices into table.rows): target encoding, one-hot
 * categories, standardization and imputation values. Columns with role id become idColumns (also
 * when listed in spec.ignore); text and ignore columns, and the others in spec.ignore, are left out.
 */
export function fitPreprocessor(
  table: ParsedTable,
  trainRows: number[],
  spec: PreprocessorSpec
): Preprocessor {
  const file = table.fileName;
  if (trainRows.length === 0) {
    throw new AppError('BAD_DATA', `No training rows to fit on in "${file}". Use a larger file.`, { file });
  }
  const targetCol = targetColumnIndex(table, spec.target);
  const encoding = fitTarget(table, spec.target, trainRows, spec.task);
  const inferred = new Map(inferColumns(table).map((c) => [c.name, c.role] as const));
  const ignored = new Set(spec.ignore);
  const features: FeatureSpec[] = [];
  const idColumns: string[] = [];
  const constantColumns: string[] = [];
  const notes: string[] = [];
  table.columns.forEach((name, col) => {
    if (col === targetCol) return;
    const role = spec.roles[name] ?? inferred.get(name) ?? 'ignore';
    // An ignored id column is still carried to the outputs: ignoring means "not an input".
    if (role === 'id') idColumns.push(name);
    else if (ignored.has(name)) return;
    else if (role === 'text')
      notes.push(`${name}: free text is not a tabular input; the column is left out.`);
    else if (role === 'numeric') {
      const feature = fitNumeric(table, col, name, trainRows, notes);
      if (feature.std === 1 && isConstant(table, col, trainRows)) {
        constantColumns.push(name);
        notes.push(`${name}: constant in the training rows; it carries no information.`);
      }
      features.push(feature);
    } else if (role === 'categorical') features.push(fitCategorical(table, col, name, trainRows, notes));
  });
  if (features.length === 0) {
    throw new AppError(
      'BAD_DATA',
      `"${file}" has no input column left besides the target "${spec.target}" (ids, text and ignored columns are not inputs). ` +
        'Un-ignore a column or change its role to numeric or categorical.',
      { file }
    );
  }
  return {
    version: 1,
    target: spec.target,
    ...encoding,
    features,
    idColumns,
    inputColumns: features.map((f) => f.name),
    knownColumns: [...table.columns],
    constantColumns,
    notes,
    trainRowCount: trainRows.length
  };
}

function isConstant(table: ParsedTable, col: number, rows: number[]): boolean {
  let first: number | null = null;
  for (const r of rows) {
    const x = parseNumber(table.rows[r]?.[col]);
    if (x === null) continue;
    if (first === null) first = x;
    else if (x !== first) return false;
  }
  return true;
}

function featureDim(f: FeatureSpec): number {
  return f.role === 'numeric' ? 1 : f.categories.length;
}

/** The name of every input dimension, in order: "age", "size=<=20", "size=20-50", ... */
export function featureNames(pre: Preprocessor): string[] {
  return pre.features.flatMap((f) =>
    f.role === 'numeric' ? [f.name] : f.categories.map((c) => `${f.name}=${c}`)
  );
}

function columnIndices(pre: Preprocessor, table: ParsedTable): number[] {
  const index = new Map(table.columns.map((c, i) => [c, i] as const));
  const missing = pre.inputColumns.filter((c) => !index.has(c));
  if (missing.length > 0) {
    const known = new Set(pre.knownColumns);
    const extra = table.columns.filter((c) => !known.has(c));
    throw new AppError(
      'BAD_DATA',
      `"${table.fileName}" lacks ${missing.length === 1 ? 'the column' : 'the columns'} ${missing.map((c) => `"${c}"`).join(', ')} ` +
        'that the model was trained with' +
        (extra.length > 0
          ? `; it has columns the model has not seen: ${extra.map((c) => `"${c}"`).join(', ')}`
          : '') +
        '. Rename or add the columns so they match the training data.',
      { file: table.fileName, column: missing[0] as string }
    );
  }
  return pre.inputColumns.map((c) => index.get(c) as number);
}

/**
 * Encodes rows (all when `rows` is absent) as model inputs. Missing, non-numeric, non-finite or
 * too-large numeric cells take the training median and are listed in `imputed`; missing categories
 * take the training mode. No NaN or Inf ever reaches x.
 */
export function transformFeatures(
  pre: Preprocessor,
  table: ParsedTable,
  rows?: number[]
): TransformedFeatures {
  const cols = columnIndices(pre, table);
  const idCols = pre.idColumns.map((c) => [c, table.columns.indexOf(c)] as const).filter(([, i]) => i >= 0);
  const selected = rows ?? table.rows.map((_, i) => i);
  const dim = pre.features.reduce((d, f) => d + featureDim(f), 0);
  const n = selected.length;
  const x = new Float32Array(n * dim);
  const imputed: string[][] = [];
  const unseen: string[][] = [];
  const ids: Record<string, string>[] = [];
  const categoryIndex = pre.features.map((f) =>
    f.role === 'categorical' ? new Map(f.categories.map((c, k) => [c, k] as const)) : null
  );
  selected.forEach((r, i) => {
    const row = table.rows[r] ?? [];
    const rowImputed: string[] = [];
    const rowUnseen: string[] = [];
    let offset = i * dim;
    pre.features.forEach((f, j) => {
      const cell = row[cols[j] as number];
      if (f.role === 'numeric') {
        let z = Number.NaN;
        const value = parseNumber(cell);
        if (value !== null) z = (value - f.mean) / f.std;
        // A finite value can still overflow float32 once standardized: treat it like a corrupt cell.
        if (!Number.isFinite(Math.fround(z))) {
          z = (f.fill - f.mean) / f.std;
          rowImputed.push(f.name);
        }
        x[offset] = z;
        offset += 1;
        return;
      }
      let value = cleanCell(cell);
      if (value === null) {
        value = f.fill;
        rowImputed.push(f.name);
      }
      const k = categoryIndex[j]?.get(value);
      if (k !== undefined) x[offset + k] = 1;
      else if (f.categories.length > 0) rowUnseen.push(f.name);
      offset += f.categories.length;
    });
    imputed.push(rowImputed);
    unseen.push(rowUnseen);
    const rowIds: Record<string, string> = {};
    for (const [name, c] of idCols) rowIds[name] = (row[c] ?? '').trim();
    ids.push(rowIds);
  });
  return { x, n, dim, imputed, unseen, ids };
}

/**
 * Encodes the target of rows (all when absent). With `strict` (training rows), a missing target or
 * a class not seen in training fails with BAD_DATA naming the line; otherwise (evaluation rows)
 * such rows get raw null and y NaN, and callers skip them. A table without the target column gives
 * all-null targets unless strict.
 */
export function transformTarget(
  pre: Preprocessor,
  table: ParsedTable,
  rows?: number[],
  options: { strict?: boolean } = {}
): TransformedTarget {
  const selected = rows ?? table.rows.map((_, i) => i);
  const y = new Float32Array(selected.length).fill(Number.NaN);
  const raw: (string | null)[] = new Array<string | null>(selected.length).fill(null);
  const strict = options.strict === true;
  if (!strict && !table.columns.includes(pre.target)) return { y, raw };
  const col = targetColumnIndex(table, pre.target);
  const classIndex = pre.classes ? new Map(pre.classes.map((c, k) => [c, k] as const)) : null;
  selected.forEach((r, i) => {
    const value = cleanCell(table.rows[r]?.[col]);
    let encoded: number | null = null;
    if (value !== null && classIndex) encoded = classIndex.get(value) ?? null;
    else if (value !== null) {
      const v = parseNumber(value);
      if (v !== null) encoded = (v - (pre.targetMean ?? 0)) / (pre.targetStd ?? 1);
    }
    if (encoded === null || !Number.isFinite(Math.fround(encoded))) {
      if (strict) {
        const what =
          value === null
            ? 'is missing'
            : classIndex
              ? `has the class "${value}", not seen in training (classes: ${(pre.classes ?? []).join(', ')})`
              : `is not a usable number ("${value}")`;
        throw new AppError(
          'BAD_DATA',
          `The target "${pre.target}" ${what} at line ${lineOf(r)} of "${table.fileName}". Fix or remove that row.`,
          { file: table.fileName, row: lineOf(r), column: pre.target }
        );
      }
      return;
    }
    y[i] = encoded;
    raw[i] = value;
  });
  return { y, raw };
}

/** A standardized regression output back in the target's units (identity for classification). */
export function targetToOriginal(pre: Preprocessor, standardized: number): number {
  return standardized * (pre.targetStd ?? 1) + (pre.targetMean ?? 0);
}
