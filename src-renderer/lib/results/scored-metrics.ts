import type { ChannelOutput } from '@shared/contract/channels';
import { formatNumber, formatPercent } from '../format';

type ScoredMetrics = NonNullable<ChannelOutput<'runs:score'>['metrics']>;

/**
 * The headline metrics of a scored file that held the target column, formatted as the Results
 * view shows a run's test metrics: accuracy, AUROC, NLL and Brier score for classification;
 * MAE, RMSE, NLL and the share of actual values inside their interval for regression.
 */
export function scoredMetricRows(metrics: ScoredMetrics): { label: string; value: string }[] {
  if ('accuracy' in metrics) {
    return [
      { label: 'Accuracy', value: formatPercent(metrics.accuracy) },
      { label: 'AUROC', value: formatNumber(metrics.auroc) },
      { label: 'NLL', value: formatNumber(metrics.nll) },
      { label: 'Brier score', value: formatNumber(metrics.brier) }
    ];
  }
  return [
    { label: 'MAE', value: formatNumber(metrics.mae) },
    { label: 'RMSE', value: formatNumber(metrics.rmse) },
    { label: 'NLL', value: formatNumber(metrics.nll) },
    { label: 'Interval coverage', value: formatPercent(metrics.picp) }
  ];
}
