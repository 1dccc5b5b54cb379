import type {
  ConformalSummary,
  LayerSpectrum,
  PacBayes,
  RetentionPoint,
  RunCost,
  RunDetail
} from '@shared/domain/records';

/** The JSON a script gets for a finished run (train --json, show --json). */
export interface RunReport {
  runId: number;
  name: string;
  status: string;
  backend: string | null;
  task: string | null;
  arch: string;
  method: string;
  positiveClass?: string;
  params: number;
  trainSeconds: number;
  metrics: Record<string, number | null>;
  ood?: Record<string, number>;
  /** The test metric of the retained records at 100%, 95%, ..., 50% retention. */
  selective?: RetentionPoint[];
  conformal?: ConformalSummary;
  pacBayes?: PacBayes;
  cost?: RunCost;
  /** Per weight matrix: its shape, its rank and the spectrum's energy kept at that rank. */
  spectrum?: SpectrumSummary[];
  /** What the run reports about its data (rows left out, gaps, truncated documents). */
  notes: string[];
}

/** One weight matrix's spectrum, reduced to what a script compares across runs (METHOD.md section 7). */
export interface SpectrumSummary {
  layer: string;
  rows: number;
  cols: number;
  rank: number;
  /** sum_{i<=rank} s_i^2 / sum s_i^2; null when the stored spectrum stops before the rank. */
  energyAtRank: number | null;
}

/**
 * The energy retained at the layer's rank. `energy[r - 1]` is the energy at r; a rank at or beyond
 * min(rows, cols) keeps all of it, and a spectrum cut short (at most 256 values are stored) cannot
 * tell the energy at a larger rank.
 */
export function summarizeSpectrum(layer: LayerSpectrum): SpectrumSummary {
  const full = Math.min(layer.rows, layer.cols);
  const complete = layer.energy.length >= full;
  const energyAtRank =
    layer.rank <= layer.energy.length
      ? (layer.energy[layer.rank - 1] ?? null)
      : complete && layer.energy.length > 0
        ? 1
        : null;
  return { layer: layer.layer, rows: layer.rows, cols: layer.cols, rank: layer.rank, energyAtRank };
}

/** The scalar test metrics (lists such as the selective curve are reported on their own). */
export function scalarMetrics(test: object | undefined): Record<string, number | null> {
  const scalars: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(test ?? {})) {
    if (typeof value === 'number' || value === null) scalars[key] = value;
  }
  return scalars;
}

export function runReport(run: Omit<RunDetail, 'epochs'>): RunReport {
  const m = run.metrics;
  const report: RunReport = {
    runId: run.id,
    name: run.name,
    status: run.status,
    backend: run.backend,
    task: run.task,
    arch: run.arch,
    method: run.method,
    params: run.params ?? 0,
    trainSeconds: run.trainSeconds ?? 0,
    metrics: scalarMetrics(m?.test),
    notes: m?.notes ?? []
  };
  if (m?.test.selective) report.selective = m.test.selective;
  if (m?.conformal) report.conformal = m.conformal;
  if (m?.pacBayes) report.pacBayes = m.pacBayes;
  if (m?.cost) report.cost = m.cost;
  if (m?.spectrum) report.spectrum = m.spectrum.map(summarizeSpectrum);
  if (run.task === 'binary' && run.positiveClass !== null) report.positiveClass = run.positiveClass;
  if (run.metrics?.ood) report.ood = { ...run.metrics.ood };
  return report;
}
