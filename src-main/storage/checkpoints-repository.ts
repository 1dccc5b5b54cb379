import type { Database, Statement } from 'better-sqlite3';
import { isForeignKeyViolation, runNotFound } from './sqlite-errors';
import { isoTimestamp, systemClock, type Clock } from './sql-values';

/** The last training state of a run, as the compute process encoded it (opaque to storage). */
export interface StoredCheckpoint {
  /** The last finished epoch it holds. */
  epoch: number;
  metaJson: string;
  data: Uint8Array;
  createdAt: string;
}

interface CheckpointRow {
  epoch: number;
  meta_json: string;
  data: Buffer;
  created_at: string;
}

/**
 * One checkpoint per unfinished run, replaced by each newer one, so an interrupted or cancelled run
 * can resume where it stopped; deleted with its run, and when the run finishes.
 */
export class CheckpointsRepository {
  private readonly saveStmt: Statement<
    [{ runId: number; epoch: number; metaJson: string; data: Buffer; createdAt: string }]
  >;
  private readonly loadStmt: Statement<[number], CheckpointRow>;
  private readonly deleteStmt: Statement<[number]>;

  constructor(
    db: Database,
    private readonly clock: Clock = systemClock
  ) {
    this.saveStmt = db.prepare(
      `INSERT INTO checkpoints (run_id, epoch, meta_json, data, created_at)
       VALUES (@runId, @epoch, @metaJson, @data, @createdAt)
       ON CONFLICT (run_id) DO UPDATE SET
         epoch = excluded.epoch, meta_json = excluded.meta_json, data = excluded.data,
         created_at = excluded.created_at`
    );
    this.loadStmt = db.prepare(`SELECT epoch, meta_json, data, created_at FROM checkpoints WHERE run_id = ?`);
    this.deleteStmt = db.prepare(`DELETE FROM checkpoints WHERE run_id = ?`);
  }

  save(runId: number, checkpoint: { epoch: number; metaJson: string; data: Uint8Array }): void {
    try {
      this.saveStmt.run({
        runId,
        epoch: checkpoint.epoch,
        metaJson: checkpoint.metaJson,
        data: Buffer.from(checkpoint.data.buffer, checkpoint.data.byteOffset, checkpoint.data.byteLength),
        createdAt: isoTimestamp(this.clock)
      });
    } catch (err) {
      if (isForeignKeyViolation(err)) throw runNotFound(runId);
      throw err;
    }
  }

  /** Null when the run has none (finished, never checkpointed, or an ensemble). */
  load(runId: number): StoredCheckpoint | null {
    const row = this.loadStmt.get(runId);
    if (!row) return null;
    return {
      epoch: row.epoch,
      metaJson: row.meta_json,
      data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
      createdAt: row.created_at
    };
  }

  delete(runId: number): void {
    this.deleteStmt.run(runId);
  }
}
