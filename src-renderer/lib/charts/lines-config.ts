import type { ChartConfiguration } from 'chart.js';
import { SERIES } from './chart-setup';
import { seriesColor } from './series-colors';
import { lineChart } from './chart-options';

export interface XYPoint {
  x: number;
  y: number;
}

export interface Line {
  label: string;
  points: readonly XYPoint[];
  pointRadius?: number | number[];
}

interface Axis {
  min?: number;
  max?: number;
  title: string;
  log?: boolean;
}

/**
 * Lines over two linear axes, one colour per line, and an optional dashed reference segment
 * (the diagonal of perfect calibration, or of a chance-level ROC). Calibration plots, the Compare
 * view's curves and the rank-sweep chart are all drawn with it.
 */
export function linesConfig(options: {
  lines: readonly Line[];
  x: Axis;
  y: Axis;
  reference?: { label: string; from: XYPoint; to: XYPoint };
}): ChartConfiguration {
  const datasets: ChartConfiguration<'line'>['data']['datasets'] = [];
  if (options.reference) {
    datasets.push({
      label: options.reference.label,
      data: [options.reference.from, options.reference.to],
      borderColor: SERIES.grey,
      borderDash: [4, 4],
      borderWidth: 1,
      pointRadius: 0
    });
  }
  options.lines.forEach((line, i) => {
    datasets.push({
      label: line.label,
      data: [...line.points],
      borderColor: seriesColor(i),
      backgroundColor: seriesColor(i),
      borderWidth: 1.8,
      pointRadius: line.pointRadius ?? (line.points.length > 30 ? 0 : 2.5)
    });
  });
  const axis = (a: Axis) => ({
    type: a.log ? ('logarithmic' as const) : ('linear' as const),
    min: a.min,
    max: a.max,
    title: { display: true, text: a.title }
  });
  return lineChart(datasets, { x: axis(options.x), y: axis(options.y) });
}
