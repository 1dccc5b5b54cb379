import { AppError } from '@shared/contract/errors';

/** better-sqlite3's SqliteError carries the extended result code, e.g. SQLITE_CONSTRAINT_FOREIGNKEY. */
export function sqliteCode(err: unknown): string | null {
  if (
    err instanceof Error &&
    'code' in err &&
    typeof err.code === 'string' &&
    err.code.startsWith('SQLITE_')
  ) {
    return err.code;
  }
  return null;
}

export function isForeignKeyViolation(err: unknown): boolean {
  return sqliteCode(err) === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

export function isUniqueViolation(err: unknown): boolean {
  const code = sqliteCode(err);
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** A write against a run that does not exist fails its foreign key; say so in the domain's words. */
export function runNotFound(runId: number): AppError {
  return new AppError('NOT_FOUND', `Run ${runId} does not exist (it may have been deleted).`);
}

export function datasetNotFound(datasetId: number): AppError {
  return new AppError('NOT_FOUND', `Dataset ${datasetId} does not exist (it may have been deleted).`);
}
