import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importProgressListener, importUserFile } from '../../../src-main/cli/dataset-import';
import { ProgressBar } from '../../../src-main/cli/progress-bar';
import type { AppCore } from '../../../src-main/core/app-core';
import { LARGE_IMPORT_CHARS } from '../../../src-main/handlers/dataset-handlers';
import { openCore } from '../services/real-core';

/** A bar writing to a log (not a terminal): one line each time the percentage reaches a new tenth. */
function logBar(): { bar: ProgressBar; lines: string[] } {
  const lines: string[] = [];
  return { bar: new ProgressBar({ write: (text: string) => lines.push(text) }, false), lines };
}

describe('importing the file to score', () => {
  it('draws only the named file import progress', () => {
    const { bar, lines } = logBar();
    const listener = importProgressListener('big.csv', bar);
    listener('datasets:import-progress', { fileName: 'other.csv', fraction: 0.5 });
    listener('compute:backend', { name: 'wasm', label: 'WebAssembly', unavailable: [] });
    listener('datasets:import-progress', { fileName: 'big.csv', fraction: 0 });
    listener('datasets:import-progress', { fileName: 'big.csv', fraction: 0.55 });
    listener('datasets:import-progress', { fileName: 'big.csv', fraction: 1 });
    expect(lines).toEqual([
      '  0% importing big.csv\n',
      ' 55% importing big.csv\n',
      '100% importing big.csv\n'
    ]);
  });

  describe('through a real core', () => {
    let core: AppCore;
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'sbnn-cli-import-'));
      core = openCore(join(dir, 'runs.sqlite'));
    });
    afterAll(async () => {
      await core.close();
    });

    it('shows a large file progress from 0 to 100 % and stores the dataset', async () => {
      const lines = ['id,x,y'];
      let chars = 0;
      for (let i = 0; chars <= LARGE_IMPORT_CHARS; i++) {
        lines.push(`${i + 1},${(i % 1000) / 10},${i % 3 === 0 ? 'yes' : 'no'}`);
        chars += (lines.at(-1) ?? '').length + 1;
      }
      const rows = lines.length - 1;
      const path = join(dir, 'big.csv');
      writeFileSync(path, `${lines.join('\n')}\n`);
      const { bar, lines: shown } = logBar();
      const summary = await importUserFile(core, path, bar);
      expect(summary.rowCount).toBe(rows);
      expect(shown[0]).toBe('  0% importing big.csv\n');
      expect(shown.at(-1)).toBe('100% importing big.csv\n');
      // Once the import ends, later events (e.g. another import of the same name) are not drawn.
      core.events.emit('datasets:import-progress', { fileName: 'big.csv', fraction: 0.5 });
      expect(shown.at(-1)).toBe('100% importing big.csv\n');
    });

    it('imports a small file without progress, and names a file it cannot read', async () => {
      const path = join(dir, 'small.csv');
      writeFileSync(path, 'a,b\n1,x\n2,y\n');
      const { bar, lines } = logBar();
      const summary = await importUserFile(core, path, bar);
      expect(summary.rowCount).toBe(2);
      expect(lines).toEqual([]);
      await expect(importUserFile(core, join(dir, 'missing.csv'), null)).rejects.toThrow(
        `Cannot read ${join(dir, 'missing.csv')}: it does not exist.`
      );
    });
  });
});
