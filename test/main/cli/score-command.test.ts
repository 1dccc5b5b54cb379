import { describe, expect, it } from 'vitest';
import { scoreLines } from '../../../src-main/cli/score-command';

describe('what score prints', () => {
  it('gives the counts, the scalar metrics (not the selective curve) and where to review', () => {
    const lines = scoreLines(4, {
      fileName: 'new.csv',
      scored: 30,
      flagged: 6,
      metrics: {
        accuracy: 0.8,
        nll: 0.41234,
        brier: 0.13,
        ece: 0.05,
        auroc: null,
        selective: [{ retention: 1, value: 0.8 }]
      }
    });
    expect(lines).toEqual([
      'Scored 30 records of new.csv with run 4: 6 flagged out-of-distribution.',
      '  accuracy 0.8000',
      '  nll      0.4123',
      '  brier    0.1300',
      '  ece      0.0500',
      '  auroc    n/a',
      "The records joined the run's review queue: npm run sbnn -- review 4"
    ]);
  });

  it('says why there are no metrics when the file has no target values', () => {
    expect(scoreLines(1, { fileName: 'x.csv', scored: 2, flagged: 0, metrics: null })).toEqual([
      'Scored 2 records of x.csv with run 1: 0 flagged out-of-distribution.',
      "  (no metrics: the file has no values of the run's target)",
      "The records joined the run's review queue: npm run sbnn -- review 1"
    ]);
  });
});
