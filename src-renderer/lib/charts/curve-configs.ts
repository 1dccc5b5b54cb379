import type { ChartConfiguration } from 'chart.js';
import type { CurvePoint } from '../stores/runs.svelte';
import { SERIES } from './chart-setup';
import { FIT_TO_CONTAINER, LEGEND_BELOW } from './chart-options';

interface Series {
  label: string;
  color: string;
  values: (number | null)[];
}

/** A per-epoch line chart without animation (it is redrawn on every progress event). */
export function epochLineConfig(
  points: readonly CurvePoint[],
  series: Series[],
  yTitle: string
): ChartConfiguration {
  return {
    type: 'line',
    data: {
      labels: points.map((p) => p.epoch),
      datasets: series.map((s) => ({
        label: s.label,
        data: s.values,
        borderColor: s.color,
        backgroundColor: s.color,
        borderWidth: 1.6,
        pointRadius: points.length > 40 ? 0 : 2,
        spanGaps: true
      }))
    },
    options: {
      ...FIT_TO_CONTAINER,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: LEGEND_BELOW },
      scales: {
        x: { title: { display: true, text: 'epoch' } },
        y: { title: { display: true, text: yTitle } }
      }
    }
  };
}

export function lossConfig(points: readonly CurvePoint[]): ChartConfiguration {
  return epochLineConfig(
    points,
    [
      { label: 'training loss (−ELBO per record)', color: SERIES.blue, values: points.map((p) => p.loss) },
      { label: 'validation loss', color: SERIES.orange, values: points.map((p) => p.valLoss) }
    ],
    'loss'
  );
}

export function nllConfig(points: readonly CurvePoint[]): ChartConfiguration {
  return epochLineConfig(
    points,
    [{ label: 'NLL', color: SERIES.green, values: points.map((p) => p.nll) }],
    'NLL'
  );
}

export function klConfig(points: readonly CurvePoint[]): ChartConfiguration {
  return epochLineConfig(
    points,
    [{ label: 'KL', color: SERIES.purple, values: points.map((p) => p.kl) }],
    'KL'
  );
}
