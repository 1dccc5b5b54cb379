import type { ChartConfiguration } from 'chart.js';
import type { ReliabilityBin } from '../analysis/reliability';
import type { SharedHistogram } from '../analysis/histogram';
import { formatNumber } from '../format';
import { linesConfig } from './lines-config';
import { FIT_TO_CONTAINER, LEGEND_BELOW } from './chart-options';

/**
 * A calibration plot: the model's points against the diagonal of perfect calibration, over
 * [xMin, 1] x [0, 1]. Shared by the reliability diagram and the interval coverage chart.
 */
export function calibrationConfig(options: {
  points: { x: number; y: number }[];
  pointRadius: number | number[];
  xMin: number;
  xTitle: string;
  yTitle: string;
}): ChartConfiguration {
  return linesConfig({
    lines: [{ label: 'model (test records)', points: options.points, pointRadius: options.pointRadius }],
    x: { min: options.xMin, max: 1, title: options.xTitle },
    y: { min: 0, max: 1, title: options.yTitle },
    reference: {
      label: 'perfect calibration',
      from: { x: options.xMin, y: options.xMin },
      to: { x: 1, y: 1 }
    }
  });
}

/** Observed frequency against mean stated probability per bin, with the diagonal of perfect calibration. */
export function reliabilityConfig(bins: readonly ReliabilityBin[]): ChartConfiguration {
  const filled = bins.filter((b) => b.count > 0);
  return calibrationConfig({
    points: filled.map((b) => ({ x: b.meanPredicted ?? 0, y: b.observed ?? 0 })),
    pointRadius: filled.map((b) => Math.min(7, 2 + Math.sqrt(b.count) / 3)),
    xMin: 0,
    xTitle: 'predicted probability',
    yTitle: 'observed frequency'
  });
}

/**
 * In-distribution test vs OOD score histograms as densities (fractions of each group), so a
 * small OOD set is comparable with a large test set.
 */
export function scoreHistogramConfig(histogram: SharedHistogram): ChartConfiguration {
  const [inDist = [], ood = []] = histogram.counts;
  const fraction = (row: number[]): number[] => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((c) => (total > 0 ? c / total : 0));
  };
  const labels = histogram.edges.slice(0, -1).map((lo, i) => {
    const hi = histogram.edges[i + 1] ?? lo;
    const last = i === histogram.edges.length - 2;
    return last && histogram.clipped ? `≥ ${formatNumber(lo, 2)}` : formatNumber((lo + hi) / 2, 2);
  });
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          label: 'test (in-distribution)',
          data: fraction(inDist),
          backgroundColor: 'rgba(0, 114, 178, 0.7)'
        },
        { label: 'OOD', data: fraction(ood), backgroundColor: 'rgba(138, 63, 252, 0.65)' }
      ]
    },
    options: {
      ...FIT_TO_CONTAINER,
      plugins: { legend: LEGEND_BELOW },
      scales: {
        x: {
          title: { display: true, text: 'OOD score (bin centre)' },
          ticks: { maxRotation: 0, autoSkip: true }
        },
        y: { title: { display: true, text: 'fraction of records' }, beginAtZero: true }
      }
    }
  };
}
