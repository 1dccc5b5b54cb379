import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { AppError, type ErrorCode, type ErrorInfo } from '@shared/contract/errors';
import { decodeText, parseTable, type ParsedTable } from '../../../src-main/data/csv-table';

export const SAMPLES_DIR = resolve(__dirname, '../../../resources/samples');
export const RESOURCES_DIR = resolve(__dirname, '../../../resources');

export function loadSample(fileName: string): ParsedTable {
  return parseTable(decodeText(readFileSync(resolve(SAMPLES_DIR, fileName)), fileName), fileName);
}

/** The AppError thrown by fn, checked for its code (BAD_DATA by default). */
export function appErrorOf(fn: () => unknown, code: ErrorCode = 'BAD_DATA'): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe(code);
    return e;
  }
  throw new Error('expected an AppError, but nothing was thrown');
}

export function expectWhere(err: AppError, where: ErrorInfo['where']): void {
  expect(err.where).toEqual(where);
}

/** A small table built inline: header and rows as arrays. */
export function table(columns: string[], rows: string[][], fileName = 'inline.csv'): ParsedTable {
  return { fileName, columns, rows, delimiter: ',' };
}
