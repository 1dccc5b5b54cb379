import { formatCount, formatDuration, formatNumber, formatPercent } from '../format';
import type { ValueFormat } from './compare-rows';

/** One cell of the Compare table, in the unit its row states. */
export function formatValue(value: number | null, format: ValueFormat): string {
  if (value === null) return '—';
  switch (format) {
    case 'percent':
      return formatPercent(value);
    case 'count':
      return formatCount(value);
    case 'duration':
      return formatDuration(value);
    case 'ms':
      return `${formatNumber(value)} ms`;
    case 'mb':
      return `${formatNumber(value)} MB`;
    case 'seconds':
      return `${formatNumber(value)} s`;
    case 'number':
      return formatNumber(value);
  }
}
