import { describe, expect, it } from 'vitest';
import { reviewAction } from '../../../src-main/cli/review-command';

const DEFAULT_FILTER = { referPercent: 10, widthAbove: null, includeOod: true };

describe('the options of review', () => {
  it('lists the queue by default: refer 10 %, no width threshold, OOD records in, every status', () => {
    expect(reviewAction({})).toEqual({ kind: 'queue', filter: DEFAULT_FILTER, status: 'all', limit: 200 });
    expect(
      reviewAction({ refer: '25', 'wider-than': '0.3', 'no-ood': true, status: 'pending', limit: '5' })
    ).toEqual({
      kind: 'queue',
      filter: { referPercent: 25, widthAbove: 0.3, includeOod: false },
      status: 'pending',
      limit: 5
    });
  });

  it('writes the CSV with the queue filter', () => {
    expect(reviewAction({ csv: 'out.csv', refer: '0' })).toEqual({
      kind: 'csv',
      filter: { ...DEFAULT_FILTER, referPercent: 0 },
      out: 'out.csv'
    });
  });

  it('adds a note (empty text allowed) and reads a record history by SPLIT:ROW from 1', () => {
    expect(reviewAction({ note: 'scored:3', outcome: 'follow-up', text: 'call back' })).toEqual({
      kind: 'note',
      ref: { split: 'scored', rowIndex: 2 },
      outcome: 'follow-up',
      text: 'call back'
    });
    expect(reviewAction({ note: 'test:1', outcome: 'not-assessable' })).toMatchObject({ text: '' });
    expect(reviewAction({ history: 'ood:7' })).toEqual({
      kind: 'history',
      ref: { split: 'ood', rowIndex: 6 }
    });
  });

  it('refuses combinations that do not go together, naming the options', () => {
    expect(() => reviewAction({ csv: 'a.csv', note: 'test:1', history: 'test:1' })).toThrow(
      '--csv and --note and --history are separate actions; give one at a time (see: npm run sbnn -- review --help).'
    );
    expect(() => reviewAction({ note: 'test:1', outcome: 'wrong', refer: '5' })).toThrow(
      '--refer does not apply with --note'
    );
    expect(() => reviewAction({ history: 'test:1', 'no-ood': true, status: 'all' })).toThrow(
      '--no-ood, --status do not apply with --history'
    );
    expect(() => reviewAction({ csv: 'a.csv', limit: '3' })).toThrow('--limit does not apply with --csv');
    expect(() => reviewAction({ text: 'hi', outcome: 'wrong' })).toThrow(
      '--outcome, --text do not apply without --note'
    );
    expect(() => reviewAction({ note: 'test:1' })).toThrow(
      '--note needs --outcome, one of confirmed, wrong, follow-up, not-assessable.'
    );
  });

  it('names the option whose value is wrong', () => {
    expect(() => reviewAction({ note: 'test:1', outcome: 'maybe' })).toThrow(
      '--outcome takes one of confirmed, wrong, follow-up, not-assessable; got "maybe".'
    );
    expect(() => reviewAction({ refer: '101' })).toThrow('--refer takes a percentage from 0 to 100');
    expect(() => reviewAction({ 'wider-than': '0' })).toThrow(
      '--wider-than takes a number above 0, got "0".'
    );
    expect(() => reviewAction({ status: 'done' })).toThrow('--status takes one of all, pending, reviewed');
    expect(() => reviewAction({ limit: '5001' })).toThrow(
      '--limit takes a whole number from 1 to 5000, got "5001".'
    );
    expect(() => reviewAction({ limit: '2.5' })).toThrow('--limit takes a whole number');
    expect(() => reviewAction({ history: 'row:1' })).toThrow('--history takes SPLIT:ROW');
  });
});
