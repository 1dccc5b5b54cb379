import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/errors';
import { openDatabase } from '../../../src-main/storage/database';
import { APPLICATION_ID } from '../../../src-main/storage/migrate';
import { LATEST_SCHEMA_VERSION } from '../../../src-main/storage/migrations';
import { APP_TABLES, tableNames, tempDir } from './storage-fixtures';

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw new Error(`expected an AppError, got ${String(err)}`);
  }
  throw new Error('expected an error');
}

/** A database written with better-sqlite3 directly, outside the app's code. */
function rawDatabase(file: string, build: (db: BetterSqlite3.Database) => void): void {
  const db = new BetterSqlite3(file);
  build(db);
  db.close();
}

describe('openDatabase', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('creates missing parent folders and sets the durability and integrity PRAGMAs', () => {
    const file = join(dir, 'nested', 'deeper', 'app.db');
    const db = openDatabase(file);
    try {
      expect(existsSync(file)).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('application_id', { simple: true })).toBe(0x53424e4e);
      expect(tableNames(db)).toEqual(APP_TABLES);
    } finally {
      db.close();
    }
  });

  it('reopens an existing database without migrating it again', () => {
    const file = join(dir, 'app.db');
    const first = openDatabase(file);
    first.exec(`INSERT INTO datasets (name, file_name, hash, row_count, column_count, delimiter, columns_json, content,
      created_at) VALUES ('d', 'd.csv', '${'0'.repeat(64)}', 0, 0, ',', '[]', x'', '2026-01-01T00:00:00.000Z')`);
    first.close();
    const second = openDatabase(file);
    try {
      expect(second.prepare('SELECT name FROM datasets').pluck().all()).toEqual(['d']);
    } finally {
      second.close();
    }
  });

  it('refuses a file that is not a SQLite database, names it, and leaves it unmodified', () => {
    const file = join(dir, 'patients.csv');
    writeFileSync(file, 'id,age,outcome\n1,54,yes\n2,61,no\n'.repeat(200));
    const before = sha256(file);
    const err = thrown(() => openDatabase(file));
    expect(err.code).toBe('BAD_DATA');
    expect(err.message).toContain(file);
    expect(err.message).toContain('not a SQLite file');
    expect(err.message).toContain('--db');
    expect(err.where).toEqual({ file });
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file with a SQLite header but unreadable content', () => {
    const file = join(dir, 'broken.db');
    const bytes = Buffer.alloc(4096, 0x5a);
    bytes.write('SQLite format 3\0', 0, 'latin1');
    writeFileSync(file, bytes);
    const err = thrown(() => openDatabase(file));
    expect(err.code).toBe('BAD_DATA');
    expect(err.message).toContain(file);
  });

  it('refuses a database from a newer app version with DB_VERSION and leaves it untouched', () => {
    const file = join(dir, 'future.db');
    const future = LATEST_SCHEMA_VERSION + 3;
    rawDatabase(file, (db) => {
      db.exec('CREATE TABLE datasets (id INTEGER PRIMARY KEY, shape_from_the_future TEXT)');
      db.exec(`INSERT INTO datasets VALUES (1, 'keep me')`);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${future}`);
    });
    const before = sha256(file);
    const err = thrown(() => openDatabase(file));
    expect(err.code).toBe('DB_VERSION');
    expect(err.message).toContain(file);
    expect(err.message).toContain(`database version ${future}`);
    expect(err.message).toContain(`up to ${LATEST_SCHEMA_VERSION}`);
    expect(err.message).toContain('Update SBNN Studio');
    expect(err.message).toContain('--db');
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
    rawDatabase(file, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(future);
      expect(db.prepare('SELECT shape_from_the_future FROM datasets').pluck().get()).toBe('keep me');
    });
  });

  it("refuses another program's SQLite database instead of adding tables to it", () => {
    const file = join(dir, 'other.sqlite');
    rawDatabase(file, (db) => db.exec('CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)'));
    const before = sha256(file);
    const err = thrown(() => openDatabase(file));
    expect(err.code).toBe('BAD_DATA');
    expect(err.message).toContain('another program');
    expect(sha256(file)).toBe(before);
  });

  it("opens an in-memory database with the full schema (for other modules' tests)", () => {
    const db = openDatabase(':memory:');
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('treats an empty file as a new database', () => {
    const file = join(dir, 'empty.db');
    writeFileSync(file, '');
    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });
});
