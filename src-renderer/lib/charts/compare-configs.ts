import type { ChartConfiguration } from 'chart.js';
import type { RunCurves } from '@shared/domain/records';
import type { SweepPoint } from '../compare/sweep-groups';
import { SERIES } from './chart-setup';
import { linesConfig } from './lines-config';
import type { Line, XYPoint } from './lines-config';
import { FIT_TO_CONTAINER, LEGEND_BELOW } from './chart-options';

/** A compared run's curves with the name its line carries in the legend. */
export interface LabelledCurves {
  label: string;
  curves: RunCurves;
}

const zip = (xs: readonly number[], ys: readonly number[]): XYPoint[] =>
  xs.map((x, i) => ({ x, y: ys[i] ?? 0 }));

/** Lines of the runs that have the curve; `pick` returns null for a run without it. */
function linesOf(runs: readonly LabelledCurves[], pick: (c: RunCurves) => XYPoint[] | null): Line[] {
  const lines: Line[] = [];
  for (const run of runs) {
    const points = pick(run.curves);
    if (points && points.length > 0) lines.push({ label: run.label, points });
  }
  return lines;
}

export function hasLines(runs: readonly LabelledCurves[], pick: (c: RunCurves) => unknown): boolean {
  return runs.some((r) => pick(r.curves) !== null);
}

/** ROC of the OOD score (OOD positive), one line per run, with the chance diagonal. */
export function oodRocConfig(runs: readonly LabelledCurves[]): ChartConfiguration {
  return linesConfig({
    lines: linesOf(runs, (c) => (c.oodRoc ? zip(c.oodRoc.fpr, c.oodRoc.tpr) : null)),
    x: { min: 0, max: 1, title: 'false positive rate' },
    y: { min: 0, max: 1, title: 'true positive rate (OOD found)' },
    reference: { label: 'chance', from: { x: 0, y: 0 }, to: { x: 1, y: 1 } }
  });
}

/** Precision-recall of the OOD score (OOD positive), one line per run. */
export function oodPrConfig(runs: readonly LabelledCurves[]): ChartConfiguration {
  return linesConfig({
    lines: linesOf(runs, (c) => (c.oodPr ? zip(c.oodPr.recall, c.oodPr.precision) : null)),
    x: { min: 0, max: 1, title: 'recall (OOD found)' },
    y: { min: 0, max: 1, title: 'precision' }
  });
}

/** Reliability of the predicted class's confidence, filled bins only, with the diagonal. */
export function compareReliabilityConfig(runs: readonly LabelledCurves[]): ChartConfiguration {
  return linesConfig({
    lines: linesOf(
      runs,
      (c) =>
        c.reliability?.filter((b) => b.count > 0).map((b) => ({ x: b.confidence, y: b.accuracy })) ?? null
    ),
    x: { min: 0, max: 1, title: 'confidence of the predicted class' },
    y: { min: 0, max: 1, title: 'accuracy' },
    reference: { label: 'perfect calibration', from: { x: 0, y: 0 }, to: { x: 1, y: 1 } }
  });
}

/** Risk of the retained records against the fraction retained (records deferred by uncertainty). */
export function riskCoverageConfig(runs: readonly LabelledCurves[], riskTitle: string): ChartConfiguration {
  return linesConfig({
    lines: linesOf(runs, (c) => zip(c.riskCoverage.coverage, c.riskCoverage.risk)),
    x: { min: 0, max: 1, title: 'fraction of records retained' },
    y: { min: 0, title: riskTitle }
  });
}

/** Regression: observed coverage of the central interval at nominal 50-99%, with the diagonal. */
export function coverageByLevelConfig(runs: readonly LabelledCurves[]): ChartConfiguration {
  return linesConfig({
    lines: linesOf(runs, (c) => c.coverageByLevel?.map((p) => ({ x: p.nominal, y: p.observed })) ?? null),
    x: { min: 0.5, max: 1, title: 'nominal coverage' },
    y: { min: 0, max: 1, title: 'observed coverage' },
    reference: { label: 'perfect calibration', from: { x: 0.5, y: 0.5 }, to: { x: 1, y: 1 } }
  });
}

/**
 * The rank sweep (METHOD.md section 7: "plot the bound against r"): PAC-Bayes bound, OOD AUROC
 * and NLL on the left axis, parameters on the right, against r on a log-2 axis.
 */
export function sweepConfig(points: readonly SweepPoint[]): ChartConfiguration {
  const series = (label: string, color: string, pick: (p: SweepPoint) => number | null, axis: string) => ({
    label,
    data: points.flatMap((p) => {
      const y = pick(p);
      return y === null ? [] : [{ x: p.rank, y }];
    }),
    borderColor: color,
    backgroundColor: color,
    borderWidth: 1.8,
    pointRadius: 3,
    yAxisID: axis
  });
  return {
    type: 'line',
    data: {
      datasets: [
        series('PAC-Bayes bound', SERIES.blue, (p) => p.bound, 'y'),
        series('OOD AUROC', SERIES.green, (p) => p.oodAuroc, 'y'),
        series('test NLL', SERIES.orange, (p) => p.nll, 'y'),
        { ...series('parameters', SERIES.purple, (p) => p.params, 'params'), borderDash: [5, 3] }
      ]
    },
    options: {
      ...FIT_TO_CONTAINER,
      interaction: { mode: 'nearest', intersect: false },
      plugins: { legend: LEGEND_BELOW },
      scales: {
        x: {
          type: 'logarithmic',
          title: { display: true, text: 'rank r' },
          // Only the swept ranks are ticked, each labelled (a log axis labels only some values).
          ticks: { callback: (value) => String(value) },
          afterBuildTicks: (scale) => {
            scale.ticks = points.map((p) => ({ value: p.rank }));
          }
        },
        y: { type: 'linear', beginAtZero: true, title: { display: true, text: 'bound · AUROC · NLL' } },
        params: {
          type: 'linear',
          position: 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          title: { display: true, text: 'parameters' }
        }
      }
    }
  };
}
