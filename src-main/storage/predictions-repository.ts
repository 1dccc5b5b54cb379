import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '@shared/contract/errors';
import type { RecordPrediction, Split } from '@shared/domain/records';
import { isForeignKeyViolation, isUniqueViolation, runNotFound } from './sqlite-errors';
import {
  boolFromSql,
  boolToSql,
  jsonFromSql,
  nullableBoolFromSql,
  nullableBoolToSql,
  nullableJsonToSql,
  numberFromSql
} from './sql-values';

export type PredictionSort = 'row' | 'uncertainty' | 'oodScore';

export interface PredictionQuery {
  runId: number;
  /** Only these splits; all splits when absent (an empty list matches nothing). */
  splits?: readonly Split[];
  /** Only records flagged out-of-distribution. */
  flaggedOnly?: boolean;
  sort: PredictionSort;
  offset: number;
  limit: number;
}

export interface PredictionPage {
  /** Records matching the filters, before offset/limit. */
  total: number;
  records: RecordPrediction[];
}

interface PredictionRow {
  split: Split;
  row_index: number;
  ids_json: string;
  actual: string | null;
  prediction: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  epistemic: number | null;
  aleatoric: number | null;
  total: number | null;
  ood_score: number | null;
  ood_flag: number;
  imputed_json: string;
  correct: number | null;
  text: string | null;
  conformal_lower: number | null;
  conformal_upper: number | null;
  conformal_set: string | null;
}

interface InsertParams {
  runId: number;
  split: Split;
  rowIndex: number;
  idsJson: string;
  actual: string | null;
  prediction: string;
  value: number;
  lower: number;
  upper: number;
  epistemic: number;
  aleatoric: number;
  total: number;
  oodScore: number;
  oodFlag: 0 | 1;
  imputedJson: string;
  correct: 0 | 1 | null;
  text: string | null;
  conformalLower: number | null;
  conformalUpper: number | null;
  conformalSetJson: string | null;
}

interface FilterParams {
  runId: number;
  allSplits: 0 | 1;
  splitsJson: string;
  flaggedOnly: 0 | 1;
}

/*
 * The filters are fixed SQL with bound values (the split list travels as one JSON array), and the
 * ORDER BY comes from this closed table, so no request value is ever spliced into SQL. The
 * uncertainty and OOD orders match the indexes predictions_by_total / predictions_by_ood_score
 * (NaN is stored as NULL, which sorts last in descending order); 'row' lists splits in pipeline order.
 */
const ORDER_BY: Record<PredictionSort, string> = {
  row: `CASE split WHEN 'train' THEN 0 WHEN 'validation' THEN 1 WHEN 'test' THEN 2 WHEN 'ood' THEN 3 ELSE 4 END, row_index`,
  uncertainty: 'total DESC, split, row_index',
  oodScore: 'ood_score DESC, split, row_index'
};

const WHERE = `run_id = @runId
  AND (@allSplits = 1 OR split IN (SELECT value FROM json_each(@splitsJson)))
  AND (@flaggedOnly = 0 OR ood_flag = 1)`;

const COLUMNS = `split, row_index, ids_json, actual, prediction, value, lower, upper, epistemic, aleatoric, total,
  ood_score, ood_flag, imputed_json, correct, text, conformal_lower, conformal_upper, conformal_set`;

function toRecord(row: PredictionRow): RecordPrediction {
  return {
    rowIndex: row.row_index,
    split: row.split,
    ids: jsonFromSql<Record<string, string>>(row.ids_json),
    actual: row.actual,
    prediction: row.prediction,
    value: numberFromSql(row.value),
    lower: numberFromSql(row.lower),
    upper: numberFromSql(row.upper),
    epistemic: numberFromSql(row.epistemic),
    aleatoric: numberFromSql(row.aleatoric),
    total: numberFromSql(row.total),
    oodScore: numberFromSql(row.ood_score),
    oodFlag: boolFromSql(row.ood_flag),
    imputed: jsonFromSql<string[]>(row.imputed_json),
    correct: nullableBoolFromSql(row.correct),
    ...(row.text !== null ? { text: row.text } : {}),
    ...(row.conformal_lower !== null ? { conformalLower: row.conformal_lower } : {}),
    ...(row.conformal_upper !== null ? { conformalUpper: row.conformal_upper } : {}),
    ...(row.conformal_set !== null ? { conformalSet: jsonFromSql<string[]>(row.conformal_set) } : {})
  };
}

/** Per-record predictions with intervals, uncertainty and OOD flag (METHOD.md section 4). */
export class PredictionsRepository {
  private readonly insertStmt: Statement<[InsertParams]>;
  private readonly countStmt: Statement<[FilterParams], { n: number }>;
  private readonly pageStmts: Record<
    PredictionSort,
    Statement<[FilterParams & { limit: number; offset: number }], PredictionRow>
  >;
  private readonly insertAll: (runId: number, records: readonly RecordPrediction[]) => void;
  private readonly nextRowStmt: Statement<[{ runId: number; split: Split }], { next: number }>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO predictions (run_id, split, row_index, ids_json, actual, prediction, value, lower, upper,
         epistemic, aleatoric, total, ood_score, ood_flag, imputed_json, correct, text, conformal_lower,
         conformal_upper, conformal_set)
       VALUES (@runId, @split, @rowIndex, @idsJson, @actual, @prediction, @value, @lower, @upper,
         @epistemic, @aleatoric, @total, @oodScore, @oodFlag, @imputedJson, @correct, @text, @conformalLower,
         @conformalUpper, @conformalSetJson)`
    );
    this.countStmt = db.prepare(`SELECT count(*) AS n FROM predictions WHERE ${WHERE}`);
    this.nextRowStmt = db.prepare(
      `SELECT coalesce(max(row_index) + 1, 0) AS next FROM predictions WHERE run_id = @runId AND split = @split`
    );
    const page = (sort: PredictionSort) =>
      db.prepare<[FilterParams & { limit: number; offset: number }], PredictionRow>(
        `SELECT ${COLUMNS} FROM predictions WHERE ${WHERE} ORDER BY ${ORDER_BY[sort]} LIMIT @limit OFFSET @offset`
      );
    this.pageStmts = { row: page('row'), uncertainty: page('uncertainty'), oodScore: page('oodScore') };
    this.insertAll = db.transaction((runId: number, records: readonly RecordPrediction[]) => {
      let current: RecordPrediction | undefined;
      try {
        for (const record of records) {
          current = record;
          this.insertStmt.run(toParams(runId, record));
        }
      } catch (err) {
        if (isForeignKeyViolation(err)) throw runNotFound(runId);
        if (isUniqueViolation(err) && current) {
          throw new AppError(
            'CONFLICT',
            `Run ${runId} already has a prediction for ${current.split} row ${current.rowIndex}.`
          );
        }
        throw err;
      }
    }).immediate;
  }

  /** One past the largest row index of a run's split (0 when it has none): where appended records start. */
  nextRowIndex(runId: number, split: Split): number {
    return this.nextRowStmt.get({ runId, split })?.next ?? 0;
  }

  /** All or nothing: one transaction for the whole batch. */
  insertMany(runId: number, records: readonly RecordPrediction[]): void {
    this.insertAll(runId, records);
  }

  query(query: PredictionQuery): PredictionPage {
    if (
      !Number.isInteger(query.offset) ||
      query.offset < 0 ||
      !Number.isInteger(query.limit) ||
      query.limit < 1
    ) {
      // SQLite reads a negative LIMIT as "no limit": refuse instead of returning a whole run.
      throw new AppError(
        'BAD_REQUEST',
        `Page offset must be an integer >= 0 and limit an integer >= 1 (got offset ${query.offset}, limit ${query.limit}).`
      );
    }
    const stmt = this.pageStmts[query.sort];
    if (!stmt) throw new AppError('BAD_REQUEST', `Unknown sort order "${String(query.sort)}".`);
    const filter: FilterParams = {
      runId: query.runId,
      allSplits: query.splits === undefined ? 1 : 0,
      splitsJson: JSON.stringify(query.splits ?? []),
      flaggedOnly: query.flaggedOnly ? 1 : 0
    };
    const total = this.countStmt.get(filter)?.n ?? 0;
    const rows = stmt.all({ ...filter, limit: query.limit, offset: query.offset });
    return { total, records: rows.map(toRecord) };
  }
}

function toParams(runId: number, r: RecordPrediction): InsertParams {
  return {
    runId,
    split: r.split,
    rowIndex: r.rowIndex,
    idsJson: JSON.stringify(r.ids),
    actual: r.actual,
    prediction: r.prediction,
    value: r.value,
    lower: r.lower,
    upper: r.upper,
    epistemic: r.epistemic,
    aleatoric: r.aleatoric,
    total: r.total,
    oodScore: r.oodScore,
    oodFlag: boolToSql(r.oodFlag),
    imputedJson: JSON.stringify(r.imputed),
    correct: nullableBoolToSql(r.correct),
    text: r.text ?? null,
    conformalLower: r.conformalLower ?? null,
    conformalUpper: r.conformalUpper ?? null,
    conformalSetJson: nullableJsonToSql(r.conformalSet)
  };
}
