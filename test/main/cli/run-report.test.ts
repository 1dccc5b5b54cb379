import { describe, expect, it } from 'vitest';
import { runReport, summarizeSpectrum } from '../../../src-main/cli/run-report';
import { ENSEMBLE_METRICS, SBNN_METRICS, runFixture } from './run-fixtures';

/** Singular values 3, 2, 1: squares 9, 4, 1 of 14 in all, so the energy at r = 1, 2, 3 is 9/14, 13/14, 1. */
const ENERGY = [9 / 14, 13 / 14, 1];

describe('the JSON report of a run', () => {
  it('summarizes each layer spectrum at the layer rank', () => {
    const report = runReport(runFixture({ id: 1, metrics: SBNN_METRICS }));
    expect(report.spectrum).toEqual([
      { layer: 'dense0', rows: 4, cols: 3, rank: 2, energyAtRank: 13 / 14 },
      // A rank beyond min(rows, cols) keeps all the energy of a complete spectrum.
      { layer: 'dense1', rows: 3, cols: 1, rank: 2, energyAtRank: 1 }
    ]);
  });

  it('reads the energy at rank 1 and says "unknown" past a spectrum cut short', () => {
    const layer = { layer: 'w', rows: 3, cols: 3, singularValues: [3, 2, 1], energy: ENERGY };
    expect(summarizeSpectrum({ ...layer, rank: 1 }).energyAtRank).toBe(9 / 14);
    expect(summarizeSpectrum({ ...layer, rank: 3 }).energyAtRank).toBe(1);
    const cut = {
      layer: 'big',
      rows: 300,
      cols: 400,
      rank: 260,
      singularValues: [],
      energy: Array(256).fill(0.5)
    };
    expect(summarizeSpectrum(cut).energyAtRank).toBeNull();
  });

  it('carries the conformal, PAC-Bayes and cost parts, and only scalar test metrics', () => {
    const selective = [
      { retention: 1, value: 0.8 },
      { retention: 0.5, value: 0.9 }
    ];
    const metrics = { ...SBNN_METRICS, test: { ...SBNN_METRICS.test, selective } };
    const report = runReport(runFixture({ id: 1, metrics }));
    expect(report.metrics).toEqual({ accuracy: 0.8125, nll: 0.41, brier: 0.13, ece: 0.052, auroc: 0.875 });
    expect(report.selective).toEqual(selective);
    expect(report.conformal).toEqual(SBNN_METRICS.conformal);
    expect(report.pacBayes).toEqual(SBNN_METRICS.pacBayes);
    expect(report.cost).toEqual(SBNN_METRICS.cost);
    expect(report.positiveClass).toBe('yes');
  });

  it('has no spectrum, bound or conformal part when the run has none', () => {
    const report = runReport(runFixture({ id: 2, method: 'ensemble', metrics: ENSEMBLE_METRICS }));
    expect(report).not.toHaveProperty('spectrum');
    expect(report).not.toHaveProperty('pacBayes');
    expect(report).not.toHaveProperty('conformal');
    expect(report.method).toBe('ensemble');
  });
});
