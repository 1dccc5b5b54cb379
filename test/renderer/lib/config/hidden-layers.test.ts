import { describe, expect, it } from 'vitest';
import { fitRanks, matrixLabels, parseHiddenLayers } from '../../../../src-renderer/lib/config/hidden-layers';

describe('parseHiddenLayers', () => {
  it('accepts commas and spaces, and empty for no hidden layer', () => {
    expect(parseHiddenLayers(' 128, 64 ')).toEqual({ ok: true, value: [128, 64] });
    expect(parseHiddenLayers('32 16')).toEqual({ ok: true, value: [32, 16] });
    expect(parseHiddenLayers('')).toEqual({ ok: true, value: [] });
  });

  it('rejects non-integers, zero, too wide and too many layers', () => {
    expect(parseHiddenLayers('12a').ok).toBe(false);
    expect(parseHiddenLayers('1.5').ok).toBe(false);
    expect(parseHiddenLayers('0').ok).toBe(false);
    expect(parseHiddenLayers('4097').ok).toBe(false);
    expect(parseHiddenLayers('1,1,1,1,1,1,1,1,1').ok).toBe(false);
  });
});

describe('fitRanks and matrixLabels', () => {
  it('keeps existing ranks and fills new matrices', () => {
    expect(fitRanks([4, 8], 3, 2)).toEqual([4, 8, 2]);
    expect(fitRanks([4, 8, 16], 2, 2)).toEqual([4, 8]);
  });

  it('names the h + 1 weight matrices of an MLP', () => {
    expect(matrixLabels([128, 64])).toEqual(['input → 128', '128 → 64', '64 → output']);
    expect(matrixLabels([])).toEqual(['input → output']);
  });
});
