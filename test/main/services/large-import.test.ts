import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src-main/core/app-core';
import { LARGE_IMPORT_CHARS } from '../../../src-main/handlers/dataset-handlers';
import { openCore } from './real-core';

/** 200,000 rows: an id, an age, a size category, a measurement with a few missing cells, an outcome. */
function bigTable(rows: number): string {
  const lines = ['pid,age,size,marker,outcome'];
  for (let i = 0; i < rows; i++) {
    const marker = i % 97 === 0 ? 'NA' : ((i * 7919) % 1000) / 10;
    lines.push(
      `${i + 1},${20 + (i % 70)},${['small', 'medium', 'large'][i % 3]},${marker},${i % 5 === 0 ? 'yes' : 'no'}`
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('importing a 200,000-row file', () => {
  let core: AppCore;
  afterAll(async () => {
    await core.close();
  });

  it('parses it in a compute process with progress events and stores its summary', async () => {
    core = openCore(join(mkdtempSync(join(tmpdir(), 'sbnn-big-')), 'a.sqlite'));
    const content = bigTable(200_000);
    expect(content.length).toBeGreaterThan(LARGE_IMPORT_CHARS);
    const progress: number[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'datasets:import-progress') progress.push((payload as { fraction: number }).fraction);
    });
    const summary = await core.handlers['datasets:import']({
      source: { kind: 'text', fileName: 'big.csv', content }
    });
    expect(summary.rowCount).toBe(200_000);
    expect(summary.columnCount).toBe(5);
    const detail = await core.handlers['datasets:get']({ datasetId: summary.id });
    expect(detail.columns.map((c) => [c.name, c.role])).toEqual([
      ['pid', 'id'],
      ['age', 'numeric'],
      ['size', 'categorical'],
      ['marker', 'numeric'],
      ['outcome', 'categorical']
    ]);
    // ceil(200000 / 97) rows have marker NA.
    expect(detail.columns[3]?.missing).toBe(Math.ceil(200_000 / 97));
    expect(detail.preview).toHaveLength(50);
    expect(detail.preview[0]).toEqual(['1', '20', 'small', 'NA', 'yes']);
    // Progress starts at 0, only grows, passes through the middle and ends at 1.
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, i) => i === 0 || f >= (progress[i - 1] ?? 0))).toBe(true);
    expect(progress.some((f) => f > 0.1 && f < 0.9)).toBe(true);
  });

  it('names the line of a ragged row of a large file, and stores nothing', async () => {
    const lines = bigTable(150_000).split('\n');
    lines[100_000] = `${lines[100_000]},extra`;
    const before = core.storage.datasets.list().length;
    await expect(
      core.handlers['datasets:import']({
        source: { kind: 'text', fileName: 'ragged.csv', content: lines.join('\n') }
      })
    ).rejects.toThrow(/Line 100001 of "ragged\.csv" has 6 fields but the header has 5/);
    expect(core.storage.datasets.list()).toHaveLength(before);
  });
});
