import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { AppError } from '@shared/contract/errors';
import { migrate } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { sqliteCode } from './sqlite-errors';

export type { Database } from 'better-sqlite3';

/** Every SQLite 3 database file starts with these 16 bytes (sqlite.org/fileformat.html, 1.3). */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenDatabaseOptions {
  /** The ordered migrations to apply; the app's own list unless a test supplies another. */
  migrations?: readonly Migration[];
}

function notADatabase(filePath: string, detail: string): AppError {
  return new AppError(
    'BAD_DATA',
    `${filePath} is not an SBNN Studio database (${detail}). ` +
      'Choose another database file with --db; a new file name creates an empty database. The file was not modified.',
    { file: filePath }
  );
}

/**
 * Checks the header before SQLite touches the file, so pointing --db at a CSV or any other file
 * never writes to it. A missing or empty file is a new database.
 */
function assertSqliteHeader(filePath: string): void {
  let size: number;
  try {
    size = statSync(filePath).size;
  } catch {
    return;
  }
  if (size === 0) return;
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(filePath, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) throw notADatabase(filePath, 'it is not a SQLite file');
}

/**
 * Opens (creating if needed) the app's database and brings its schema to the latest version.
 * The main process is the only writer; WAL lets other connections read while it writes, and
 * synchronous=FULL makes every commit durable across power loss, not only across crashes.
 */
export function openDatabase(filePath: string, options: OpenDatabaseOptions = {}): Database {
  const migrations = options.migrations ?? MIGRATIONS;
  const inMemory = filePath === ':memory:';
  if (!inMemory) {
    mkdirSync(dirname(filePath), { recursive: true });
    assertSqliteHeader(filePath);
  }
  const db = new BetterSqlite3(filePath);
  try {
    db.pragma('busy_timeout = 5000');
    // Version checks read only; journal mode and migrations are the first writes.
    migrateChecked(db, filePath, migrations);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function migrateChecked(db: Database, filePath: string, migrations: readonly Migration[]): void {
  try {
    migrate(db, filePath, migrations);
  } catch (err) {
    const code = sqliteCode(err);
    if (code === 'SQLITE_NOTADB') throw notADatabase(filePath, 'SQLite cannot read it');
    if (code?.startsWith('SQLITE_CORRUPT')) {
      throw new AppError(
        'BAD_DATA',
        `${filePath} is damaged (SQLite reports it corrupt). Restore it from a backup, ` +
          'or choose another database file with --db.',
        { file: filePath }
      );
    }
    throw err;
  }
}
