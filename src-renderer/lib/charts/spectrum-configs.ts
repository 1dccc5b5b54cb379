import type { ChartConfiguration } from 'chart.js';
import { formatPercent } from '../format';
import { seriesColor } from './series-colors';
import { FIT_TO_CONTAINER, LEGEND_BELOW, lineChart } from './chart-options';

/** One layer's energy curve: energy[r - 1] is the share of sum s_i^2 kept at rank r. */
export interface EnergyCurve {
  layer: string;
  energy: readonly number[];
}

/**
 * Energy retained against rank, one line per layer (Eckart-Young-Mirsky, METHOD.md section 7),
 * with an optional horizontal threshold (the advisor's target share).
 */
export function energyConfig(curves: readonly EnergyCurve[], threshold: number | null): ChartConfiguration {
  const longest = Math.max(1, ...curves.map((c) => c.energy.length));
  const datasets: ChartConfiguration<'line'>['data']['datasets'] = curves.map((c, i) => ({
    label: c.layer,
    data: c.energy.map((e, r) => ({ x: r + 1, y: e })),
    borderColor: seriesColor(i),
    backgroundColor: seriesColor(i),
    borderWidth: 1.6,
    pointRadius: c.energy.length > 40 ? 0 : 2
  }));
  if (threshold !== null) {
    datasets.push({
      label: `${formatPercent(threshold, 0)} of the energy`,
      data: [
        { x: 1, y: threshold },
        { x: longest, y: threshold }
      ],
      borderColor: '#7a8591',
      borderDash: [4, 4],
      borderWidth: 1,
      pointRadius: 0
    });
  }
  return lineChart(datasets, {
    x: { type: 'linear', min: 1, max: longest, title: { display: true, text: 'rank r' } },
    y: { type: 'linear', min: 0, max: 1, title: { display: true, text: 'energy retained' } }
  });
}

/** Singular values of one layer, largest first, on a log scale. */
export function singularValuesConfig(
  layer: string,
  values: readonly number[],
  rank: number
): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: values.map((_, i) => i + 1),
      datasets: [
        {
          label: `${layer}: singular values (rank ${rank} marked)`,
          data: [...values],
          backgroundColor: values.map((_, i) => (i < rank ? seriesColor(0) : 'rgba(122, 133, 145, 0.45)'))
        }
      ]
    },
    options: {
      ...FIT_TO_CONTAINER,
      plugins: { legend: LEGEND_BELOW },
      scales: {
        x: { title: { display: true, text: 'index i' }, ticks: { autoSkip: true, maxRotation: 0 } },
        y: { type: 'logarithmic', title: { display: true, text: 'singular value sᵢ' } }
      }
    }
  };
}
