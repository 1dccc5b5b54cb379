import type { ErrorCode, ErrorInfo } from '@shared/contract/errors';

/** A failed contract call as views see it: the envelope's code, message and location, thrown. */
export class ClientError extends Error {
  readonly code: ErrorCode;
  readonly where: ErrorInfo['where'];
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'ClientError';
    this.code = info.code;
    this.where = info.where;
  }
}

/** Anything a call may throw, reduced to what a view shows next to the action that failed. */
export function describeError(err: unknown): ErrorInfo {
  if (err instanceof ClientError) {
    return err.where
      ? { code: err.code, message: err.message, where: err.where }
      : { code: err.code, message: err.message };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}

/** "row 12, column age" style suffix for BAD_DATA errors; empty when the location is unknown. */
export function describeWhere(where: ErrorInfo['where']): string {
  if (!where) return '';
  const parts: string[] = [];
  if (where.file) parts.push(`file ${where.file}`);
  if (where.row !== undefined) parts.push(`row ${where.row}`);
  if (where.column) parts.push(`column ${where.column}`);
  return parts.join(', ');
}
