import { AppError } from '@shared/contract/errors';
import type { ParsedTable } from '../csv-table';
import { orderSeries } from './series-order';
import type { OrderedTable } from './series-order';
import { parseTimeColumn } from './time-values';
import type { TimeColumn, TimeKind } from './time-values';
import { readNumericColumn, requireColumns } from './series-values';

/** Which columns make a time series: its clock, its series key, its target and extra input channels. */
export interface SeriesColumnsSpec {
  time: string;
  group: string | null;
  target: string;
  features: readonly string[];
}

/** A table read as series: ordered and checked, with the numeric value of every input channel per row. */
export interface SeriesSource {
  table: ParsedTable;
  time: TimeColumn;
  group: string | null;
  ordered: OrderedTable;
  /** Input channel names: the target's own history first, then the features in the given order. */
  channelNames: string[];
  /** channels[c][r]: channel c at data row r; NaN where missing. channels[0] is the target. */
  channels: Float64Array[];
}

function checkFeatures(spec: SeriesColumnsSpec, file: string): void {
  const roles: [string | null, string][] = [
    [spec.target, 'is the target, whose own history is always an input'],
    [spec.time, 'is the time column'],
    [spec.group, 'is the series column']
  ];
  for (const [column, why] of roles) {
    if (column !== null && spec.features.includes(column)) {
      throw new AppError('BAD_DATA', `The feature "${column}" ${why}; remove it from the features.`, {
        file,
        column
      });
    }
  }
  const twice = spec.features.find((f, i) => spec.features.indexOf(f) !== i);
  if (twice !== undefined) {
    throw new AppError('BAD_DATA', `The feature "${twice}" is listed twice; list each feature once.`, {
      file,
      column: twice
    });
  }
}

/**
 * Reads `table` as series: checks that every needed column exists (BAD_DATA naming the missing
 * ones), parses the time column, orders and checks each series (series-order.ts; `step` fixes the
 * step gaps are judged by, e.g. the trained one) and reads the numeric channels. `kind`, when
 * given, is the time kind the file must have (a model trained on dates cannot window numeric steps).
 */
export function loadSeries(
  table: ParsedTable,
  spec: SeriesColumnsSpec,
  options: { step?: number; kind?: TimeKind; purpose?: string } = {}
): SeriesSource {
  checkFeatures(spec, table.fileName);
  const needed = [spec.time, ...(spec.group === null ? [] : [spec.group]), spec.target, ...spec.features];
  requireColumns(table, needed, options.purpose ?? 'that the time-series configuration names');
  const time = parseTimeColumn(table, spec.time);
  if (options.kind !== undefined && time.kind !== options.kind) {
    throw new AppError(
      'BAD_DATA',
      `The time column "${spec.time}" of "${table.fileName}" holds ${time.kind === 'date' ? 'dates' : 'numbers'}, ` +
        `but the model was trained on ${options.kind === 'date' ? 'dates' : 'numeric steps'}. Use a file with the same kind of time column.`,
      { file: table.fileName, column: spec.time }
    );
  }
  const ordered = orderSeries(table, time, spec.group, options.step);
  const channelNames = [spec.target, ...spec.features];
  const channels = channelNames.map((c) => readNumericColumn(table, c));
  return { table, time, group: spec.group, ordered, channelNames, channels };
}
