import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '@shared/contract/errors';
import type { EpochMetrics } from '@shared/domain/records';
import { isForeignKeyViolation, isUniqueViolation, runNotFound } from './sqlite-errors';
import { numberFromSql } from './sql-values';

interface EpochRow {
  epoch: number;
  loss: number | null;
  nll: number | null;
  kl: number | null;
  kl_weight: number | null;
  val_loss: number | null;
  val_nll: number | null;
  val_metric: number | null;
  seconds: number | null;
}

type EpochParams = EpochMetrics & { runId: number };

/** Per-epoch training curves (loss = nll + klWeight * kl, METHOD.md section 2). */
export class EpochsRepository {
  private readonly insertStmt: Statement<[EpochParams]>;
  private readonly listStmt: Statement<[number], EpochRow>;
  private readonly deleteAfterStmt: Statement<[{ runId: number; epoch: number }]>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO epochs (run_id, epoch, loss, nll, kl, kl_weight, val_loss, val_nll, val_metric, seconds)
       VALUES (@runId, @epoch, @loss, @nll, @kl, @klWeight, @valLoss, @valNll, @valMetric, @seconds)`
    );
    this.listStmt = db.prepare(
      `SELECT epoch, loss, nll, kl, kl_weight, val_loss, val_nll, val_metric, seconds
       FROM epochs WHERE run_id = ? ORDER BY epoch`
    );
    this.deleteAfterStmt = db.prepare(`DELETE FROM epochs WHERE run_id = @runId AND epoch > @epoch`);
  }

  /** Drops the epochs after `epoch` (a resumed run trains them again from its checkpoint); returns how many. */
  deleteAfter(runId: number, epoch: number): number {
    return this.deleteAfterStmt.run({ runId, epoch }).changes;
  }

  append(runId: number, metrics: EpochMetrics): void {
    try {
      this.insertStmt.run({
        runId,
        epoch: metrics.epoch,
        loss: metrics.loss,
        nll: metrics.nll,
        kl: metrics.kl,
        klWeight: metrics.klWeight,
        valLoss: metrics.valLoss,
        valNll: metrics.valNll,
        valMetric: metrics.valMetric,
        seconds: metrics.seconds
      });
    } catch (err) {
      if (isForeignKeyViolation(err)) throw runNotFound(runId);
      if (isUniqueViolation(err)) {
        throw new AppError('CONFLICT', `Epoch ${metrics.epoch} of run ${runId} is already recorded.`);
      }
      throw err;
    }
  }

  /** In epoch order; NaN values (a diverged loss) read back as NaN. */
  list(runId: number): EpochMetrics[] {
    return this.listStmt.all(runId).map((row) => ({
      epoch: row.epoch,
      loss: numberFromSql(row.loss),
      nll: numberFromSql(row.nll),
      kl: numberFromSql(row.kl),
      klWeight: numberFromSql(row.kl_weight),
      valLoss: numberFromSql(row.val_loss),
      valNll: numberFromSql(row.val_nll),
      valMetric: numberFromSql(row.val_metric),
      seconds: numberFromSql(row.seconds)
    }));
  }
}
