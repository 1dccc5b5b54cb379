import type { Spread } from './paper-aggregate';
import { isBetter } from './paper-columns';
import type { Better, PaperColumn } from './paper-columns';
import { PAPER_METHOD_LABELS } from './paper-datasets';
import { formatNumber } from './paper-tables';
import type { MethodRow } from './paper-tables';

/** What a better value is, in words: "a higher OOD AUROC", "interval coverage (PICP) nearer 0.95". */
function betterPhrase(better: Better, name: string): string {
  if (better === 'higher') return `a higher ${name}`;
  if (better === 'lower') return `a lower ${name}`;
  return `${name} nearer ${better.nearest}`;
}

/** The best baseline on a column that beats the low-rank model there, or null. */
function bestRival(
  rows: readonly MethodRow[],
  column: PaperColumn,
  ours: Spread
): { row: MethodRow; value: Spread } | null {
  let best: { row: MethodRow; value: Spread } | null = null;
  for (const row of rows) {
    const value = row.cells[column.key];
    if (row.method === 'sbnn' || !value) continue;
    if (!isBetter(column.better, value.mean, ours.mean)) continue;
    if (!best || isBetter(column.better, value.mean, best.value.mean)) best = { row, value };
  }
  return best;
}

/**
 * Where the low-rank model loses on one dataset, generated from the numbers: for every column on
 * which some baseline does better, the best such baseline with both means ("the deep ensemble (5)
 * has a higher OOD AUROC (0.620 vs 0.550)"). A gap no larger than the larger of the two standard
 * deviations over seeds is said to be within the seed-to-seed spread.
 */
export function whereItLoses(
  dataset: string,
  rows: readonly MethodRow[],
  columns: readonly PaperColumn[]
): string {
  const ours = rows.find((r) => r.method === 'sbnn');
  if (!ours) return `On ${dataset}, the low-rank model has no finished run, so it cannot be compared.`;
  const losses: string[] = [];
  for (const column of columns) {
    const own = ours.cells[column.key];
    if (!own) continue;
    const rival = bestRival(rows, column, own);
    if (!rival) continue;
    const gap = Math.abs(rival.value.mean - own.mean);
    const noisy = gap <= Math.max(rival.value.sd, own.sd) ? ', within the seed-to-seed spread' : '';
    const values = `${formatNumber(rival.value.mean, column.digits)} vs ${formatNumber(own.mean, column.digits)}`;
    losses.push(
      `${PAPER_METHOD_LABELS[rival.row.method]} has ${betterPhrase(column.better, column.name)} (${values}${noisy})`
    );
  }
  if (losses.length === 0)
    return `On ${dataset}, no baseline beats the low-rank model on any of the ${columns.length} columns.`;
  return `On ${dataset}, the low-rank model loses on ${losses.length} of ${columns.length} columns: ${losses.join('; ')}.`;
}
