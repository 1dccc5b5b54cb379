import { describe, expect, it } from 'vitest';
import type { RecordPrediction } from '@shared/domain/records';
import { rangeOf, shownInterval } from '../../../../src-renderer/lib/records/shown-interval';

const base: RecordPrediction = {
  rowIndex: 0,
  split: 'test',
  ids: {},
  actual: '3',
  prediction: '2.5',
  value: 2.5,
  lower: 1,
  upper: 4,
  epistemic: 0.2,
  aleatoric: 0.7,
  total: 0.75,
  oodScore: 0.75,
  oodFlag: false,
  imputed: [],
  correct: null
};

describe('shownInterval', () => {
  it('shows the Bayesian interval in Bayesian mode, whatever else the record has', () => {
    const record = { ...base, conformalLower: 0.5, conformalUpper: 4.5 };
    expect(shownInterval(record, 'bayesian')).toEqual({ kind: 'range', lower: 1, upper: 4 });
  });
  it('shows the conformal interval of a regression record', () => {
    const record = { ...base, conformalLower: 0.5, conformalUpper: 4.5 };
    expect(shownInterval(record, 'conformal')).toEqual({ kind: 'range', lower: 0.5, upper: 4.5 });
  });
  it('shows the conformal set of a classification record, even an empty one', () => {
    expect(shownInterval({ ...base, conformalSet: ['no', 'yes'] }, 'conformal')).toEqual({
      kind: 'set',
      classes: ['no', 'yes']
    });
    expect(shownInterval({ ...base, conformalSet: [] }, 'conformal')).toEqual({ kind: 'set', classes: [] });
  });
  it('shows nothing for a record without conformal output', () => {
    expect(shownInterval(base, 'conformal')).toEqual({ kind: 'none' });
  });
});

describe('rangeOf', () => {
  it('spans every shown range and ignores sets', () => {
    expect(
      rangeOf([
        { kind: 'range', lower: 1, upper: 4 },
        { kind: 'set', classes: ['a'] },
        { kind: 'range', lower: -2, upper: 3 }
      ])
    ).toEqual({ min: -2, max: 4 });
    expect(rangeOf([{ kind: 'none' }])).toBeNull();
  });
});
