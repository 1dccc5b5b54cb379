import { describe, expect, it } from 'vitest';
import {
  describeStep,
  parseIsoTime,
  parseTimeColumn,
  parseTimeValue
} from '../../../../src-main/data/time-series/time-values';
import { appErrorOf, expectWhere, table } from '../helpers';

const DAY = 86_400_000;
/** 2012-01-01T00:00Z is day 15340 since 1970-01-01 (42 years, 10 of them leap years). */
const JAN_1_2012 = 15_340 * DAY;

describe('parseIsoTime', () => {
  it('reads dates and date-times as UTC milliseconds', () => {
    expect(parseIsoTime('2012-01-01')).toBe(JAN_1_2012);
    expect(parseIsoTime('2012-01-02')).toBe(JAN_1_2012 + DAY);
    expect(parseIsoTime('2012-03-01')).toBe(JAN_1_2012 + 60 * DAY); // 31 + 29 days: 2012 is a leap year
    expect(parseIsoTime('2012-01-01 14:30')).toBe(JAN_1_2012 + 14.5 * 3_600_000);
    expect(parseIsoTime('2012-01-01T00:00:07.25')).toBe(JAN_1_2012 + 7250);
    expect(parseIsoTime(' 2012-01-01T10:00Z ')).toBe(JAN_1_2012 + 10 * 3_600_000);
  });

  it('applies an offset: 10:00+02:00 is 08:00 UTC', () => {
    expect(parseIsoTime('2012-01-01T10:00+02:00')).toBe(JAN_1_2012 + 8 * 3_600_000);
    expect(parseIsoTime('2012-01-01T10:00-0130')).toBe(JAN_1_2012 + 11.5 * 3_600_000);
  });

  it('refuses what is not a real ISO date', () => {
    for (const text of [
      '2015-02-30',
      '2015-13-01',
      '2015-00-10',
      '2015-1-5',
      '01/02/2015',
      '2015-01-01T25:00',
      '42',
      ''
    ]) {
      expect(parseIsoTime(text)).toBeNull();
    }
  });
});

describe('parseTimeValue', () => {
  it('reads the text as the given kind only', () => {
    expect(parseTimeValue('2012-01-02', 'date')).toBe(JAN_1_2012 + DAY);
    expect(parseTimeValue('2012-01-02', 'number')).toBeNull();
    expect(parseTimeValue('7.5', 'number')).toBe(7.5);
    expect(parseTimeValue('7.5', 'date')).toBeNull();
  });
});

describe('parseTimeColumn', () => {
  it('parses dates per row and keeps the text as written', () => {
    const t = table(
      ['day', 'v'],
      [
        [' 2012-01-02', '1'],
        ['2012-01-01', '2']
      ]
    );
    expect(parseTimeColumn(t, 'day')).toEqual({
      name: 'day',
      kind: 'date',
      values: [JAN_1_2012 + DAY, JAN_1_2012],
      text: ['2012-01-02', '2012-01-01']
    });
  });

  it('parses numeric steps', () => {
    const t = table(['step'], [['3'], ['1.5'], ['-2']]);
    expect(parseTimeColumn(t, 'step')).toMatchObject({ kind: 'number', values: [3, 1.5, -2] });
  });

  it('a cell that is neither a date nor a number fails naming file, line and column', () => {
    const t = table(['date'], [['2012-01-01'], ['2012-01-02'], ['yesterday']], 'w.csv');
    const err = appErrorOf(() => parseTimeColumn(t, 'date'));
    expect(err.message).toMatch(/"yesterday".*neither a date nor a number.*line 4 of "w\.csv"/);
    expectWhere(err, { file: 'w.csv', row: 4, column: 'date' });
  });

  it('an impossible date, an empty cell and a mix of kinds fail too', () => {
    const bad = (cells: string[]) =>
      appErrorOf(() =>
        parseTimeColumn(
          table(
            ['d'],
            cells.map((c) => [c]),
            'x.csv'
          ),
          'd'
        )
      );
    expectWhere(bad(['2015-02-28', '2015-02-30']), { file: 'x.csv', row: 3, column: 'd' });
    expect(bad(['1', 'NA']).message).toMatch(/is empty at line 3/);
    expect(bad(['2015-02-28', '5']).message).toMatch(/the number "5" although earlier rows hold dates/);
    expect(bad(['5', '2015-02-28']).message).toMatch(
      /the date "2015-02-28" although earlier rows hold numbers/
    );
  });

  it('an unknown column fails naming the available ones', () => {
    const err = appErrorOf(() => parseTimeColumn(table(['a', 'b'], [['1', '2']], 'y.csv'), 'date'));
    expect(err.message).toMatch(/no time column "date".*Available columns: a, b/);
    expectWhere(err, { file: 'y.csv', column: 'date' });
  });
});

describe('describeStep', () => {
  it('names the step in the largest whole unit', () => {
    expect(describeStep(DAY, 'date')).toBe('1 day');
    expect(describeStep(7 * DAY, 'date')).toBe('7 days');
    expect(describeStep(6 * 3_600_000, 'date')).toBe('6 hours');
    expect(describeStep(90_000, 'date')).toBe('90 seconds');
    expect(describeStep(1, 'number')).toBe('1 time unit');
    expect(describeStep(0.5, 'number')).toBe('0.5 time units');
  });
});
