/**
 * Errors cross every process boundary as a plain envelope: a stable code a program can branch on
 * and a message a person can act on ("what went wrong, where, and what to do").
 */
export type ErrorCode =
  | 'BAD_REQUEST' // the payload failed the contract's schema
  | 'NOT_FOUND' // a run, dataset or record id that does not exist
  | 'BAD_DATA' // a file or column the app cannot use
  | 'CONFLICT' // the action does not fit the current state (e.g. cancelling a finished run)
  | 'CANCELLED' // the user cancelled the job
  | 'COMPUTE_FAILED' // the compute process failed or died
  | 'TRAINING_DIVERGED' // NaN/Inf in the loss
  | 'DB_VERSION' // the database was written by a newer app
  | 'UNAUTHORIZED'
  | 'INTERNAL';

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Where the problem is, when known (file, row, column). */
  where?: { file?: string; row?: number; column?: string };
}

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorInfo };

/** An error meant for a person: thrown anywhere on the main side, it crosses as its envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly where: ErrorInfo['where'];
  constructor(code: ErrorCode, message: string, where?: ErrorInfo['where']) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.where = where;
  }
  toInfo(): ErrorInfo {
    return this.where
      ? { code: this.code, message: this.message, where: this.where }
      : { code: this.code, message: this.message };
  }
}

/** Turns anything thrown into an envelope error; unknown errors keep their message but say they are internal. */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof AppError) return err.toInfo();
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const e = err as { code: unknown; message: unknown; where?: ErrorInfo['where'] };
    if (typeof e.code === 'string' && typeof e.message === 'string' && isErrorCode(e.code)) {
      return e.where
        ? { code: e.code, message: e.message, where: e.where }
        : { code: e.code, message: e.message };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}` };
}

const CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_REQUEST',
  'NOT_FOUND',
  'BAD_DATA',
  'CONFLICT',
  'CANCELLED',
  'COMPUTE_FAILED',
  'TRAINING_DIVERGED',
  'DB_VERSION',
  'UNAUTHORIZED',
  'INTERNAL'
]);

export function isErrorCode(code: string): code is ErrorCode {
  return CODES.has(code);
}

/** The message of anything thrown, without a stack trace. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
