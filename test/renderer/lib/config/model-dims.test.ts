import { describe, expect, it } from 'vitest';
import { estimateModelDims } from '../../../../src-renderer/lib/config/model-dims';
import type { ColumnInfo } from '@shared/domain/records';

const col = (name: string, role: ColumnInfo['role'], distinct: number): ColumnInfo => ({
  name,
  role,
  missing: 0,
  distinct,
  examples: []
});

const columns: ColumnInfo[] = [
  col('pid', 'id', 100),
  col('age', 'numeric', 60),
  col('size', 'categorical', 3),
  col('grade', 'numeric', 2),
  col('note', 'text', 90),
  col('event', 'categorical', 2),
  col('stage', 'categorical', 4),
  col('los', 'numeric', 50)
];

describe('estimateModelDims', () => {
  it('counts numeric as 1 and categorical one-hot, honouring role overrides and skipping the target', () => {
    // age 1 + size 3 + grade (overridden to categorical) 2 + stage 4 + los 1 = 11.
    expect(estimateModelDims(columns, { grade: 'categorical' }, 'event', undefined)).toEqual({
      task: 'binary',
      inputDim: 11,
      outputDim: 1,
      likelihoodParams: 0
    });
  });

  it('infers regression (one output, learned noise) and multiclass (K outputs)', () => {
    expect(estimateModelDims(columns, {}, 'los', undefined)).toMatchObject({
      task: 'regression',
      outputDim: 1,
      likelihoodParams: 1
    });
    expect(estimateModelDims(columns, { age: 'ignore' }, 'stage', undefined)).toMatchObject({
      task: 'multiclass',
      inputDim: 1 + 3 + 2 + 1,
      outputDim: 4
    });
  });

  it('uses an explicit task and returns null for an unknown target', () => {
    expect(estimateModelDims(columns, {}, 'grade', 'regression')?.likelihoodParams).toBe(1);
    expect(estimateModelDims(columns, {}, 'missing', undefined)).toBeNull();
  });
});
