import { describe, expect, it } from 'vitest';
import { CLASSIFICATION_COLUMNS, REGRESSION_COLUMNS } from '../../../src-main/bench/paper-columns';
import { whereItLoses } from '../../../src-main/bench/paper-verdicts';
import type { MethodRow } from '../../../src-main/bench/paper-tables';

const seeds = (mean: number, sd = 0) => ({ mean, sd, n: 3 });

describe('where the low-rank model loses', () => {
  it("names, per column it loses (in the table's order), the best baseline there with both means", () => {
    const rows = [
      {
        method: 'sbnn' as const,
        cells: {
          oodAuroc: seeds(0.55, 0.01),
          nll: seeds(0.433, 0.002),
          params: seeds(8882),
          trainSeconds: seeds(40)
        }
      },
      {
        method: 'bbb' as const,
        cells: {
          oodAuroc: seeds(0.58, 0.01),
          nll: seeds(0.431, 0.01),
          params: seeds(35_000),
          trainSeconds: seeds(60)
        }
      },
      {
        method: 'ensemble' as const,
        cells: {
          oodAuroc: seeds(0.62, 0.02),
          nll: seeds(0.5),
          params: seeds(90_000),
          trainSeconds: seeds(30)
        }
      }
    ];
    // OOD AUROC: both beat 0.55, the ensemble most (0.62). NLL: only BBB (0.431 < 0.433), by 0.002,
    // less than BBB's sd 0.01. params: nobody has fewer. Training time: the ensemble (30 < 40).
    expect(whereItLoses('clinical', rows, CLASSIFICATION_COLUMNS)).toBe(
      'On clinical, the low-rank model loses on 3 of 8 columns: ' +
        'full-rank BBB has a lower test NLL (0.431 vs 0.433, within the seed-to-seed spread); ' +
        'deep ensemble (5) has a higher OOD AUROC (0.620 vs 0.550); ' +
        'deep ensemble (5) has a lower training time (30.0 vs 40.0).'
    );
  });

  it('judges interval coverage by its distance to the nominal 95%', () => {
    // 0.97 is 0.02 from 0.95, nearer than 0.85 (0.10 away); 0.80 is farther.
    const rows = [
      { method: 'sbnn' as const, cells: { picp: seeds(0.85) } },
      { method: 'ensemble' as const, cells: { picp: seeds(0.8) } },
      { method: 'rank1' as const, cells: { picp: seeds(0.97) } }
    ];
    expect(whereItLoses('weather', rows, REGRESSION_COLUMNS)).toBe(
      'On weather, the low-rank model loses on 1 of 7 columns: rank-1 has interval coverage (PICP) nearer 0.95 (0.970 vs 0.850).'
    );
  });

  it('says so when nothing beats it, and when it has no finished run', () => {
    const rows: MethodRow[] = [
      { method: 'sbnn' as const, cells: { oodAuroc: seeds(0.7) } },
      { method: 'bbb' as const, cells: { oodAuroc: seeds(0.6), nll: seeds(0.1) } }
    ];
    expect(whereItLoses('spam', rows, CLASSIFICATION_COLUMNS)).toBe(
      'On spam, no baseline beats the low-rank model on any of the 8 columns.'
    );
    expect(whereItLoses('spam', rows.slice(1), CLASSIFICATION_COLUMNS)).toMatch(/has no finished run/);
  });
});
