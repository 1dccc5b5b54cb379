import type { RankAdviceResult } from '@shared/domain/records';
import { summarizeSpectrum } from './run-report';
import { formatTable } from './text-table';

/** The advisor's proposal as train flags: one rank per MLP matrix, r_ih,r_hh for the LSTM, one rank for the Transformer. */
export function suggestedRankFlags(suggested: RankAdviceResult['suggested']): string | null {
  if (suggested.ranks && suggested.ranks.length > 0) return `--ranks ${suggested.ranks.join(',')}`;
  if (suggested.rankIh !== undefined && suggested.rankHh !== undefined)
    return `--ranks ${suggested.rankIh},${suggested.rankHh}`;
  if (suggested.rank !== undefined) return `--rank ${suggested.rank}`;
  return null;
}

/**
 * Per layer: its shape, the smallest rank keeping the threshold's share of the spectral energy and
 * the energy kept at that rank (Eckart-Young-Mirsky, METHOD.md section 7); then the flags to train with it.
 */
export function rankAdviceLines(result: RankAdviceResult): string[] {
  const rows = [
    ['layer', 'rows x cols', 'proposed r', 'energy at r'],
    ...result.layers.map((layer) => {
      const energy = summarizeSpectrum({ ...layer, rank: layer.proposedRank }).energyAtRank;
      return [
        layer.layer,
        `${layer.rows} x ${layer.cols}`,
        String(layer.proposedRank),
        energy === null ? '-' : energy.toFixed(3)
      ];
    })
  ];
  const flags = suggestedRankFlags(result.suggested);
  return [
    `Ranks keeping ${result.threshold} of each weight matrix's spectral energy, after a ${result.pretrainEpochs}-epoch deterministic pre-fit:`,
    ...formatTable(rows, ['left', 'right', 'right', 'right']).map((line) => `  ${line}`),
    flags ? `Suggested flags: ${flags}` : 'No rank flags to suggest for this architecture.'
  ];
}
