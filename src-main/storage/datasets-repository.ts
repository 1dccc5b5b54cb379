import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '@shared/contract/errors';
import type { ColumnInfo, DatasetDetail, DatasetSummary } from '@shared/domain/records';
import { datasetNotFound } from './sqlite-errors';
import { isoTimestamp, jsonFromSql, systemClock, type Clock } from './sql-values';

export interface NewDataset {
  name: string;
  fileName: string;
  /** The bundled sample it came from, or null for a user's file. */
  sampleId: string | null;
  /** SHA-256 of `content`, lowercase hex; checked against the bytes. */
  hash: string;
  rowCount: number;
  delimiter: string;
  columns: ColumnInfo[];
  /** The original file's bytes, kept so every run on it can be reproduced. */
  content: Uint8Array;
}

/** A dataset as stored: the detail view minus the preview rows, which are computed from the content. */
export type StoredDataset = Omit<DatasetDetail, 'preview'>;

interface DatasetRow {
  id: number;
  name: string;
  file_name: string;
  sample_id: string | null;
  hash: string;
  row_count: number;
  column_count: number;
  created_at: string;
}

interface DatasetDetailRow extends DatasetRow {
  delimiter: string;
  columns_json: string;
}

const SUMMARY_COLUMNS = 'id, name, file_name, sample_id, hash, row_count, column_count, created_at';

function toSummary(row: DatasetRow): DatasetSummary {
  return {
    id: row.id,
    name: row.name,
    fileName: row.file_name,
    sampleId: row.sample_id,
    hash: row.hash,
    rowCount: row.row_count,
    columnCount: row.column_count,
    createdAt: row.created_at
  };
}

export class DatasetsRepository {
  private readonly insertStmt: Statement<
    [
      {
        name: string;
        fileName: string;
        sampleId: string | null;
        hash: string;
        rowCount: number;
        columnCount: number;
        delimiter: string;
        columnsJson: string;
        content: Uint8Array;
        createdAt: string;
      }
    ],
    DatasetRow
  >;
  private readonly listStmt: Statement<[], DatasetRow>;
  private readonly getStmt: Statement<[number], DatasetDetailRow>;
  private readonly contentStmt: Statement<[number], { content: Buffer }>;
  private readonly usageStmt: Statement<[{ id: number }], { n: number }>;
  private readonly nameStmt: Statement<[number], { name: string }>;
  private readonly deleteStmt: Statement<[number]>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock = systemClock
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO datasets
         (name, file_name, sample_id, hash, row_count, column_count, delimiter, columns_json, content, created_at)
       VALUES (@name, @fileName, @sampleId, @hash, @rowCount, @columnCount, @delimiter, @columnsJson, @content, @createdAt)
       RETURNING ${SUMMARY_COLUMNS}`
    );
    this.listStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM datasets ORDER BY created_at DESC, id DESC`);
    this.getStmt = db.prepare(
      `SELECT ${SUMMARY_COLUMNS}, delimiter, columns_json FROM datasets WHERE id = ?`
    );
    this.contentStmt = db.prepare(`SELECT content FROM datasets WHERE id = ?`);
    this.usageStmt = db.prepare(
      `SELECT count(*) AS n FROM runs WHERE dataset_id = @id OR ood_dataset_id = @id`
    );
    this.nameStmt = db.prepare(`SELECT name FROM datasets WHERE id = ?`);
    this.deleteStmt = db.prepare(`DELETE FROM datasets WHERE id = ?`);
  }

  insert(dataset: NewDataset): DatasetSummary {
    const actual = createHash('sha256').update(dataset.content).digest('hex');
    if (actual !== dataset.hash) {
      // The hash is what proves a run used these exact bytes; a mismatch is a bug upstream.
      throw new AppError(
        'INTERNAL',
        `Dataset "${dataset.name}": the given SHA-256 ${dataset.hash} does not match its content (${actual}).`
      );
    }
    const row = this.insertStmt.get({
      name: dataset.name,
      fileName: dataset.fileName,
      sampleId: dataset.sampleId,
      hash: dataset.hash,
      rowCount: dataset.rowCount,
      columnCount: dataset.columns.length,
      delimiter: dataset.delimiter,
      columnsJson: JSON.stringify(dataset.columns),
      content: dataset.content,
      createdAt: isoTimestamp(this.clock)
    });
    if (!row) throw new Error('INSERT ... RETURNING returned no row');
    return toSummary(row);
  }

  /** Newest first. */
  list(): DatasetSummary[] {
    return this.listStmt.all().map(toSummary);
  }

  get(id: number): StoredDataset | null {
    const row = this.getStmt.get(id);
    if (!row) return null;
    return {
      ...toSummary(row),
      delimiter: row.delimiter,
      columns: jsonFromSql<ColumnInfo[]>(row.columns_json)
    };
  }

  /** The original file's bytes. */
  getContent(id: number): Uint8Array {
    const row = this.contentStmt.get(id);
    if (!row) throw datasetNotFound(id);
    return new Uint8Array(row.content.buffer, row.content.byteOffset, row.content.byteLength);
  }

  /**
   * Deletes a dataset no run uses; returns false when it did not exist. A dataset still used by a
   * run (as training or OOD data) is refused: its bytes are what make that run reproducible.
   */
  delete(id: number): boolean {
    return this.db
      .transaction(() => {
        const name = this.nameStmt.get(id)?.name;
        if (name === undefined) return false;
        const used = this.usageStmt.get({ id })?.n ?? 0;
        if (used > 0) {
          throw new AppError(
            'CONFLICT',
            `Dataset "${name}" is used by ${used} run${used === 1 ? '' : 's'}. ` +
              `Delete ${used === 1 ? 'that run' : 'those runs'} first, then delete the dataset.`
          );
        }
        return this.deleteStmt.run(id).changes > 0;
      })
      .immediate();
  }
}
