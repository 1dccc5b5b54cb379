import { AppError } from '@shared/contract/errors';
import { CheckpointsRepository } from './checkpoints-repository';
import { openDatabase, type Database, type OpenDatabaseOptions } from './database';
import { DatasetsRepository } from './datasets-repository';
import { EpochsRepository } from './epochs-repository';
import { ModelsRepository } from './models-repository';
import { PredictionsRepository } from './predictions-repository';
import { ReviewNotesRepository } from './review-notes-repository';
import { RunsRepository } from './runs-repository';
import { systemClock, type Clock } from './sql-values';

export interface StorageOptions extends OpenDatabaseOptions {
  /** Source of created_at timestamps; the system clock unless a test fixes it. */
  clock?: Clock;
}

/**
 * The app's one database connection and its repositories. Only the main process opens it for
 * writing; the compute process never touches the database, it sends results back to be stored.
 */
export class Storage {
  readonly datasets: DatasetsRepository;
  readonly runs: RunsRepository;
  readonly epochs: EpochsRepository;
  readonly models: ModelsRepository;
  readonly predictions: PredictionsRepository;
  readonly notes: ReviewNotesRepository;
  readonly checkpoints: CheckpointsRepository;

  constructor(
    readonly db: Database,
    clock: Clock = systemClock
  ) {
    this.datasets = new DatasetsRepository(db, clock);
    this.runs = new RunsRepository(db, clock);
    this.epochs = new EpochsRepository(db);
    this.models = new ModelsRepository(db, clock);
    this.predictions = new PredictionsRepository(db);
    this.notes = new ReviewNotesRepository(db, clock);
    this.checkpoints = new CheckpointsRepository(db, clock);
  }

  /**
   * Runs `fn` in one write transaction (BEGIN IMMEDIATE), e.g. to store a finished run's model,
   * predictions and status together. Nested calls, including the repositories' own transactions,
   * become savepoints of the outer one. `fn` must be synchronous.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** 'ok', or one line per problem found by PRAGMA integrity_check and foreign_key_check. */
  integrityCheck(): string {
    const problems = (
      this.db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]
    ).map((row) => row.integrity_check);
    if (problems.length !== 1 || problems[0] !== 'ok') return problems.join('\n');
    const orphans = this.db.pragma('foreign_key_check') as {
      table: string;
      rowid: number | null;
      parent: string;
    }[];
    if (orphans.length === 0) return 'ok';
    return orphans
      .map((o) => `${o.table} row ${o.rowid ?? '?'} refers to a missing ${o.parent} row`)
      .join('\n');
  }

  /** Idempotent; the last connection's close checkpoints the WAL into the database file. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function openStorage(filePath: string, options: StorageOptions = {}): Storage {
  const db = openDatabase(filePath, options);
  try {
    return new Storage(db, options.clock);
  } catch (err) {
    db.close();
    throw err instanceof AppError
      ? err
      : new AppError('INTERNAL', `Could not prepare the database: ${String(err)}`);
  }
}
