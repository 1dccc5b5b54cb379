import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../../src-main/storage/storage';
import { countRows, newDataset, newRun, prediction, tempDir } from './storage-fixtures';

const WRITER = resolve(__dirname, '../../fixtures/storage/interrupted-writer.mjs');
const COMMITTED = 250;

/** Runs the writer and SIGKILLs it once it reports being inside its big transaction. */
function killWriterMidTransaction(
  file: string,
  runId: number
): Promise<{ signal: string | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [WRITER, file, String(runId), String(COMMITTED)], {
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('writing\n') && child.exitCode === null) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL')
        fail(new Error(`writer was not killed (signal ${signal}): ${output}${stderr}`));
      else done({ signal, output });
    });
  });
}

describe('a writer killed mid-transaction', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('leaves a database that passes integrity_check with exactly the committed rows', async () => {
    const file = join(dir, 'app.db');
    const setup = openStorage(file);
    const runId = setup.runs.create(newRun(setup.datasets.insert(newDataset()).id));
    setup.close();

    const { output } = await killWriterMidTransaction(file, runId);
    expect(output).toContain('committed\nwriting\n');
    // The open transaction had spilled well past the committed rows (about 250 rows of ~300 bytes)
    // into the WAL, so recovery really has uncommitted frames to discard.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(2_000_000);

    const storage = openStorage(file);
    try {
      expect(storage.integrityCheck()).toBe('ok');
      expect(countRows(storage, 'predictions', runId)).toBe(COMMITTED);
      const page = storage.predictions.query({ runId, sort: 'row', offset: 0, limit: 5000 });
      expect(page.records.map((r) => r.rowIndex)).toEqual(Array.from({ length: COMMITTED }, (_, i) => i));
      // The first uncommitted row's key is free again, and the database takes writes.
      storage.predictions.insertMany(runId, [prediction('train', COMMITTED)]);
      expect(countRows(storage, 'predictions', runId)).toBe(COMMITTED + 1);
      expect(storage.runs.get(runId)?.status).toBe('queued');
    } finally {
      storage.close();
    }
  });
});
