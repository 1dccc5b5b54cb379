import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { CoveragePoint } from '../analysis/coverage';
import type { ForecastPoint } from '../analysis/forecast';
import { SERIES } from './chart-setup';
import { calibrationConfig } from './result-configs';
import { FIT_TO_CONTAINER } from './chart-options';

const BAND = 'rgba(0, 114, 178, 0.18)';
const OOD_SHADE = 'rgba(138, 63, 252, 0.12)';

/**
 * The fan chart of one series (METHOD.md section 4): observed values and predictive mean as
 * lines, the interval band filled between lower and upper, OOD windows shaded over the full
 * height, and flagged windows marked on the mean. x is the target time (one category per window).
 */
export function fanChartConfig(points: readonly ForecastPoint[], levelPercent: number): ChartConfiguration {
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const p of points) {
    for (const v of [p.lower, p.upper, p.actual ?? p.mean]) {
      yMin = Math.min(yMin, v);
      yMax = Math.max(yMax, v);
    }
  }
  if (!Number.isFinite(yMin)) [yMin, yMax] = [0, 1];
  const pad = (yMax - yMin || 1) * 0.05;
  const [lo, hi] = [yMin - pad, yMax + pad];
  const line = (
    label: string,
    color: string,
    data: (number | null)[]
  ): ChartDataset<'line', (number | null)[]> => ({
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderWidth: 1.6,
    pointRadius: 0,
    spanGaps: false
  });
  const lines: ChartDataset<'line', (number | null)[]>[] = [
    {
      ...line(
        'observed',
        SERIES.grey,
        points.map((p) => p.actual)
      ),
      borderWidth: 1.4,
      order: 1
    },
    {
      ...line(
        'predicted mean',
        SERIES.blue,
        points.map((p) => p.mean)
      ),
      order: 2
    },
    {
      ...line(
        `${levelPercent}% interval`,
        'transparent',
        points.map((p) => p.upper)
      ),
      backgroundColor: BAND,
      fill: '+1',
      order: 3
    },
    {
      ...line(
        'interval lower',
        'transparent',
        points.map((p) => p.lower)
      ),
      backgroundColor: BAND,
      order: 4
    },
    {
      ...line(
        'flagged OOD',
        SERIES.red,
        points.map((p) => (p.oodFlag ? p.mean : null))
      ),
      showLine: false,
      pointRadius: 4,
      pointStyle: 'triangle',
      order: 0
    }
  ];
  // OOD periods: a line along the top of the plot, filled down to its bottom, broken outside
  // the OOD windows, so a held-out series or period reads as one shaded block.
  const shade: ChartDataset<'line', (number | null)[]> = {
    ...line(
      'OOD window',
      'transparent',
      points.map((p) => (p.split === 'ood' ? hi : null))
    ),
    backgroundColor: OOD_SHADE,
    fill: 'start',
    order: 5
  };
  const datasets = [...lines, shade] as ChartConfiguration['data']['datasets'];
  return {
    type: 'line',
    data: { labels: points.map((p) => p.time), datasets },
    options: {
      ...FIT_TO_CONTAINER,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: {
          position: 'bottom',
          labels: {
            boxWidth: 12,
            filter: (item) => item.text !== 'interval lower',
            sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0)
          }
        },
        tooltip: {
          filter: (item) => item.dataset.label !== 'OOD window' && item.dataset.label !== 'interval lower'
        }
      },
      scales: {
        x: {
          title: { display: true, text: 'target time' },
          ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 10 }
        },
        y: { min: lo, max: hi, ticks: { includeBounds: false }, title: { display: true, text: 'value' } }
      }
    }
  };
}

/** Observed against nominal interval coverage, with the diagonal of perfect calibration. */
export function coverageConfig(points: readonly CoveragePoint[]): ChartConfiguration {
  return calibrationConfig({
    points: points.map((p) => ({ x: p.nominal, y: p.observed })),
    pointRadius: 3,
    xMin: 0.5,
    xTitle: 'nominal coverage',
    yTitle: 'observed coverage'
  });
}
