import { describe, expect, it } from 'vitest';
import { REGRESSION_COLUMNS, SWEEP_COLUMNS } from '../../../src-main/bench/paper-columns';
import {
  formatSpread,
  markdownTable,
  methodsTable,
  rankSweepTable
} from '../../../src-main/bench/paper-tables';

const one = (mean: number) => ({ mean, sd: 0, n: 1 });

describe('the paper tables', () => {
  it('prints mean ± sd at the column precision, the mean alone when the seeds agree, "-" when missing', () => {
    expect(formatSpread({ mean: 0.80249, sd: 0.01151, n: 3 }, 3)).toBe('0.802 ± 0.012');
    expect(formatSpread({ mean: 13_600, sd: 0, n: 3 }, 0)).toBe('13,600');
    expect(formatSpread({ mean: 40.96, sd: 0, n: 1 }, 1)).toBe('41.0');
    expect(formatSpread(null, 3)).toBe('-');
  });

  it('writes a markdown table whose cells are padded and whose right-aligned columns say so', () => {
    expect(
      markdownTable(
        ['method', 'NLL'],
        [
          ['low-rank', '0.433'],
          ['BBB', '0.4']
        ],
        ['left', 'right']
      )
    ).toEqual([
      '| method   |   NLL |',
      '| -------- | ----: |',
      '| low-rank | 0.433 |',
      '| BBB      |   0.4 |'
    ]);
  });

  it('has one row per method with the regression columns', () => {
    const cells = {
      picp: { mean: 0.9, sd: 0.05, n: 2 },
      mae: one(2.5),
      nll: one(2.25),
      oodAuroc: { mean: 0.75, sd: 0.125, n: 2 },
      auprIn: null,
      params: one(47_000),
      trainSeconds: { mean: 61.25, sd: 2.5, n: 2 }
    };
    expect(
      methodsTable(
        [
          { method: 'sbnn', cells },
          { method: 'ensemble', cells: {} }
        ],
        REGRESSION_COLUMNS
      )
    ).toEqual([
      '| method            |    PICP (95%) |   MAE |   NLL |     OOD AUROC | AUPR-In | params |  train (s) |',
      '| ----------------- | ------------: | ----: | ----: | ------------: | ------: | -----: | ---------: |',
      '| low-rank (SBNN)   | 0.900 ± 0.050 | 2.500 | 2.250 | 0.750 ± 0.125 |       - | 47,000 | 61.3 ± 2.5 |',
      '| deep ensemble (5) |             - |     - |     - |             - |       - |      - |          - |'
    ]);
  });

  it('has one row per rank in the sweep', () => {
    const lines = rankSweepTable(
      [
        {
          rank: 2,
          cells: { params: one(2_500), bound: one(0.61), kl: one(300.4), oodAuroc: one(0.55), nll: one(0.6) }
        }
      ],
      SWEEP_COLUMNS
    );
    expect(lines[0]).toBe('|   r | params | PAC-Bayes bound | KL (nats) | OOD AUROC |   NLL |');
    expect(lines[2]).toBe('|   2 |  2,500 |           0.610 |       300 |     0.550 | 0.600 |');
  });
});
