import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '@shared/domain/records';
import { draftParamCounts } from '../../../../src-renderer/lib/config/draft-param-counts';
import type { CountInput } from '../../../../src-renderer/lib/config/draft-param-counts';

const col = (name: string, role: ColumnInfo['role'], distinct: number): ColumnInfo => ({
  name,
  role,
  missing: 0,
  distinct,
  examples: []
});

const base: CountInput = {
  arch: 'mlp',
  method: 'sbnn',
  members: 5,
  columns: [col('age', 'numeric', 60), col('size', 'categorical', 3), col('event', 'categorical', 2)],
  roles: {},
  target: 'event',
  task: undefined,
  mlp: { hidden: [8], ranks: [2, 2] },
  lstm: { inputDim: 2, hidden: 4, layers: 1, rankIh: 1, rankHh: 1 },
  transformer: { vocab: 10, maxLen: 4, dModel: 2, layers: 1, ff: 3, rank: 1 }
};

describe('draftParamCounts', () => {
  it('counts the MLP from the estimated input width (age 1 + size one-hot 3 = 4 inputs, binary head)', () => {
    // 2*2*(4+8) + 2*8 + 2*2*(8+1) + 2*1 = 48 + 16 + 36 + 2 = 102.
    expect(draftParamCounts(base)?.counts.lowRank).toBe(102);
  });

  it('counts the LSTM with the Gaussian noise scale once per network', () => {
    // d_in 2, H 4, 4H 16, r 1 / 1: 2*(1*(2+16) + 1*(4+16)) + 32 + head 2*(4+1) + 2 + noise 1 = 76 + 32 + 12 + 1 = 121.
    const summary = draftParamCounts({ ...base, arch: 'lstm' });
    expect(summary?.counts.lowRank).toBe(121);
    expect(summary?.note).toBe('1 layer · 2 inputs per step → 1 output');
  });

  it('sizes the Transformer head from the label column (binary: one output)', () => {
    // The hand-worked one-block encoder of arch-param-counts.test.ts: 130.
    expect(draftParamCounts({ ...base, arch: 'transformer' })?.counts.lowRank).toBe(130);
  });

  it('counts the chosen method on the same network', () => {
    // 4 -> 8 -> 1, ranks 2 / 2: low rank 102 (above); full-rank BBB 2*4*8 + 2*8 + 2*8*1 + 2*1 = 98;
    // deterministic 4*8 + 8 + 8*1 + 1 = 49, so 3 members 147; rank-1 49 + 2*(4+8) + 2*(8+1) = 91.
    const count = (method: CountInput['method'], members = 5) =>
      draftParamCounts({ ...base, method, members })?.methodCount;
    expect(count('sbnn')).toBe(102);
    expect(count('lr-svd')).toBe(102);
    expect(count('bbb')).toBe(98);
    expect(count('deterministic')).toBe(49);
    expect(count('ensemble', 3)).toBe(147);
    expect(count('rank1')).toBe(91);
  });

  it('gives no count while a setting is incomplete', () => {
    expect(draftParamCounts({ ...base, mlp: { hidden: null, ranks: [2] } })).toBeNull();
    expect(draftParamCounts({ ...base, arch: 'lstm', lstm: { ...base.lstm, hidden: 0 } })).toBeNull();
    expect(draftParamCounts({ ...base, target: 'missing' })).toBeNull();
  });
});
