import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../../src-main/storage/storage';
import { REPO_ROOT } from '../../support/paths';
import { prediction, seedRun, tempDir } from './storage-fixtures';

/**
 * Two clients on one database at once (e.g. the desktop window and a CLI command, or two web
 * pages): a second process and this one add review notes to the same record concurrently. SQLite
 * serializes the write transactions, so every note is kept and they form one chain in which each
 * supersedes the one before; the database passes integrity_check.
 */
describe('two clients writing at once', () => {
  it('keeps every note of both in one linear audit chain', async () => {
    const tmp = tempDir();
    try {
      const db = join(tmp.dir, 'app.db');
      const storage = openStorage(db);
      const { runId } = seedRun(storage);
      storage.predictions.insertMany(runId, [prediction('test', 0)]);
      const perClient = 150;
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          resolve(REPO_ROOT, 'test/fixtures/storage/add-notes.ts'),
          db,
          String(perClient),
          String(runId)
        ],
        { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      let running = true;
      const exited = new Promise<number | null>((r) =>
        child.on('exit', (code) => {
          running = false;
          r(code);
        })
      );
      // Write for as long as the child runs: a note, then a turn of the event loop so its writes get in.
      let written = 0;
      while (running) {
        storage.notes.add({
          runId,
          split: 'test',
          rowIndex: 0,
          outcome: 'confirmed',
          note: `parent ${written}`
        });
        written++;
        await new Promise((r) => setTimeout(r, 1));
      }
      expect(await exited, err).toBe(0);
      expect(out).toBe('done\n');

      const all = storage.notes.all(runId);
      expect(all).toHaveLength(written + perClient);
      // The two writers really interleaved: the author changes along the chain (parent, child, parent...).
      const authors = all.map((n) => n.note.split(' ')[0]);
      const switches = authors.filter((a, i) => i > 0 && a !== authors[i - 1]).length;
      expect(switches).toBeGreaterThanOrEqual(2);
      // One chain: the first note supersedes nothing, each later one supersedes exactly the one before.
      expect(all[0]?.supersedesId).toBeNull();
      all.slice(1).forEach((note, i) => expect(note.supersedesId).toBe(all[i]?.id));
      expect(storage.notes.current(runId)).toHaveLength(1);
      expect(storage.db.pragma('integrity_check', { simple: true })).toBe('ok');
      storage.close();
    } finally {
      tmp.cleanup();
    }
  });
});
