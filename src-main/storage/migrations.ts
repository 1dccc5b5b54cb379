import type { Database } from 'better-sqlite3';

/**
 * One step of the schema. `version` is the PRAGMA user_version the database has after `up`; the
 * list is ordered and contiguous from 1, so adding version N+1 is one more entry at the end. `up`
 * runs inside the single transaction that applies every pending migration (see migrate.ts), with
 * foreign keys off so a step may rebuild a table (SQLite's 12-step ALTER procedure); foreign keys
 * are checked before that transaction commits.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  up(db: Database): void;
}

/** Timestamps are ISO-8601 UTC text as written by Date.toISOString(). */
const ISO_UTC = `GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'`;
const SPLITS = `('train', 'validation', 'test', 'ood', 'scored')`;

/*
 * Version 1. STRICT tables make SQLite enforce the declared column types. Numeric measurements
 * (losses, uncertainties) are nullable REAL because SQLite stores NaN as NULL (sql-values.ts).
 * runs -> datasets is RESTRICT: a dataset holds the bytes that make its runs reproducible, so it
 * cannot disappear under them; everything hanging off a run cascades with it.
 */
const SCHEMA_V1 = `
CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sample_id TEXT,
  hash TEXT NOT NULL CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'),
  row_count INTEGER NOT NULL CHECK (row_count >= 0),
  column_count INTEGER NOT NULL CHECK (column_count >= 0),
  delimiter TEXT NOT NULL,
  columns_json TEXT NOT NULL CHECK (json_valid(columns_json)),
  content BLOB NOT NULL,
  created_at TEXT NOT NULL CHECK (created_at ${ISO_UTC})
) STRICT;

CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  dataset_id INTEGER NOT NULL REFERENCES datasets (id) ON DELETE RESTRICT,
  ood_dataset_id INTEGER REFERENCES datasets (id) ON DELETE RESTRICT,
  status TEXT NOT NULL
    CHECK (status IN ('queued', 'running', 'finished', 'failed', 'cancelled', 'interrupted')),
  config_json TEXT NOT NULL CHECK (json_valid(config_json)),
  task TEXT CHECK (task IN ('binary', 'multiclass', 'regression')),
  arch TEXT NOT NULL,
  method TEXT NOT NULL,
  backend TEXT,
  seed INTEGER NOT NULL,
  data_hash TEXT,
  app_version TEXT NOT NULL,
  params INTEGER CHECK (params >= 0),
  positive_class TEXT,
  classes_json TEXT CHECK (json_valid(classes_json)),
  metrics_json TEXT CHECK (json_valid(metrics_json)),
  best_epoch INTEGER CHECK (best_epoch >= 0),
  error TEXT,
  created_at TEXT NOT NULL CHECK (created_at ${ISO_UTC}),
  started_at TEXT CHECK (started_at ${ISO_UTC}),
  finished_at TEXT CHECK (finished_at ${ISO_UTC}),
  train_seconds REAL CHECK (train_seconds >= 0)
) STRICT;
CREATE INDEX runs_by_dataset ON runs (dataset_id);
CREATE INDEX runs_by_ood_dataset ON runs (ood_dataset_id);
CREATE INDEX runs_by_status ON runs (status);

CREATE TABLE epochs (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  epoch INTEGER NOT NULL CHECK (epoch >= 0),
  loss REAL,
  nll REAL,
  kl REAL,
  kl_weight REAL,
  val_loss REAL,
  val_nll REAL,
  val_metric REAL,
  seconds REAL,
  PRIMARY KEY (run_id, epoch)
) STRICT, WITHOUT ROWID;

CREATE TABLE models (
  run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  format_version INTEGER NOT NULL CHECK (format_version >= 1),
  model_json TEXT NOT NULL CHECK (json_valid(model_json)),
  created_at TEXT NOT NULL CHECK (created_at ${ISO_UTC})
) STRICT;

CREATE TABLE predictions (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  split TEXT NOT NULL CHECK (split IN ${SPLITS}),
  row_index INTEGER NOT NULL CHECK (row_index >= 0),
  ids_json TEXT NOT NULL,
  actual TEXT,
  prediction TEXT NOT NULL,
  value REAL,
  lower REAL,
  upper REAL,
  epistemic REAL,
  aleatoric REAL,
  total REAL,
  ood_score REAL,
  ood_flag INTEGER NOT NULL CHECK (ood_flag IN (0, 1)),
  imputed_json TEXT NOT NULL,
  correct INTEGER CHECK (correct IN (0, 1)),
  PRIMARY KEY (run_id, split, row_index)
) STRICT, WITHOUT ROWID;
-- The review table pages through one run most-uncertain or most-unusual first; with the primary
-- key as tie-breaker these indexes deliver rows already in the order predictions-repository asks for.
CREATE INDEX predictions_by_total ON predictions (run_id, total DESC, split, row_index);
CREATE INDEX predictions_by_ood_score ON predictions (run_id, ood_score DESC, split, row_index);

CREATE TABLE review_notes (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  split TEXT NOT NULL CHECK (split IN ${SPLITS}),
  row_index INTEGER NOT NULL CHECK (row_index >= 0),
  outcome TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL CHECK (created_at ${ISO_UTC}),
  -- UNIQUE: a note is superseded at most once, so each record's history is one chain.
  supersedes_id INTEGER UNIQUE REFERENCES review_notes (id)
) STRICT;
CREATE INDEX review_notes_by_record ON review_notes (run_id, split, row_index);

-- An audit trail is append-only: a correction is a new note that supersedes the old one. Notes go
-- only when their run is deleted (the cascade runs after the run row is gone).
CREATE TRIGGER review_notes_no_update BEFORE UPDATE ON review_notes
BEGIN
  SELECT RAISE(ABORT, 'review notes are append-only: add a new note that supersedes this one');
END;
CREATE TRIGGER review_notes_no_delete BEFORE DELETE ON review_notes
WHEN EXISTS (SELECT 1 FROM runs WHERE id = OLD.run_id)
BEGIN
  SELECT RAISE(ABORT, 'review notes are append-only: they are deleted only with their run');
END;
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'datasets, runs, epochs, models, predictions, review notes',
    up: (db) => {
      db.exec(SCHEMA_V1);
    }
  },
  {
    version: 2,
    description: 'predictions.text: the document of a text record, shown in review',
    up: (db) => {
      db.exec('ALTER TABLE predictions ADD COLUMN text TEXT');
    }
  },
  {
    version: 3,
    description: 'predictions.conformal_*: the split-conformal interval or prediction set of a record',
    up: (db) => {
      // NULL for records stored before conformal calibration existed; the set is a JSON array of class labels.
      db.exec(`
        ALTER TABLE predictions ADD COLUMN conformal_lower REAL;
        ALTER TABLE predictions ADD COLUMN conformal_upper REAL;
        ALTER TABLE predictions ADD COLUMN conformal_set TEXT CHECK (json_valid(conformal_set));
      `);
    }
  },
  {
    version: 4,
    description: 'checkpoints: the last training state of an unfinished run, to resume it',
    up: (db) => {
      // One row per run, replaced as training goes on and deleted when the run finishes. meta_json
      // is the state's JSON part, data its float32 values (train-checkpoint.ts).
      db.exec(`
        CREATE TABLE checkpoints (
          run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
          epoch INTEGER NOT NULL CHECK (epoch >= 1),
          meta_json TEXT NOT NULL CHECK (json_valid(meta_json)),
          data BLOB NOT NULL,
          created_at TEXT NOT NULL CHECK (created_at ${ISO_UTC})
        ) STRICT;
      `);
    }
  }
];

/** The version a database has once every migration of the list is applied. */
export function latestVersionOf(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/** The schema version this build of the app writes; a database above it is refused. */
export const LATEST_SCHEMA_VERSION: number = latestVersionOf(MIGRATIONS);

/** Throws unless versions run 1, 2, 3, ... in order: a gap or a duplicate is a programming error. */
export function assertMigrationsOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migration at position ${i} has version ${m.version}; expected ${i + 1}.`);
    }
  });
}
