import type { Database } from 'better-sqlite3';
import { AppError } from '@shared/contract/errors';
import { assertMigrationsOrdered, latestVersionOf, type Migration } from './migrations';

/**
 * PRAGMA application_id marks the file as ours ('SBNN' in ASCII), so a SQLite database from
 * another program is told apart from an empty one or one from a newer SBNN Studio.
 */
export const APPLICATION_ID = 0x53424e4e;

export interface MigrationOutcome {
  from: number;
  to: number;
}

function readIntPragma(db: Database, name: 'user_version' | 'application_id'): number {
  const value = db.pragma(name, { simple: true });
  return typeof value === 'number' ? value : 0;
}

export function schemaVersion(db: Database): number {
  return readIntPragma(db, 'user_version');
}

/**
 * Refuses a database this build must not write: another program's, or one from a newer app. Only
 * reads the header, so a refused file is left exactly as it was.
 */
export function assertUsableSchema(db: Database, filePath: string, migrations: readonly Migration[]): void {
  const appId = readIntPragma(db, 'application_id');
  const version = schemaVersion(db);
  const latest = latestVersionOf(migrations);
  const hasTables =
    db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'`).get()?.n ??
    0;
  const foreign =
    (appId !== 0 && appId !== APPLICATION_ID) || (appId === 0 && (version > 0 || hasTables > 0));
  if (foreign) {
    throw new AppError(
      'BAD_DATA',
      `${filePath} is a SQLite database of another program, not an SBNN Studio database. ` +
        'Choose another database file with --db (a new file name creates an empty database).',
      { file: filePath }
    );
  }
  if (version > latest) {
    throw new AppError(
      'DB_VERSION',
      `${filePath} was written by a newer version of SBNN Studio (database version ${version}; ` +
        `this version understands up to ${latest}). Update SBNN Studio, or choose another database with --db. ` +
        'The file was not modified.',
      { file: filePath }
    );
  }
}

/**
 * Applies every pending migration in ONE transaction and records the new user_version in it, so a
 * failure at any step leaves the file at its old version with none of the steps applied. Follows
 * SQLite's procedure for schema changes: foreign keys off outside the transaction, foreign_key_check
 * before commit, foreign keys back on.
 */
export function migrate(db: Database, filePath: string, migrations: readonly Migration[]): MigrationOutcome {
  assertMigrationsOrdered(migrations);
  assertUsableSchema(db, filePath, migrations);
  const from = schemaVersion(db);
  const to = latestVersionOf(migrations);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };

  const foreignKeysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) migration.up(db);
      const violations = db.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0) {
        throw new Error(`${violations.length} foreign key violation(s) after migrating`);
      }
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${to}`);
    }).immediate();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new AppError(
      'BAD_DATA',
      `Could not upgrade ${filePath} from database version ${from} to ${to}: ${reason}. ` +
        'The file was left unchanged at version ' +
        `${from}; keep a copy of it and report the problem, or choose another database with --db.`,
      { file: filePath }
    );
  } finally {
    if (foreignKeysWereOn) db.pragma('foreign_keys = ON');
  }
  return { from, to };
}
