import type { ColumnRole, Task } from '@shared/domain/config';
import type { ColumnInfo } from '@shared/domain/records';

export interface ModelDims {
  task: Task;
  inputDim: number;
  outputDim: number;
  /** Learned observation noise of a regression likelihood (one scalar). */
  likelihoodParams: number;
}

/** Above this many distinct numeric values the target is treated as continuous. */
const REGRESSION_MIN_DISTINCT = 10;

export function effectiveRole(
  column: ColumnInfo,
  overrides: Readonly<Record<string, ColumnRole>>
): ColumnRole {
  return overrides[column.name] ?? column.role;
}

/** The task the main side would infer from the target column, for previews before a run exists. */
export function inferTask(target: ColumnInfo, overrides: Readonly<Record<string, ColumnRole>>): Task {
  if (effectiveRole(target, overrides) === 'numeric' && target.distinct > REGRESSION_MIN_DISTINCT)
    return 'regression';
  return target.distinct <= 2 ? 'binary' : 'multiclass';
}

/**
 * Approximate network input and output sizes for the live parameter count: one input per
 * numeric column and one per distinct value of a categorical column (one-hot); id, text and
 * ignored columns and the target add none. Binary and regression heads have one output, a
 * K-class head K.
 */
export function estimateModelDims(
  columns: readonly ColumnInfo[],
  overrides: Readonly<Record<string, ColumnRole>>,
  targetName: string,
  task: Task | undefined
): ModelDims | null {
  const target = columns.find((c) => c.name === targetName);
  if (!target) return null;
  let inputDim = 0;
  for (const column of columns) {
    if (column.name === targetName) continue;
    const role = effectiveRole(column, overrides);
    if (role === 'numeric') inputDim += 1;
    else if (role === 'categorical') inputDim += Math.max(1, column.distinct);
  }
  const resolved = task ?? inferTask(target, overrides);
  const outputDim = resolved === 'multiclass' ? Math.max(2, target.distinct) : 1;
  return { task: resolved, inputDim, outputDim, likelihoodParams: resolved === 'regression' ? 1 : 0 };
}
