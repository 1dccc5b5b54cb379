import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../../src-main/storage/storage';
import { REPO_ROOT } from '../../support/paths';
import { prediction, seedRun, tempDir } from '../storage/storage-fixtures';

const STORAGE_DIR = join(REPO_ROOT, 'src-main/storage');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Template literals that hold SQL, with the expressions spliced into them. */
function sqlTemplates(source: string): Array<{ text: string; splices: string[] }> {
  const templates = source.match(/`[^`]*`/g) ?? [];
  return templates
    .filter((t) => /\b(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP)\b/.test(t))
    .map((text) => ({ text, splices: [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => (m[1] ?? '').trim()) }));
}

/** Names bound at the top level of a module with const and an upper-case name: fixed SQL fragments. */
function moduleConstants(source: string): Set<string> {
  return new Set([...source.matchAll(/^(?:export )?const ([A-Z][A-Z0-9_]*)\b/gm)].map((m) => m[1] ?? ''));
}

describe('SQL is built only from prepared statements', () => {
  it('splices nothing into SQL text but the module constants of the storage layer', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(STORAGE_DIR)) {
      const source = readFileSync(file, 'utf8');
      const constants = moduleConstants(source);
      for (const { splices } of sqlTemplates(source)) {
        for (const splice of splices) {
          // A constant fragment (COLUMNS, WHERE, ISO_UTC...), a constant list joined by a fixed
          // separator, or a lookup into a constant table by key (ORDER_BY[sort], whose keys the
          // schema validates).
          const name = /^([A-Z][A-Z0-9_]*)(\[[a-z]\w*\]|\.join\('[^']*'\))?$/.exec(splice)?.[1];
          if (!name || !constants.has(name)) offenders.push(`${relative(REPO_ROOT, file)}: \${${splice}}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('touches the database only in src-main/storage', () => {
    const outside = sourceFiles(join(REPO_ROOT, 'src-main')).filter(
      (file) =>
        !file.startsWith(STORAGE_DIR) &&
        /from 'better-sqlite3'|\bdb\.(prepare|exec|pragma)\b/.test(readFileSync(file, 'utf8'))
    );
    expect(outside.map((f) => relative(REPO_ROOT, f))).toEqual([]);
  });

  it('stores text that looks like SQL as text, leaving every table intact', () => {
    const tmp = tempDir();
    try {
      const storage = openStorage(join(tmp.dir, 'app.db'));
      const hostile = `x'); DROP TABLE runs; --`;
      const { runId } = seedRun(storage);
      storage.predictions.insertMany(runId, [
        prediction('test', 0, { prediction: hostile, ids: { [hostile]: hostile } })
      ]);
      const note = storage.notes.add({
        runId,
        split: 'test',
        rowIndex: 0,
        outcome: 'wrong',
        note: `"; DELETE FROM review_notes; --`
      });
      const [stored] = storage.predictions.query({ runId, sort: 'row', offset: 0, limit: 1 }).records;
      expect(stored?.prediction).toBe(hostile);
      expect(stored?.ids).toEqual({ [hostile]: hostile });
      expect(storage.notes.history(runId, 'test', 0)).toEqual([note]);
      expect(storage.runs.get(runId)).not.toBeNull();
      expect(storage.integrityCheck()).toBe('ok');
      storage.close();
    } finally {
      tmp.cleanup();
    }
  });
});
