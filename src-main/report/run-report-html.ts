import type { DatasetSummary, RecordPrediction, RunCurves, RunDetail } from '@shared/domain/records';
import { escapeXml, histogramChart, lineChart } from './svg-chart';
import type { ChartOptions, Series } from './svg-chart';

export interface ReportInput {
  run: RunDetail;
  dataset: DatasetSummary | null;
  oodDataset: DatasetSummary | null;
  /** The run's test and OOD records. */
  records: RecordPrediction[];
  curves: RunCurves;
  appVersion: string;
  generatedAt: string;
}

const BLUE = '#1f5fa8';
const ORANGE = '#c8601a';
const GREY = '#888';

function fmt(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined) return '—';
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1e4
    ? Math.round(v).toLocaleString('en-US')
    : String(Number(v.toPrecision(digits + 1)));
}

function table(rows: Array<[string, string]>): string {
  return `<table>${rows.map(([k, v]) => `<tr><th>${escapeXml(k)}</th><td>${escapeXml(v)}</td></tr>`).join('')}</table>`;
}

function section(title: string, body: string): string {
  return `<section><h2>${escapeXml(title)}</h2>${body}</section>`;
}

/** Scalar metrics of an object (lists, like the selective curve, are left to the plots). */
function metricRows(metrics: object | null | undefined, prefix = ''): Array<[string, string]> {
  return Object.entries(metrics ?? {})
    .filter(([, v]) => typeof v === 'number' || v === null)
    .map(([k, v]) => [`${prefix}${k}`, fmt(v as number | null)]);
}

function configurationRows(run: RunDetail): Array<[string, string]> {
  const c = run.config;
  const network =
    c.arch === 'mlp'
      ? `MLP hidden ${c.hidden.join(' x ')}, ranks ${c.ranks?.join('/') ?? c.rank}`
      : c.arch === 'lstm'
        ? `LSTM ${c.lstm.layers} x ${c.lstm.hidden}, ranks ih ${c.lstm.rankIh} / hh ${c.lstm.rankHh}, window ${c.series?.window ?? ''}`
        : `Transformer d ${c.transformer.dModel}, ${c.transformer.layers} layers, ${c.transformer.heads} heads, rank ${c.transformer.rank}`;
  const prior =
    c.prior.kind === 'gaussian'
      ? `Gaussian, sigma ${fmt(c.prior.sigma)}`
      : `scale mixture pi ${fmt(c.prior.pi)}, sigma1 ${fmt(c.prior.sigma1)}, sigma2 ${fmt(c.prior.sigma2)}`;
  return [
    ['Target', `${c.target} (${run.task ?? '—'})`],
    ['Method', c.method === 'ensemble' ? `ensemble of ${c.members}` : c.method],
    ['Network', network],
    ['Parameters (every mu and rho)', fmt(run.params, 6)],
    ['Prior', prior],
    ['KL weight beta', fmt(c.beta)],
    ['Epochs (best)', `${c.epochs} (${run.bestEpoch ?? '—'})`],
    ['Learning rate, batch', `${c.lr}, ${c.batchSize}`],
    ['Prediction samples S', String(c.samples)],
    ['Interval level / conformal level', `${c.intervalLevel} / ${c.conformalLevel}`],
    ['OOD false-alarm rate', String(c.oodFalseAlarmRate)]
  ];
}

/**
 * An observed curve over [`from`, `to`], the dashed grey line a perfect model would follow (the
 * ideal reliability, the nominal coverage, a chance-level detector).
 */
function curveAgainstLine(
  observed: Pick<Series, 'label' | 'points'>,
  line: { label: string; from: [number, number]; to: [number, number] },
  options: ChartOptions
): string {
  return lineChart(
    [
      { ...observed, color: BLUE },
      { label: line.label, color: GREY, dashed: true, points: [line.from, line.to] }
    ],
    options
  );
}

/** Both axes over [0, 1]: probabilities and rates. */
const UNIT_SQUARE = { xRange: [0, 1], yRange: [0, 1] } satisfies Partial<ChartOptions>;

function plots(input: ReportInput): string {
  const { run, curves, records } = input;
  const charts: string[] = [];
  if (run.epochs.length > 0) {
    charts.push(
      lineChart(
        [
          { label: 'training loss', color: BLUE, points: run.epochs.map((e) => [e.epoch, e.loss]) },
          { label: 'validation loss', color: ORANGE, points: run.epochs.map((e) => [e.epoch, e.valLoss]) }
        ],
        { title: 'Training', xLabel: 'epoch', yLabel: 'loss' }
      )
    );
  }
  if (curves.reliability && curves.reliability.length > 0) {
    charts.push(
      curveAgainstLine(
        {
          label: 'observed',
          points: curves.reliability.filter((b) => b.count > 0).map((b) => [b.confidence, b.accuracy])
        },
        { label: 'ideal', from: [0, 0], to: [1, 1] },
        { title: 'Reliability (test)', xLabel: 'confidence', yLabel: 'accuracy', ...UNIT_SQUARE }
      )
    );
  }
  if (curves.coverageByLevel) {
    charts.push(
      curveAgainstLine(
        { label: 'observed', points: curves.coverageByLevel.map((c) => [c.nominal, c.observed]) },
        { label: 'nominal', from: [0.5, 0.5], to: [0.99, 0.99] },
        {
          title: 'Interval coverage (test)',
          xLabel: 'nominal level',
          yLabel: 'observed',
          ...UNIT_SQUARE,
          xRange: [0.5, 1]
        }
      )
    );
  }
  if (curves.oodRoc) {
    const roc = curves.oodRoc;
    charts.push(
      curveAgainstLine(
        { label: 'OOD detection', points: roc.fpr.map((f, i) => [f, roc.tpr[i] ?? 0]) },
        { label: 'chance', from: [0, 0], to: [1, 1] },
        { title: 'OOD ROC', xLabel: 'false-positive rate', yLabel: 'true-positive rate', ...UNIT_SQUARE }
      )
    );
    charts.push(
      histogramChart(
        [
          {
            label: 'test',
            color: BLUE,
            values: records.filter((r) => r.split === 'test').map((r) => r.oodScore)
          },
          {
            label: 'OOD',
            color: ORANGE,
            values: records.filter((r) => r.split === 'ood').map((r) => r.oodScore)
          }
        ],
        { title: 'OOD score', xLabel: 'score', yLabel: 'share of records' }
      )
    );
  }
  return `<div class="charts">${charts.join('')}</div>`;
}

const STYLE = `body{font:13px/1.4 system-ui,sans-serif;color:#222;margin:24px;max-width:1000px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:18px 0 6px;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:0 0 8px}th,td{text-align:left;padding:2px 10px 2px 0;vertical-align:top}
th{font-weight:600;color:#444}.charts{display:flex;flex-wrap:wrap;gap:8px}.t{font-size:12px;font-weight:600}
.k{font-size:10px;fill:#444}.g{stroke:#e6e6e6}.f{fill:none;stroke:#999}.cols{display:flex;gap:32px;flex-wrap:wrap}
.muted{color:#666}ul{margin:4px 0 0 18px;padding:0}@media print{body{margin:0}section{break-inside:avoid}}`;

/**
 * One printable page about a run: data, configuration, metrics, the key plots, flagged counts and
 * the environment (backend, app version, seed, data hash). Static HTML with inline SVG and no
 * script; every value from the user's data is escaped.
 */
export function runReportHtml(input: ReportInput): string {
  const { run, dataset, oodDataset, records } = input;
  const m = run.metrics;
  const test = records.filter((r) => r.split === 'test');
  const ood = records.filter((r) => r.split === 'ood');
  const flagged = (rs: RecordPrediction[]) => rs.filter((r) => r.oodFlag).length;
  const data = table([
    ['Dataset', dataset ? `${dataset.name} (${dataset.fileName})` : `#${run.datasetId}`],
    ['Rows, columns', dataset ? `${dataset.rowCount}, ${dataset.columnCount}` : '—'],
    ['OOD dataset', oodDataset ? `${oodDataset.name} (${oodDataset.fileName})` : '—'],
    [
      'Records: train / validation / test / OOD',
      m ? `${m.counts.train} / ${m.counts.validation} / ${m.counts.test} / ${m.counts.ood}` : '—'
    ],
    ['Data hash (SHA-256)', run.dataHash ?? '—']
  ]);
  const metricTable = table([
    ...metricRows(m?.test),
    ...metricRows(m?.ood, 'OOD '),
    ...(m?.conformal
      ? ([[`conformal coverage (nominal ${m.conformal.level})`, fmt(m.conformal.coverage)]] as Array<
          [string, string]
        >)
      : []),
    ...(m?.pacBayes
      ? ([
          ['PAC-Bayes bound (delta ' + String(m.pacBayes.delta) + ')', fmt(m.pacBayes.bound)],
          [
            '  empirical risk, KL (nats), n',
            `${fmt(m.pacBayes.empiricalRisk)}, ${fmt(m.pacBayes.kl, 6)}, ${m.pacBayes.n}`
          ],
          ['  loss', m.pacBayes.loss]
        ] as Array<[string, string]>)
      : [])
  ]);
  const flags = table([
    ['Test records flagged OOD', `${flagged(test)} of ${test.length}`],
    ['OOD records flagged', `${flagged(ood)} of ${ood.length}`],
    ['OOD threshold', fmt(m?.oodThreshold)]
  ]);
  const environment = table([
    ['Backend', run.backend ?? '—'],
    ['App version (training / report)', `${run.appVersion} / ${input.appVersion}`],
    ['Seed', String(run.seed)],
    ['Training time', run.trainSeconds !== null ? `${fmt(run.trainSeconds)} s` : '—'],
    [
      'ms per step, peak memory',
      m?.cost ? `${fmt(m.cost.msPerStep)} ms, ${fmt(m.cost.peakMemoryMB)} MB` : '—'
    ],
    ['Created, finished', `${run.createdAt}, ${run.finishedAt ?? '—'}`],
    ['Report generated', input.generatedAt]
  ]);
  const notes =
    m?.notes && m.notes.length > 0
      ? section('Notes on the data', `<ul>${m.notes.map((n) => `<li>${escapeXml(n)}</li>`).join('')}</ul>`)
      : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(run.name)} — SBNN Studio report</title><style>${STYLE}</style></head><body>
<h1>${escapeXml(run.name)}</h1><div class="muted">Run ${run.id} · ${escapeXml(run.status)} · SBNN Studio</div>
<div class="cols">${section('Data', data)}${section('Configuration', table(configurationRows(run)))}</div>
<div class="cols">${section('Metrics (test)', metricTable)}${section('Flagged records', flags)}${section('Environment', environment)}</div>
${section('Plots', plots(input))}${notes}</body></html>`;
}
