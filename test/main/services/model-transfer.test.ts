import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src-main/core/app-core';
import { exportPortableModel, importPortableModel } from '../../../src-main/services/model-transfer';
import { GBSG } from '../../support/paths';
import { openCore, smallConfig } from './real-core';

/**
 * A portable model file carries everything prediction needs: a run exported from one database and
 * imported into another scores a file with exactly the same predictions; scored records join the
 * run's review queue with the file named in their ids.
 */
describe('portable model files and scoring new data', () => {
  const cores: AppCore[] = [];
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((c) => c.close()));
  });
  const open = (): AppCore => {
    const core = openCore(join(mkdtempSync(join(tmpdir(), 'sbnn-transfer-')), 'a.sqlite'));
    cores.push(core);
    return core;
  };

  it('an imported model reproduces the predictions of the original exactly', async () => {
    const source = open();
    const data = source.datasets.importSample('rotterdam');
    const runId = source.runs.start(smallConfig(data.id, undefined, 2));
    await source.runs.wait(runId);
    expect(source.storage.runs.get(runId)?.status).toBe('finished');
    const gbsg = readFileSync(GBSG, 'utf8');
    const newFile = source.datasets.importText('breast-cancer-gbsg.csv', gbsg);
    const scored = await source.runs.score(runId, newFile.id);
    expect(scored.scored).toBe(555);
    expect(scored.metrics).not.toBeNull();

    const file = exportPortableModel(source.storage, runId);
    expect(file.fileName).toMatch(/\.sbnn-model\.json$/);
    // No cell values of the training data travel with the model.
    expect(file.content).not.toMatch(/"examples"/);

    const target = open();
    const imported = importPortableModel(target.storage, file.fileName, file.content);
    const importedRun = target.storage.runs.get(imported);
    expect(importedRun?.status).toBe('finished');
    expect(importedRun?.dataHash).toBe(source.storage.runs.get(runId)?.dataHash);
    const sameFile = target.datasets.importText('breast-cancer-gbsg.csv', gbsg);
    const again = await target.runs.score(imported, sameFile.id);
    expect(again.metrics).toEqual(scored.metrics);

    const page = (core: AppCore, id: number) =>
      core.storage.predictions.query({ runId: id, splits: ['scored'], sort: 'row', offset: 0, limit: 5000 })
        .records;
    expect(page(target, imported)).toEqual(page(source, runId));
    expect(page(source, runId)[0]?.ids).toMatchObject({
      source_file: 'breast-cancer-gbsg.csv',
      source_row: '1'
    });

    // A second file is appended after the first, so both stay reviewable.
    await source.runs.score(runId, newFile.id);
    const both = page(source, runId);
    expect(both).toHaveLength(2 * 555);
    expect(both[555]?.rowIndex).toBe(555);
  });

  it('refuses a file that is not a model file with a message naming it, leaving the database unchanged', () => {
    const core = open();
    const before = core.storage.runs.list().length;
    expect(() => importPortableModel(core.storage, 'notes.txt', 'hello')).toThrow(
      /notes\.txt is not a model file/
    );
    expect(() =>
      importPortableModel(core.storage, 'x.json', '{"format":"sbnn-studio-model","version":1}')
    ).toThrow(/x\.json is not an SBNN Studio model file \(run\)/);
    expect(core.storage.runs.list()).toHaveLength(before);
    expect(core.storage.datasets.list()).toHaveLength(0);
  });
});
