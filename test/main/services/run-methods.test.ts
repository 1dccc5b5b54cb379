import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/errors';
import type { RunDetail } from '@shared/domain/records';
import type { AppCore } from '../../../src-main/core/app-core';
import type { SavedModelFile } from '../../../src-main/compute/jobs/train-run-types';
import { openCore, smallConfig } from './real-core';

/**
 * The methods of METHOD.md section 5 through the RunService with real compute processes, on a
 * small MLP of the clinical sample: an ensemble's members train as separate jobs and are gathered,
 * lr-svd pre-fits, a rank sweep trains one run per rank, the advisor proposes ranks, and the
 * Compare and correlation requests read what the runs stored.
 */
describe('methods, sweeps and analysis through the RunService', () => {
  let core: AppCore;
  let datasetId = 0;
  let oodId = 0;

  beforeAll(() => {
    core = openCore(join(mkdtempSync(join(tmpdir(), 'sbnn-methods-')), 'a.sqlite'));
    datasetId = core.datasets.importSample('rotterdam').id;
    oodId = core.datasets.importSample('gbsg').id;
  });
  afterAll(async () => {
    await core.close();
  });

  const finished = async (runId: number): Promise<RunDetail> => {
    await core.runs.wait(runId);
    const run = core.storage.runs.get(runId);
    expect(run?.error ?? null).toBeNull();
    expect(run?.status).toBe('finished');
    return { ...(run as RunDetail), epochs: core.storage.epochs.list(runId) };
  };

  it('trains a 2-member ensemble from two member jobs and gathers every member into the saved model', async () => {
    const deterministic = await finished(
      core.runs.start(smallConfig(datasetId, oodId, 3, { method: 'deterministic' }))
    );
    const ensemble = await finished(
      core.runs.start(smallConfig(datasetId, oodId, 3, { method: 'ensemble', members: 2 }))
    );
    // Paper convention (METHOD.md section 1): an ensemble counts all its members.
    expect(ensemble.params).toBe(2 * (deterministic.params ?? 0));
    expect(ensemble.metrics?.pacBayes ?? null).toBeNull();
    expect(ensemble.metrics?.cost?.msPerStep).toBeGreaterThan(0);
    expect(ensemble.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    const saved = JSON.parse(core.storage.models.load(ensemble.id)?.modelJson ?? '{}') as SavedModelFile;
    const names = saved.posterior.variables.map((v) => v.name);
    expect(names.some((n) => n.startsWith('member0.'))).toBe(true);
    expect(names.some((n) => n.startsWith('member1.'))).toBe(true);
  });

  it('pre-fits lr-svd, then trains it as the low-rank posterior with a PAC-Bayes bound and spectra', async () => {
    const run = await finished(
      core.runs.start(smallConfig(datasetId, oodId, 2, { method: 'lr-svd', pretrainEpochs: 2 }))
    );
    expect(run.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    const bound = run.metrics?.pacBayes;
    expect(bound?.kl).toBeGreaterThan(0);
    expect(bound?.bound).toBeGreaterThan(bound?.empiricalRisk ?? Infinity);
    const spectra = run.metrics?.spectrum ?? [];
    expect(spectra.map((s) => s.layer)).toEqual(['layer0', 'layer1']);
    // W = mu_A mu_B^T has rank <= 4: every singular value past the 4th is zero (to float precision).
    const first = spectra[0];
    expect(first?.rank).toBe(4);
    expect(first?.energy[3]).toBeCloseTo(1, 5);
  });

  it('sweeps ranks in parallel runs whose KL to the prior grows with r', async () => {
    const config = smallConfig(datasetId, oodId, 3);
    const runIds = core.runs.sweep(config, [8, 1]);
    expect(runIds).toHaveLength(2);
    const [low, high] = await Promise.all(runIds.map(finished));
    expect(low?.name).toMatch(/r=1$/);
    expect(high?.name).toMatch(/r=8$/);
    expect(high?.metrics?.pacBayes?.kl).toBeGreaterThan(low?.metrics?.pacBayes?.kl ?? Infinity);
    expect(high?.params).toBeGreaterThan(low?.params ?? Infinity);
  });

  it('refuses a sweep of a method without ranks', () => {
    expect(() => core.runs.sweep(smallConfig(datasetId, oodId, 1, { method: 'bbb' }), [2, 4])).toThrow(
      /low-rank method/
    );
  });

  it('proposes per-layer ranks that keep the energy threshold', async () => {
    const advice = await core.runs.adviseRank(
      smallConfig(datasetId, undefined, 2, { pretrainEpochs: 2 }),
      0.9
    );
    expect(advice.layers.map((l) => l.layer)).toEqual(['layer0', 'layer1']);
    for (const layer of advice.layers) {
      expect(layer.proposedRank).toBeGreaterThanOrEqual(1);
      expect(layer.proposedRank).toBeLessThanOrEqual(Math.min(layer.rows, layer.cols));
      expect(layer.energy[layer.proposedRank - 1]).toBeGreaterThanOrEqual(0.9);
      if (layer.proposedRank > 1) expect(layer.energy[layer.proposedRank - 2]).toBeLessThan(0.9);
    }
    expect(advice.suggested.ranks).toEqual(advice.layers.map((l) => l.proposedRank));
  });

  it('compares finished runs with their curves and gives the analytic correlation of a low-rank layer', async () => {
    const a = await finished(core.runs.start(smallConfig(datasetId, oodId, 2)));
    const b = await finished(core.runs.start(smallConfig(datasetId, oodId, 2, { method: 'bbb' })));
    const compared = await core.handlers['runs:compare']({ runIds: [a.id, b.id] });
    expect(compared.runs.map((r) => r.method)).toEqual(['sbnn', 'bbb']);
    expect(compared.curves).toHaveLength(2);
    expect(compared.curves[0]?.oodRoc?.fpr.at(-1)).toBe(1);

    const corr = await core.handlers['runs:correlation']({
      runId: a.id,
      layer: 'layer0',
      rowOffset: 0,
      colOffset: 0,
      rows: 2,
      cols: 2
    });
    expect(corr.entries).toHaveLength(4);
    corr.matrix.forEach((row, i) => {
      expect(row[i]).toBeCloseTo(1, 12);
      row.forEach((v, j) => expect(v).toBeCloseTo(corr.matrix[j]?.[i] ?? NaN, 12));
    });
    // Entries (0,0) and (1,1) share neither a row nor a column: uncorrelated (METHOD.md section 1).
    expect(corr.matrix[0]?.[3]).toBe(0);
    await expect(
      Promise.resolve().then(() =>
        core.handlers['runs:correlation']({
          runId: b.id,
          layer: 'layer0',
          rowOffset: 0,
          colOffset: 0,
          rows: 2,
          cols: 2
        })
      )
    ).rejects.toBeInstanceOf(AppError);
  });
});
