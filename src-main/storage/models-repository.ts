import type { Database, Statement } from 'better-sqlite3';
import { isForeignKeyViolation, runNotFound } from './sqlite-errors';
import { isoTimestamp, systemClock, type Clock } from './sql-values';

export interface StoredModel {
  /** Version of the model JSON layout, so a later app can read or refuse an older model. */
  formatVersion: number;
  /** The posterior (factor means and scales) and the preprocessing, as written by the model library. */
  modelJson: string;
  createdAt: string;
}

interface ModelRow {
  format_version: number;
  model_json: string;
  created_at: string;
}

/** One trained model per run; saving again replaces it. */
export class ModelsRepository {
  private readonly saveStmt: Statement<
    [{ runId: number; formatVersion: number; modelJson: string; createdAt: string }]
  >;
  private readonly loadStmt: Statement<[number], ModelRow>;

  constructor(
    db: Database,
    private readonly clock: Clock = systemClock
  ) {
    this.saveStmt = db.prepare(
      `INSERT INTO models (run_id, format_version, model_json, created_at)
       VALUES (@runId, @formatVersion, @modelJson, @createdAt)
       ON CONFLICT (run_id) DO UPDATE SET
         format_version = excluded.format_version, model_json = excluded.model_json, created_at = excluded.created_at`
    );
    this.loadStmt = db.prepare(`SELECT format_version, model_json, created_at FROM models WHERE run_id = ?`);
  }

  save(runId: number, formatVersion: number, modelJson: string): void {
    try {
      this.saveStmt.run({ runId, formatVersion, modelJson, createdAt: isoTimestamp(this.clock) });
    } catch (err) {
      if (isForeignKeyViolation(err)) throw runNotFound(runId);
      throw err;
    }
  }

  /** Null when the run has no saved model (not finished, or failed). */
  load(runId: number): StoredModel | null {
    const row = this.loadStmt.get(runId);
    if (!row) return null;
    return { formatVersion: row.format_version, modelJson: row.model_json, createdAt: row.created_at };
  }
}
