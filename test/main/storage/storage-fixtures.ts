import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { AppError } from '@shared/contract/errors';
import { TrainConfigSchema } from '@shared/domain/config';
import type { RecordPrediction, Split } from '@shared/domain/records';
import type { NewDataset } from '../../../src-main/storage/datasets-repository';
import type { NewRun } from '../../../src-main/storage/runs-repository';
import type { Clock } from '../../../src-main/storage/sql-values';
import { openStorage } from '../../../src-main/storage/storage';
import type { Storage } from '../../../src-main/storage/storage';

/** A fresh folder per test; `cleanup` removes it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sbnn-storage-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A clock that starts at 2026-01-02T03:04:05.000Z and advances one second per reading. */
export function steppingClock(): Clock {
  let t = Date.UTC(2026, 0, 2, 3, 4, 5);
  return () => {
    const now = new Date(t);
    t += 1000;
    return now;
  };
}

/**
 * A fresh database (stepping clock) in a fresh folder for every test of the enclosing describe,
 * closed and removed after it; call the returned function for the current one.
 */
export function useTempStorage(): () => Storage {
  let storage: Storage | null = null;
  let cleanup = (): void => undefined;
  beforeEach(() => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    storage = openStorage(`${tmp.dir}/app.db`, { clock: steppingClock() });
  });
  afterEach(() => {
    storage?.close();
    storage = null;
    cleanup();
  });
  return () => {
    if (!storage) throw new Error('useTempStorage: no storage outside a test');
    return storage;
  };
}

/** The bytes "a,b\n1,2\n"; SHA-256 computed with Python's hashlib. */
export const SMALL_CSV = new TextEncoder().encode('a,b\n1,2\n');
export const SMALL_CSV_SHA256 = '492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470';

export function newDataset(overrides: Partial<NewDataset> = {}): NewDataset {
  return {
    name: 'small',
    fileName: 'small.csv',
    sampleId: null,
    hash: SMALL_CSV_SHA256,
    rowCount: 1,
    delimiter: ',',
    columns: [
      { name: 'a', role: 'numeric', missing: 0, distinct: 1, examples: ['1'] },
      { name: 'b', role: 'numeric', missing: 0, distinct: 1, examples: ['2'] }
    ],
    content: SMALL_CSV,
    ...overrides
  };
}

export function newRun(datasetId: number, overrides: Partial<NewRun> = {}): NewRun {
  return {
    name: 'run',
    config: TrainConfigSchema.parse({ datasetId, target: 'b' }),
    datasetId,
    arch: 'mlp',
    method: 'sbnn',
    seed: 7,
    appVersion: '0.1.0',
    ...overrides
  };
}

export function prediction(
  split: Split,
  rowIndex: number,
  overrides: Partial<RecordPrediction> = {}
): RecordPrediction {
  return {
    rowIndex,
    split,
    ids: { patient: `P${rowIndex}` },
    actual: '1',
    prediction: '1',
    value: 0.8,
    lower: 0.6,
    upper: 0.95,
    epistemic: 0.05,
    aleatoric: 0.3,
    total: 0.35,
    oodScore: 1.5,
    oodFlag: false,
    imputed: [],
    correct: true,
    ...overrides
  };
}

/** A dataset and a queued run on it. */
export function seedRun(storage: Storage): { datasetId: number; runId: number } {
  const datasetId = storage.datasets.insert(newDataset()).id;
  const runId = storage.runs.create(newRun(datasetId));
  return { datasetId, runId };
}

export function countRows(storage: Storage, table: string, runId: number): number {
  const row = storage.db
    .prepare<[number], { n: number }>(`SELECT count(*) AS n FROM ${table} WHERE run_id = ?`)
    .get(runId);
  return row?.n ?? 0;
}

/** "CODE: message" of the AppError `fn` throws, so a test can assert both at once. */
export function appErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? `${err.code}: ${err.message}` : `not an AppError: ${String(err)}`;
  }
  return 'nothing thrown';
}

/** The tables of the latest schema, by name. */
export const APP_TABLES = [
  'checkpoints',
  'datasets',
  'epochs',
  'models',
  'predictions',
  'review_notes',
  'runs'
];

/** The names of a database's tables, in order. */
export function tableNames(db: Database): string[] {
  return db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all() as string[];
}
