import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/errors';
import { openDatabase } from '../../../src-main/storage/database';
import {
  assertMigrationsOrdered,
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  type Migration
} from '../../../src-main/storage/migrations';
import { openStorage } from '../../../src-main/storage/storage';
import { APP_TABLES, newDataset, newRun, tableNames, tempDir } from './storage-fixtures';

const V1 = MIGRATIONS[0] as Migration;
const NEXT = MIGRATIONS.length + 1;

/** A test-only next version that rebuilds `datasets` (SQLite's 12-step ALTER) while runs refer to it. */
const V2_REBUILD: Migration = {
  version: NEXT,
  description: 'test: rebuild datasets with a new column',
  up: (db) => {
    db.exec(`
      CREATE TABLE datasets_new (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, file_name TEXT NOT NULL, sample_id TEXT, hash TEXT NOT NULL,
        row_count INTEGER NOT NULL, column_count INTEGER NOT NULL, delimiter TEXT NOT NULL,
        columns_json TEXT NOT NULL, content BLOB NOT NULL, created_at TEXT NOT NULL,
        source_url TEXT NOT NULL DEFAULT 'local'
      ) STRICT;
      INSERT INTO datasets_new (id, name, file_name, sample_id, hash, row_count, column_count, delimiter,
        columns_json, content, created_at)
        SELECT id, name, file_name, sample_id, hash, row_count, column_count, delimiter, columns_json, content,
          created_at FROM datasets;
      DROP TABLE datasets;
      ALTER TABLE datasets_new RENAME TO datasets;
    `);
  }
};

/** A test-only next version that changes the schema and then fails. */
const V2_FAILING: Migration = {
  version: NEXT,
  description: 'test: fails half-way',
  up: (db) => {
    db.exec('ALTER TABLE runs ADD COLUMN tags TEXT');
    throw new Error('disk says no');
  }
};

function raw(file: string): BetterSqlite3.Database {
  return new BetterSqlite3(file);
}

function columnsOf(db: BetterSqlite3.Database, table: string): string[] {
  return db
    .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
    .all()
    .map((c) => c.name);
}

describe('migrations', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('the app list is ordered from 1 and ends at LATEST_SCHEMA_VERSION', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual([1, 2, 3, 4]);
    expect(LATEST_SCHEMA_VERSION).toBe(4);
    expect(() => assertMigrationsOrdered([V1, { ...V2_REBUILD, version: 3 }])).toThrow(/expected 2/);
  });

  it('upgrades an empty version-0 database to the latest schema', () => {
    const file = join(dir, 'v0.db');
    const db0 = raw(file);
    db0.exec('CREATE TABLE scratch (x); DROP TABLE scratch;'); // a real SQLite file, no tables, version 0
    expect(db0.pragma('user_version', { simple: true })).toBe(0);
    db0.close();

    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(tableNames(db)).toEqual(APP_TABLES);
    } finally {
      db.close();
    }
  });

  it('upgrades a version-2 database to conformal columns, keeping its predictions', () => {
    const file = join(dir, 'v2.db');
    const v2 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 2) });
    v2.exec(`
      INSERT INTO datasets (id, name, file_name, hash, row_count, column_count, delimiter, columns_json, content,
        created_at)
        VALUES (1, 'd', 'd.csv', '${'a'.repeat(64)}', 1, 1, ',', '[]', x'00', '2026-01-01T00:00:00.000Z');
      INSERT INTO runs (id, name, dataset_id, status, config_json, arch, method, seed, app_version, created_at)
        VALUES (1, 'r', 1, 'finished', '{}', 'mlp', 'sbnn', 1, '0', '2026-01-01T00:00:00.000Z');
      INSERT INTO predictions (run_id, split, row_index, ids_json, actual, prediction, value, lower, upper,
        epistemic, aleatoric, total, ood_score, ood_flag, imputed_json, correct, text)
        VALUES (1, 'test', 4, '{"id":"x"}', '3.5', '3.2', 3.2, 2.0, 4.4, 0.1, 0.6, 0.61, 0.61, 0, '[]', NULL, NULL);
    `);
    expect(v2.pragma('user_version', { simple: true })).toBe(2);
    v2.close();

    const storage = openStorage(file);
    try {
      expect(storage.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(columnsOf(storage.db, 'predictions')).toEqual(
        expect.arrayContaining(['conformal_lower', 'conformal_upper', 'conformal_set'])
      );
      const { records } = storage.predictions.query({ runId: 1, sort: 'row', offset: 0, limit: 10 });
      expect(records).toEqual([
        {
          rowIndex: 4,
          split: 'test',
          ids: { id: 'x' },
          actual: '3.5',
          prediction: '3.2',
          value: 3.2,
          lower: 2,
          upper: 4.4,
          epistemic: 0.1,
          aleatoric: 0.6,
          total: 0.61,
          oodScore: 0.61,
          oodFlag: false,
          imputed: [],
          correct: null
        }
      ]);
      // The new set column only takes JSON.
      expect(() =>
        storage.db.exec(`UPDATE predictions SET conformal_set = 'not json' WHERE run_id = 1`)
      ).toThrow(/CHECK constraint failed/);
    } finally {
      storage.close();
    }
  });

  it('applies a later migration to a version-1 database and keeps its data', () => {
    const file = join(dir, 'v1.db');
    const v1 = openStorage(file);
    const datasetId = v1.datasets.insert(newDataset({ name: 'cohort A' })).id;
    const runId = v1.runs.create(newRun(datasetId, { name: 'first run' }));
    v1.close();

    const db = openDatabase(file, { migrations: [...MIGRATIONS, V2_REBUILD] });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(NEXT);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(columnsOf(db, 'datasets')).toContain('source_url');
      expect(db.prepare('SELECT name, source_url FROM datasets WHERE id = ?').get(datasetId)).toEqual({
        name: 'cohort A',
        source_url: 'local'
      });
      expect(db.prepare('SELECT name, dataset_id FROM runs WHERE id = ?').get(runId)).toEqual({
        name: 'first run',
        dataset_id: datasetId
      });
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('a failing migration leaves the database at its old version with no partial change', () => {
    const file = join(dir, 'v1.db');
    openStorage(file).close();
    let err: unknown;
    try {
      openDatabase(file, { migrations: [...MIGRATIONS, V2_FAILING] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('BAD_DATA');
    expect((err as AppError).message).toMatch(
      new RegExp(`from database version ${NEXT - 1} to ${NEXT}: disk says no`)
    );
    const db = raw(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(NEXT - 1);
      expect(columnsOf(db, 'runs')).not.toContain('tags');
    } finally {
      db.close();
    }
  });

  it('applies all pending migrations in ONE transaction: a failure in the last one undoes the earlier ones', () => {
    const file = join(dir, 'fresh.db');
    expect(() => openDatabase(file, { migrations: [...MIGRATIONS, V2_FAILING] })).toThrow(AppError);
    const db = raw(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(0);
      expect(tableNames(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('refuses a migration that leaves dangling foreign keys', () => {
    const file = join(dir, 'v1.db');
    openStorage(file).close();
    const orphaning: Migration = {
      version: NEXT,
      description: 'test: inserts a run of a missing dataset',
      up: (db) =>
        db.exec(`INSERT INTO runs (name, dataset_id, status, config_json, arch, method, seed, app_version, created_at)
                 VALUES ('orphan', 999, 'queued', '{}', 'mlp', 'sbnn', 1, '0', '2026-01-01T00:00:00.000Z')`)
    };
    expect(() => openDatabase(file, { migrations: [...MIGRATIONS, orphaning] })).toThrow(
      /foreign key violation/
    );
    const db = raw(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(NEXT - 1);
      expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
