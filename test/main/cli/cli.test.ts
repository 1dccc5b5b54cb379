import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { sbnn } from '../../support/cli';
import { GBSG, ROTTERDAM } from '../../support/paths';
import { cliWorkspace } from './cli-workspace';

/** A small, fast configuration of the reference command. */
const SMALL = ['--hidden', '16', '--rank', '4', '--epochs', '4', '--samples', '20', '--batch', '128'];

describe('the sbnn CLI', () => {
  let dir: string;
  let db: string;
  let file: (name: string, content: string) => string;

  beforeAll(() => {
    ({ dir, db, file } = cliWorkspace('sbnn-cli-'));
  });

  it('trains on the Rotterdam table with GBSG as OOD and prints one JSON object', () => {
    const run = sbnn([
      'train',
      ROTTERDAM,
      '--target',
      'event_3y',
      '--ignore',
      'pid',
      '--arch',
      'mlp',
      ...SMALL,
      '--ood-file',
      GBSG,
      '--seed',
      '1',
      '--json',
      '--db',
      db
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0] as string);
    expect(report).toMatchObject({
      runId: 1,
      task: 'binary',
      arch: 'mlp',
      method: 'sbnn',
      positiveClass: 'yes'
    });
    expect(Object.keys(report.metrics)).toEqual(
      expect.arrayContaining(['accuracy', 'auroc', 'brier', 'ece', 'nll'])
    );
    expect(Object.keys(report.ood)).toEqual(expect.arrayContaining(['auprIn', 'auprOut', 'auroc', 'fpr95']));
    expect(report.metrics.accuracy).toBeGreaterThan(0.5);
    expect(report.params).toBeGreaterThan(0);
    expect(typeof report.backend).toBe('string');
  });

  it('gives identical metrics for the same command and seed', () => {
    const args = [
      'train',
      ROTTERDAM,
      '--target',
      'event_3y',
      '--ignore',
      'pid',
      ...SMALL,
      '--seed',
      '7',
      '--json',
      '--db',
      db
    ];
    const first = JSON.parse(sbnn(args).stdout);
    const second = JSON.parse(sbnn(args).stdout);
    expect(second.runId).toBe(first.runId + 1);
    expect(second.metrics).toEqual(first.metrics);
    expect(second.params).toBe(first.params);
  });

  it('lists and shows runs', () => {
    const list = JSON.parse(sbnn(['runs', '--json', '--db', db]).stdout) as Array<{
      id: number;
      status: string;
    }>;
    expect(list.map((r) => r.id).sort()).toEqual([1, 2, 3]);
    expect(list.every((r) => r.status === 'finished')).toBe(true);
    const shown = JSON.parse(sbnn(['show', '1', '--json', '--db', db]).stdout);
    expect(shown.runId).toBe(1);
    expect(shown.epochs.length).toBeGreaterThan(0);
  });

  it('predicts a file row by row, in input order, with the id column carried through', () => {
    const out = join(dir, 'preds.csv');
    const result = sbnn(['predict', '1', GBSG, '--out', out, '--samples', '10', '--json', '--db', db]);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout);
    const input = Papa.parse<Record<string, string>>(readFileSync(GBSG, 'utf8'), {
      header: true,
      skipEmptyLines: true
    }).data;
    expect(summary.rows).toBe(input.length);
    expect(Object.keys(summary.metrics)).toEqual(
      expect.arrayContaining(['accuracy', 'auroc', 'brier', 'ece', 'nll'])
    );
    const output = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), {
      header: true,
      skipEmptyLines: true
    });
    expect(output.meta.fields).toEqual([
      'pid',
      'prediction',
      'probability',
      'lower',
      'upper',
      'epistemic',
      'total',
      'oodScore',
      'oodFlag',
      'imputed'
    ]);
    expect(output.data.map((r) => r.pid)).toEqual(input.map((r) => r.pid));
    for (const row of output.data) {
      const p = Number(row.probability);
      expect(Number(row.lower)).toBeLessThanOrEqual(p + 1e-9);
      expect(Number(row.upper)).toBeGreaterThanOrEqual(p - 1e-9);
      expect(['yes', 'no']).toContain(row.prediction);
    }
  });

  it('fails with one line and exit code 1 on bad input, leaving the runs untouched', () => {
    const before = sbnn(['runs', '--json', '--db', db]).stdout;
    const missingFile = sbnn(['train', join(dir, 'nope.csv'), '--target', 'y', '--db', db]);
    const badTarget = sbnn(['train', ROTTERDAM, '--target', 'survival', '--db', db]);
    const empty = file('empty.csv', '');
    const emptyFile = sbnn(['train', empty, '--target', 'y', '--db', db]);
    const badOption = sbnn(['train', ROTTERDAM, '--target', 'event_3y', '--epochs', 'many', '--db', db]);
    for (const result of [missingFile, badTarget, emptyFile, badOption]) {
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^Error: /);
    }
    expect(missingFile.stderr).toContain('nope.csv');
    expect(badTarget.stderr).toContain('survival');
    expect(badTarget.stderr).toContain('event_3y');
    expect(badOption.stderr).toContain('--epochs');
    expect(sbnn(['runs', '--json', '--db', db]).stdout).toBe(before);
  });
});
