import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@shared/math/random';
import { sbnn } from '../../support/cli';
import type { CliResult } from '../../support/cli';
import { cliWorkspace } from './cli-workspace';

/**
 * `rows` rows of pid, a, b (numbers), site (A; B for the last quarter of the training table: the
 * out-of-distribution records) and, with `target`, y (yes/no from a + b).
 */
function table(seed: number, rows: number, firstPid: number, target: boolean, ood: boolean): string {
  const next = createRng(seed).next;
  const lines = Array.from({ length: rows }, (_, i) => {
    const site = ood && i >= (rows * 3) / 4 ? 'B' : 'A';
    const a = next() * 4 - 2 + (site === 'B' ? 3 : 0);
    const b = next() * 2 - 1;
    const y = a + b + next() - 0.5 > 0 ? 'yes' : 'no';
    return [firstPid + i, a.toFixed(3), b.toFixed(3), site, ...(target ? [y] : [])].join(',');
  });
  return [target ? 'pid,a,b,site,y' : 'pid,a,b,site', ...lines].join('\n') + '\n';
}

function parseCsv(text: string): Papa.ParseResult<Record<string, string>> {
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
}

/** A refusal: exit code 1, nothing on stdout, one line on stderr without a stack trace. */
function expectOneLineError(result: CliResult, ...parts: string[]): void {
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^Error: /);
  for (const part of parts) expect(result.stderr).toContain(part);
}

interface QueueJson {
  total: number;
  records: {
    split: string;
    rowIndex: number;
    ids: Record<string, string>;
    total: number;
    reasons: string[];
    review: { outcome: string; note: string } | null;
    versions: number;
  }[];
}

const RUN_NAME = 'after-run check';

describe('the CLI after a run: score, review, report, model files', () => {
  let dir: string;
  let newFile: string;
  let cli: (args: string[]) => CliResult;
  let file: (name: string, content: string) => string;

  beforeAll(() => {
    ({ dir, cli, file } = cliWorkspace('sbnn-cli-after-'));
    const data = file('sites.csv', table(3, 160, 1, true, true));
    newFile = file('new.csv', table(11, 30, 900, true, false));
    const trained = cli([
      'train',
      data,
      '--target',
      'y',
      '--ood-where',
      'site=B',
      '--ignore',
      'site',
      '--hidden',
      '8',
      '--rank',
      '2',
      '--epochs',
      '3',
      '--samples',
      '5',
      '--batch',
      '32',
      '--seed',
      '1',
      '--name',
      RUN_NAME,
      '--json'
    ]);
    expect(trained.stderr).not.toMatch(/\n\s+at /);
    expect(JSON.parse(trained.stdout)).toMatchObject({ runId: 1, status: 'finished' });
  });

  it('scores a file: the counts and metrics match the predictions of the same run', () => {
    const scored = cli(['score', '1', newFile, '--json']);
    expect(scored.status).toBe(0);
    const outcome = JSON.parse(scored.stdout);
    const predsPath = join(dir, 'preds.csv');
    expect(cli(['predict', '1', newFile, '--out', predsPath]).status).toBe(0);
    const preds = parseCsv(readFileSync(predsPath, 'utf8')).data;
    const truth = parseCsv(readFileSync(newFile, 'utf8')).data;
    expect(outcome).toMatchObject({ runId: 1, fileName: 'new.csv', scored: 30 });
    expect(outcome.flagged).toBe(preds.filter((p) => p.oodFlag === '1').length);
    const correct = preds.filter((p, i) => p.prediction === truth[i]?.y).length;
    expect(outcome.metrics.accuracy).toBeCloseTo(correct / 30, 12);

    const noTarget = file('unlabelled.csv', table(12, 5, 950, false, false));
    const text = cli(['score', '1', noTarget]);
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n').slice(0, 2)).toEqual([
      expect.stringMatching(
        /^Scored 5 records of unlabelled\.csv with run 1: \d+ flagged out-of-distribution\.$/
      ),
      "  (no metrics: the file has no values of the run's target)"
    ]);
  });

  it('reviews the queue: notes supersede, the audit trail is kept and exported', () => {
    const all = cli(['review', '1', '--refer', '100', '--limit', '5000', '--json']);
    expect(all.status).toBe(0);
    const queue = JSON.parse(all.stdout) as QueueJson;
    // At 100 % every test, OOD and scored record is referred: 30 + 5 scored among them.
    expect(queue.records.filter((r) => r.split === 'scored')).toHaveLength(35);
    expect(queue.records.every((r) => r.reasons.includes('uncertain'))).toBe(true);
    for (let i = 1; i < queue.records.length; i++) {
      expect(queue.records[i]?.total).toBeLessThanOrEqual(queue.records[i - 1]?.total ?? Infinity);
    }
    const scored = queue.records.find((r) => r.split === 'scored' && r.ids.pid === '901');
    const test = queue.records.find((r) => r.split === 'test');
    if (!scored || !test) throw new Error('the queue lacks a scored or a test record');
    expect(scored.ids).toMatchObject({ source_file: 'new.csv', source_row: '2' });
    const scoredRef = `scored:${scored.rowIndex + 1}`;
    const testRef = `test:${test.rowIndex + 1}`;

    const first = cli(['review', '1', '--note', scoredRef, '--outcome', 'wrong', '--text', 'first look']);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(`Noted ${scoredRef} of run 1 as wrong.\n`);
    const second = cli([
      'review',
      '1',
      '--note',
      scoredRef,
      '--outcome',
      'confirmed',
      '--text',
      'after the chart'
    ]);
    expect(second.stdout).toContain('superseding its previous note');
    expect(cli(['review', '1', '--note', testRef, '--outcome', 'follow-up', '--json']).status).toBe(0);

    const history = JSON.parse(cli(['review', '1', '--history', scoredRef, '--json']).stdout);
    expect(history.record).toBe(scoredRef);
    expect(history.history.map((n: { outcome: string }) => n.outcome)).toEqual(['wrong', 'confirmed']);
    expect(history.history[1].supersedesId).toBe(history.history[0].id);
    const historyText = cli(['review', '1', '--history', scoredRef]).stdout;
    expect(historyText).toMatch(/v1 .* wrong\s+first look\n/);
    expect(historyText).toMatch(/v2 .* confirmed \(current\)\s+after the chart\n/);

    const reviewed = JSON.parse(
      cli(['review', '1', '--refer', '100', '--status', 'reviewed', '--json']).stdout
    ) as QueueJson;
    expect(reviewed.total).toBe(2);
    const current = reviewed.records.find((r) => r.split === 'scored');
    expect(current).toMatchObject({ versions: 2, review: { outcome: 'confirmed', note: 'after the chart' } });

    const out = join(dir, 'review.csv');
    const exported = cli(['review', '1', '--refer', '100', '--csv', out]);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain(`to ${out}.`);
    const rows = parseCsv(readFileSync(out, 'utf8')).data;
    expect(rows).toHaveLength(queue.records.length);
    const row = rows.find((r) => r.split === 'scored' && r.pid === '901');
    expect(row).toMatchObject({ outcome: 'confirmed', note: 'after the chart', versions: '2' });
    expect(row?.audit).toMatch(/Prediction wrong: first look \| .*Prediction confirmed: after the chart$/);
    expect(rows.find((r) => r.split === 'test' && r.outcome === 'follow-up')).toBeDefined();

    const text = cli(['review', '1', '--refer', '100', '--status', 'reviewed']);
    expect(text.status).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^Review queue of run 1: 2 reviewed records \(whole queue by reason: ood \d+, wide 0, uncertain \d+; 2 reviewed\)\.$/
    );
    expect(lines[1]).toMatch(/^record\s+ids\s+prediction\s+interval\s+uncertainty\s+reasons\s+outcome$/);
    expect(lines.find((l) => l.startsWith(`${scoredRef} `))).toMatch(/pid=901 .* confirmed \(2 versions\)$/);
    expect(lines.find((l) => l.startsWith(`${testRef} `))).toMatch(/ follow-up$/);
    // At 100 % no test record is kept: the main side gives the retained metric up to 50 %.
    expect(lines.at(-1)).toBe(
      'Retained accuracy is computed for whole percentages from 0 to 50; --refer 100 is not one of them.'
    );
    const tenPercent = cli(['review', '1', '--status', 'pending', '--limit', '1'])
      .stdout.trimEnd()
      .split('\n');
    expect(tenPercent.at(-2)).toMatch(/^Showing 1 of \d+; --limit N shows more/);
    expect(tenPercent.at(-1)).toMatch(
      /^Referring the 10% most uncertain test records: accuracy \d\.\d{4} on the \d+ kept \(\d\.\d{4} with none referred\)\.$/
    );
  });

  it('moves a model to another database, where it predicts the same file identically', () => {
    const modelPath = join(dir, 'model.sbnn-model.json');
    const exported = cli(['export-model', '1', '--out', modelPath]);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain(`Wrote the model of run 1 to ${modelPath}.`);
    const otherDb = join(dir, 'other.sqlite');
    const imported = sbnn(['import-model', modelPath, '--json', '--db', otherDb]);
    expect(imported.status).toBe(0);
    const { runId, name } = JSON.parse(imported.stdout);
    expect(runId).toBe(1);
    expect(name).toContain(RUN_NAME);
    // preds.csv: the original run's predictions of the same file (first test).
    const therePath = join(dir, 'preds-imported.csv');
    const there = sbnn(['predict', String(runId), newFile, '--out', therePath, '--db', otherDb]);
    expect(there.status).toBe(0);
    const here = readFileSync(join(dir, 'preds.csv'), 'utf8');
    expect(parseCsv(here).data).toHaveLength(30);
    expect(readFileSync(therePath, 'utf8')).toBe(here);
  });

  it('writes the report with the run name and says how to make a PDF', () => {
    const out = join(dir, 'report.html');
    const report = cli(['report', '1', '--out', out]);
    expect(report.status).toBe(0);
    expect(report.stdout).toContain('open it in a browser and print it');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain(`<h1>${RUN_NAME}</h1>`);
  });

  it('prints each new command usage, and refuses bad requests in one line', () => {
    for (const command of ['score', 'review', 'report', 'export-model', 'import-model']) {
      const help = sbnn([command, '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^sbnn ${command} `));
    }
    expectOneLineError(cli(['score', '9', newFile]), 'Run 9 does not exist');
    expectOneLineError(
      cli(['review', '1', '--note', 'scored:999', '--outcome', 'wrong']),
      'no scored record'
    );
    expectOneLineError(cli(['review', '1', '--status', 'done']), '--status');
    const missingFolder = join(dir, 'nope', 'report.html');
    expectOneLineError(cli(['report', '1', '--out', missingFolder]), `Cannot write ${missingFolder}`);
    expect(existsSync(missingFolder)).toBe(false);
    const notModel = file('not-a-model.json', '{"format": "something else"}');
    expectOneLineError(cli(['import-model', notModel]), 'not-a-model.json is not an SBNN Studio model file');
  });
});
