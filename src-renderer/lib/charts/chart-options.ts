import type { ChartConfiguration } from 'chart.js';

/** Options every chart shares: drawn at once (no animation) and sized by its container, not by an aspect ratio. */
export const FIT_TO_CONTAINER = { animation: false, responsive: true, maintainAspectRatio: false } as const;

/** The legend under the plot with small colour boxes (the fan chart adds its own filter to it). */
export const LEGEND_BELOW = { position: 'bottom', labels: { boxWidth: 12 } } as const;

/** A line chart with the shared options: the given datasets over the given scales, legend below. */
export function lineChart(
  datasets: ChartConfiguration<'line'>['data']['datasets'],
  scales: NonNullable<ChartConfiguration<'line'>['options']>['scales']
): ChartConfiguration {
  return {
    type: 'line',
    data: { datasets },
    options: { ...FIT_TO_CONTAINER, plugins: { legend: LEGEND_BELOW }, scales }
  } as ChartConfiguration;
}
