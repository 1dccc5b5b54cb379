import { describe, expect, it } from 'vitest';
import { parseRanks } from '../../../../src-renderer/lib/compare/parse-ranks';

describe('parseRanks', () => {
  it('reads comma- or space-separated ranks, sorted, without repeats', () => {
    expect(parseRanks('2,4,8,16,32')).toEqual({ ok: true, value: [2, 4, 8, 16, 32] });
    expect(parseRanks(' 16 4, 4  8 ')).toEqual({ ok: true, value: [4, 8, 16] });
  });
  it('refuses what runs:sweep would refuse', () => {
    expect(parseRanks('')).toMatchObject({ ok: false });
    expect(parseRanks('2,x')).toEqual({ ok: false, message: '"x" is not a whole number.' });
    expect(parseRanks('0,4')).toEqual({ ok: false, message: 'Ranks must be 1 to 4096.' });
    expect(parseRanks('2.5')).toMatchObject({ ok: false });
    const seventeen = Array.from({ length: 17 }, (_, i) => i + 1).join(',');
    expect(parseRanks(seventeen)).toEqual({ ok: false, message: 'At most 16 ranks per sweep.' });
  });
});
