import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@shared/math/random';
import { sbnn } from '../../support/cli';
import type { CliResult } from '../../support/cli';
import { cliWorkspace } from './cli-workspace';

/** 160 rows of a, b (numbers), site (A, or B for the last 40: out-of-distribution) and y (yes/no from a + b). */
function table(seed: number): string {
  const next = createRng(seed).next;
  const rows = Array.from({ length: 160 }, (_, i) => {
    const site = i < 120 ? 'A' : 'B';
    const a = next() * 4 - 2 + (site === 'B' ? 3 : 0);
    const b = next() * 2 - 1;
    return [a.toFixed(3), b.toFixed(3), site, a + b + next() - 0.5 > 0 ? 'yes' : 'no'].join(',');
  });
  return ['a,b,site,y', ...rows].join('\n') + '\n';
}

/** Tiny runs: one hidden layer of 8, two epochs, few samples. */
const TINY = ['--target', 'y', '--ood-where', 'site=B', '--ignore', 'site', '--hidden', '8'];
const FAST = ['--epochs', '2', '--samples', '5', '--batch', '32', '--seed', '1'];

describe('the CLI across methods: train, compare, sweep, advise-rank', () => {
  let data: string;
  let cli: (args: string[]) => CliResult;
  let file: (name: string, content: string) => string;

  beforeAll(() => {
    ({ cli, file } = cliWorkspace('sbnn-cli-methods-'));
    data = file('sites.csv', table(3));
  });

  it('trains an sbnn run whose report has the bound, the spectrum, conformal coverage and cost', () => {
    const run = cli(['train', data, ...TINY, ...FAST, '--rank', '2', '--conformal-level', '0.8', '--json']);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ runId: 1, method: 'sbnn', task: 'binary' });
    expect(report.pacBayes.bound).toBeGreaterThan(report.pacBayes.empiricalRisk);
    expect(report.conformal).toMatchObject({ kind: 'set', level: 0.8 });
    expect(report.cost.msPerStep).toBeGreaterThan(0);
    // Two weight matrices: inputs x 8 and 8 x 1, each of rank 2.
    expect(report.spectrum.map((s: { cols: number; rank: number }) => s.rank)).toEqual([2, 2]);
    for (const layer of report.spectrum) {
      expect(layer.energyAtRank).toBeGreaterThan(0);
      expect(layer.energyAtRank).toBeLessThanOrEqual(1 + 1e-9);
    }
  });

  it('trains a deterministic run, saying on stderr that --rank is ignored', () => {
    const run = cli(['train', data, ...TINY, ...FAST, '--method', 'deterministic', '--rank', '2']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('--rank is ignored: ranks apply to sbnn and lr-svd, not deterministic.');
    expect(run.stdout).toMatch(/^Run 2 finished/);
    expect(run.stdout).toContain('deterministic (mlp)');
    expect(run.stdout).not.toContain('PAC-Bayes');
  });

  it('compares the two runs side by side', () => {
    const table = cli(['compare', '1', '2']);
    expect(table.status).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s+run 1\s+run 2$/);
    expect(lines.find((l) => l.startsWith('method'))).toMatch(/sbnn \(mlp\)\s+deterministic \(mlp\)/);
    expect(lines.find((l) => l.startsWith('PAC-Bayes bound'))).toMatch(/\d\.\d{4}\s+-$/);
    const json = JSON.parse(cli(['compare', '1', '2', '--json']).stdout);
    expect(json.runs.map((r: { runId: number }) => r.runId)).toEqual([1, 2]);
    expect(json.curves).toHaveLength(2);
  });

  it('sweeps the rank and reports one finished run per rank', () => {
    const sweep = cli(['sweep', data, ...TINY, ...FAST, '--ranks', '3,1,3', '--json']);
    expect(sweep.stderr).not.toMatch(/\n\s+at /);
    expect(sweep.status).toBe(0);
    const result = JSON.parse(sweep.stdout);
    expect(result.ranks).toEqual([1, 3]);
    expect(result.runs.map((r: { status: string }) => r.status)).toEqual(['finished', 'finished']);
    // A larger rank has more factor columns, hence more parameters.
    expect(result.runs[1].params).toBeGreaterThan(result.runs[0].params);
  });

  it('advises a rank per weight matrix: the smallest keeping the energy asked for', () => {
    const advice = cli(['advise-rank', data, ...TINY, '--pretrain-epochs', '2', '--energy', '0.8', '--json']);
    expect(advice.status).toBe(0);
    const result = JSON.parse(advice.stdout);
    expect(result.threshold).toBe(0.8);
    expect(result.layers).toHaveLength(2);
    for (const layer of result.layers) {
      const r = layer.proposedRank;
      expect(layer.energy[r - 1]).toBeGreaterThanOrEqual(0.8);
      if (r > 1) expect(layer.energy[r - 2]).toBeLessThan(0.8);
    }
    const text = cli(['advise-rank', data, ...TINY, '--pretrain-epochs', '2', '--energy', '0.8']);
    expect(text.stdout).toContain(
      `Suggested flags: --ranks ${result.layers.map((l: { proposedRank: number }) => l.proposedRank).join(',')}`
    );
  });

  it('refuses to compare runs of different datasets, or unknown runs, with one line', () => {
    const other = file('other.csv', table(11));
    const run = cli(['train', other, ...TINY, ...FAST, '--method', 'deterministic', '--json']);
    expect(run.status).toBe(0);
    const otherId = JSON.parse(run.stdout).runId as number;
    for (const result of [cli(['compare', '1', String(otherId)]), cli(['compare', '1', '99'])]) {
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    const mixed = cli(['compare', '1', String(otherId)]).stderr;
    expect(mixed).toContain('different datasets');
    expect(mixed).toContain('sites.csv');
    expect(mixed).toContain('other.csv');
    expect(cli(['compare', '1', '99']).stderr).toContain('Run 99');
  });

  it('prints the usage of every command with --help', () => {
    for (const command of ['train', 'sweep', 'advise-rank', 'compare', 'predict', 'runs', 'show']) {
      const help = sbnn([command, '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout.startsWith(`sbnn ${command} `)).toBe(true);
    }
  });
});
