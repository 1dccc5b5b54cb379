import type { RunDetail } from '@shared/domain/records';

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
  /** What the run reports about its data (rows left out, gaps, truncated documents). */
  notes: string[];
}

export function runReport(run: Omit<RunDetail, 'epochs'>): RunReport {
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
    metrics: { ...(run.metrics?.test ?? {}) },
    notes: run.metrics?.notes ?? []
  };
  if (run.task === 'binary' && run.positiveClass !== null) report.positiveClass = run.positiveClass;
  if (run.metrics?.ood) report.ood = { ...run.metrics.ood };
  return report;
}
