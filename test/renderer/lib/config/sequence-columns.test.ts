import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '@shared/domain/records';
import {
  featureColumnOptions,
  guessSeriesColumn,
  guessTimeColumn,
  textColumnOptions
} from '../../../../src-renderer/lib/config/sequence-columns';

const col = (name: string, role: ColumnInfo['role'], distinct = 5): ColumnInfo => ({
  name,
  role,
  missing: 0,
  distinct,
  examples: []
});

const weather = [
  col('location', 'categorical', 2),
  col('date', 'categorical', 1461),
  col('precipitation', 'numeric', 111),
  col('temp_max', 'numeric', 67),
  col('wind', 'numeric', 79),
  col('weather', 'categorical', 5)
];

describe('time-series column choices', () => {
  it('guesses the time column by name and never a name that merely contains "time"-like letters', () => {
    expect(guessTimeColumn(weather)).toBe('date');
    expect(guessTimeColumn([col('sometimes', 'numeric'), col('obs_day', 'numeric')])).toBe('obs_day');
    expect(guessTimeColumn([col('update_count', 'numeric')])).toBe('');
  });

  it('guesses the series column among categorical columns other than target and time', () => {
    expect(guessSeriesColumn(weather, ['temp_max', 'date'])).toBe('location');
    expect(guessSeriesColumn(weather, ['temp_max', 'date', 'location'])).toBe('weather');
    expect(guessSeriesColumn([col('x', 'numeric')], [])).toBe('');
  });

  it('offers numeric features other than the target, time and series, honouring role overrides', () => {
    expect(featureColumnOptions(weather, {}, ['temp_max', 'date', 'location'])).toEqual([
      'precipitation',
      'wind'
    ]);
    expect(featureColumnOptions(weather, { wind: 'ignore' }, ['temp_max'])).toEqual(['precipitation']);
  });
});

describe('textColumnOptions', () => {
  it('lists text columns first, then the others in file order', () => {
    const spam = [col('collection', 'categorical'), col('label', 'categorical'), col('text', 'text', 900)];
    expect(textColumnOptions(spam, {})).toEqual(['text', 'collection', 'label']);
    expect(textColumnOptions(spam, { collection: 'text' })).toEqual(['collection', 'text', 'label']);
  });
});
