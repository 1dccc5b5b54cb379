import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ClassificationMetrics } from '@shared/domain/records';
import { binaryProbs, brierBinary, nll } from '@shared/metrics/classification';
import { auroc } from '@shared/metrics/ranking';
import { evaluateSplit } from '../../../src-main/pipeline/evaluate-split';
import { classificationSplit } from './scored-split-fixtures';

/*
 * A predictions file the app wrote (`predict --out`, binary run, probability = P(positive)) and
 * scikit-learn's AUROC, Brier and log loss on its numbers, from test/fixtures/metrics/predict-out/generate.py.
 */
const FOLDER = join(__dirname, '../../fixtures/metrics/predict-out');
const sklearn = JSON.parse(readFileSync(join(FOLDER, 'reference.json'), 'utf8')) as {
  labels: number[];
  auroc: number;
  brier: number;
  nll: number;
};
const rows = Papa.parse<Record<string, string>>(readFileSync(join(FOLDER, 'preds.csv'), 'utf8'), {
  header: true,
  skipEmptyLines: true
}).data;
const probability = rows.map((r) => Number(r.probability));

describe('metrics of a predict --out file equal scikit-learn on the same numbers', () => {
  it('reads every row of the file', () => {
    expect(rows).toHaveLength(sklearn.labels.length);
    expect(probability.every((p) => p >= 0 && p <= 1)).toBe(true);
  });

  it('AUROC, Brier and NLL agree to 1e-6', () => {
    expect(Math.abs(auroc(probability, sklearn.labels) - sklearn.auroc)).toBeLessThan(1e-6);
    expect(Math.abs(brierBinary(probability, sklearn.labels) - sklearn.brier)).toBeLessThan(1e-6);
    expect(Math.abs(nll(binaryProbs(probability), sklearn.labels) - sklearn.nll)).toBeLessThan(1e-6);
  });

  it('so do the metrics evaluateSplit reports for the same records', () => {
    const scored = classificationSplit(
      binaryProbs(probability),
      sklearn.labels,
      rows.map((r) => Number(r.total))
    );
    const m = evaluateSplit(scored, 0.95) as ClassificationMetrics;
    expect(Math.abs((m.auroc ?? Number.NaN) - sklearn.auroc)).toBeLessThan(1e-6);
    expect(Math.abs(m.brier - sklearn.brier)).toBeLessThan(1e-6);
    expect(Math.abs(m.nll - sklearn.nll)).toBeLessThan(1e-6);
  });
});
