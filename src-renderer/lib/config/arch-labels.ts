import type { Arch, TrainConfig } from '@shared/domain/config';

/** How each network is offered: the network and the kind of data it reads. */
export const ARCH_CHOICES: readonly { arch: Arch; label: string }[] = [
  { arch: 'mlp', label: 'MLP (tabular)' },
  { arch: 'lstm', label: 'LSTM (time series)' },
  { arch: 'transformer', label: 'Transformer (text)' }
];

/** One line naming a run's network and its sizes, e.g. "LSTM · H 64 × 2 layers · ranks 14 / 20". */
export function describeNetwork(config: TrainConfig): string {
  if (config.arch === 'lstm') {
    const l = config.lstm;
    return `LSTM · H ${l.hidden} × ${l.layers} layer${l.layers === 1 ? '' : 's'} · ranks ${l.rankIh} / ${l.rankHh}`;
  }
  if (config.arch === 'transformer') {
    const t = config.transformer;
    return `Transformer · d ${t.dModel} × ${t.layers} layer${t.layers === 1 ? '' : 's'} · ${t.heads} heads · rank ${t.rank}`;
  }
  return `MLP ${config.hidden.join('-') || 'no hidden'}`;
}
