import { mean } from '@shared/metrics/check';
import type { RunReport } from '../cli/run-report';
import type { PaperColumn } from './paper-columns';

/** A number over seeds: mean, sample standard deviation (n - 1; 0 for one seed) and how many. */
export interface Spread {
  mean: number;
  sd: number;
  n: number;
}

/** The spread of the finite values; null when there is none (no run reported the number). */
export function spread(values: readonly (number | null)[]): Spread | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return null;
  const m = mean(xs);
  const squares = xs.reduce((sum, x) => sum + (x - m) ** 2, 0);
  return { mean: m, sd: xs.length > 1 ? Math.sqrt(squares / (xs.length - 1)) : 0, n: xs.length };
}

/** Every column's spread over the finished runs of one method (a failed run has no numbers). */
export function aggregateColumns(
  reports: readonly RunReport[],
  columns: readonly PaperColumn[]
): Record<string, Spread | null> {
  const finished = reports.filter((r) => r.status === 'finished');
  return Object.fromEntries(columns.map((c) => [c.key, spread(finished.map((r) => c.value(r)))]));
}
