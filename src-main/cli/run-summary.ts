import type { ConformalSummary, PacBayes, RunCost } from '@shared/domain/records';
import type { RunReport } from './run-report';

/** A metric as the CLI prints it: four decimals, or n/a when the run could not compute it. */
export function formatMetric(value: number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : value.toFixed(4);
}

/** McAllester's bound with what it was computed from (METHOD.md section 7). */
export function formatPacBayes(p: PacBayes): string {
  return `PAC-Bayes bound ${p.bound.toFixed(2)} (KL ${Math.round(p.kl)} nats, n ${p.n}, delta ${p.delta}, loss: ${p.loss})`;
}

/** The split-conformal level, the coverage it reached on test and the size of what it produced. */
export function formatConformal(c: ConformalSummary): string {
  const percent = `${Math.round(c.level * 100)}%`;
  const size =
    c.kind === 'interval'
      ? c.meanWidth !== undefined
        ? `, mean width ${Number(c.meanWidth.toPrecision(4))}`
        : ''
      : c.meanSetSize !== undefined
        ? `, mean set size ${c.meanSetSize.toFixed(2)}`
        : '';
  const what = c.kind === 'interval' ? 'intervals' : 'sets';
  return `conformal ${percent} ${what}: coverage ${c.coverage.toFixed(3)} on test${size} (calibrated on ${c.calibrationCount} records)`;
}

export function formatCost(c: RunCost): string {
  return `cost ${c.msPerStep.toFixed(1)} ms/step, peak ${Math.round(c.peakMemoryMB)} MB, prediction ${c.predictSeconds.toFixed(1)} s (${c.samples} samples)`;
}

/**
 * What train and show print about a run, after their own first line: the method and size, the
 * test and OOD metrics, conformal coverage, the PAC-Bayes bound, the cost and the data notes.
 */
export function runReportLines(report: RunReport): string[] {
  const keys = [...Object.keys(report.metrics), ...Object.keys(report.ood ?? {})];
  const width = Math.max(9, ...keys.map((k) => k.length));
  const lines = [`  ${report.method} (${report.arch}), ${report.params} parameters`];
  for (const [key, value] of Object.entries(report.metrics))
    lines.push(`  test ${key.padEnd(width)} ${formatMetric(value)}`);
  for (const [key, value] of Object.entries(report.ood ?? {}))
    lines.push(`  ood  ${key.padEnd(width)} ${formatMetric(value)}`);
  if (report.conformal) lines.push(`  ${formatConformal(report.conformal)}`);
  if (report.pacBayes) lines.push(`  ${formatPacBayes(report.pacBayes)}`);
  if (report.cost) lines.push(`  ${formatCost(report.cost)}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  return lines;
}
