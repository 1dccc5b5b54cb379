import { describe, expect, it } from 'vitest';
import { TrainConfigSchema } from '@shared/domain/config';
import type { RunCurves, RunDetail } from '@shared/domain/records';
import { runReportHtml } from '../../../src-main/report/run-report-html';
import { ticks } from '../../../src-main/report/svg-chart';
import { prediction } from '../storage/storage-fixtures';

const run: RunDetail = {
  id: 7,
  name: 'Cohort <script>alert(1)</script> & co',
  datasetId: 1,
  datasetName: 'rotterdam',
  status: 'finished',
  task: 'binary',
  arch: 'mlp',
  method: 'sbnn',
  backend: 'WebAssembly (SIMD, 1 thread)',
  params: 13_600,
  createdAt: '2026-11-26T10:00:00.000Z',
  finishedAt: '2026-11-26T10:01:00.000Z',
  trainSeconds: 35.2,
  error: null,
  metrics: {
    test: { accuracy: 0.712, nll: 0.561, brier: 0.19, ece: 0.041, auroc: 0.726 },
    ood: { auroc: 0.533, auprIn: 0.6, auprOut: 0.4, fpr95: 0.9 },
    oodThreshold: 0.02,
    counts: { train: 2065, validation: 442, test: 443, ood: 686 },
    notes: ['3 rows had "<b>" in a number column'],
    pacBayes: {
      kl: 1234.5,
      empiricalRisk: 0.3,
      n: 2065,
      delta: 0.05,
      bound: 0.85,
      loss: '0-1 loss',
      bayesianParams: 13_600
    }
  },
  config: TrainConfigSchema.parse({ datasetId: 1, target: 'event_3y', seed: 5 }),
  seed: 5,
  dataHash: 'abc123',
  appVersion: '1.0.0',
  positiveClass: '1',
  classes: ['0', '1'],
  epochs: [
    {
      epoch: 1,
      loss: 0.9,
      nll: 0.8,
      kl: 10,
      klWeight: 0,
      valLoss: 0.85,
      valNll: 0.8,
      valMetric: 0.6,
      seconds: 1
    },
    {
      epoch: 2,
      loss: 0.7,
      nll: 0.6,
      kl: 9,
      klWeight: 0.001,
      valLoss: 0.75,
      valNll: 0.7,
      valMetric: 0.7,
      seconds: 1
    }
  ],
  bestEpoch: 2,
  checkpointEpoch: null
};

const curves: RunCurves = {
  runId: 7,
  oodRoc: { fpr: [0, 0.5, 1], tpr: [0, 0.7, 1] },
  oodPr: { recall: [0, 1], precision: [1, 0.5] },
  reliability: [{ confidence: 0.7, accuracy: 0.65, count: 10 }],
  riskCoverage: { coverage: [0.5, 1], risk: [0.1, 0.3] },
  coverageByLevel: null
};

describe('runReportHtml', () => {
  const html = runReportHtml({
    run,
    dataset: {
      id: 1,
      name: 'rotterdam',
      fileName: 'breast-cancer-rotterdam.csv',
      rowCount: 2982,
      columnCount: 12,
      hash: 'abc123',
      createdAt: '',
      sampleId: 'rotterdam'
    },
    oodDataset: null,
    records: [
      prediction('test', 0, { oodFlag: true }),
      prediction('test', 1),
      prediction('ood', 0, { oodFlag: true }),
      prediction('ood', 1, { oodFlag: true })
    ],
    curves,
    appVersion: '1.1.0',
    generatedAt: '2026-11-26T11:00:00.000Z'
  });

  it('escapes every value from the user and contains no script', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Cohort &#60;script&#62;alert(1)&#60;/script&#62; &#38; co');
    expect(html).toContain('3 rows had &#34;&#60;b&#62;&#34; in a number column');
  });

  it('states data, configuration, metrics, flagged counts and the environment', () => {
    for (const text of [
      'breast-cancer-rotterdam.csv',
      '2065 / 442 / 443 / 686',
      'event_3y (binary)',
      'scale mixture pi 0.5',
      'auroc</th><td>0.726',
      'OOD auroc</th><td>0.533',
      'PAC-Bayes bound (delta 0.05)</th><td>0.85',
      '1 of 2', // test records flagged
      '2 of 2', // OOD records flagged
      'WebAssembly (SIMD, 1 thread)',
      '1.0.0 / 1.1.0',
      'Seed</th><td>5',
      'abc123'
    ]) {
      expect(html).toContain(text);
    }
  });

  it('draws the training, reliability, OOD ROC and OOD score charts as inline SVG', () => {
    expect(html.match(/<svg /g)).toHaveLength(4);
    for (const title of ['Training', 'Reliability (test)', 'OOD ROC', 'OOD score']) {
      expect(html).toContain(`aria-label="${title}"`);
    }
  });
});

describe('ticks', () => {
  it('gives round steps covering the range', () => {
    expect(ticks(0, 1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(ticks(0.3, 0.95)).toEqual([0.4, 0.6, 0.8]);
    expect(ticks(1, 100)).toEqual([25, 50, 75, 100]);
  });
});
