import type { Arch, ColumnRole, Task } from '@shared/domain/config';
import type { ColumnInfo, ParamCounts } from '@shared/domain/records';
import { lstmParamCounts, mlpParamCounts, transformerParamCounts } from '@shared/model/param-count';
import { estimateModelDims } from './model-dims';

/** What the Model view's parameter panel needs from the run being set up. */
export interface CountInput {
  arch: Arch;
  columns: readonly ColumnInfo[];
  roles: Readonly<Record<string, ColumnRole>>;
  target: string;
  task: Task | undefined;
  mlp: { hidden: number[] | null; ranks: number[] };
  lstm: { inputDim: number; hidden: number; layers: number; rankIh: number; rankHh: number };
  transformer: {
    vocab: number;
    maxLen: number;
    dModel: number;
    layers: number;
    ff: number;
    rank: number;
  };
}

export interface CountSummary {
  counts: ParamCounts;
  /** One line on the shapes counted, e.g. "binary · 7 inputs → 1 output". */
  note: string;
}

const isCount = (n: number): boolean => Number.isInteger(n) && n >= 1;

/** The live counts for the chosen network, or null while the settings are incomplete or invalid. */
export function draftParamCounts(input: CountInput): CountSummary | null {
  const dims = estimateModelDims(input.columns, input.roles, input.target, input.task);
  if (!dims) return null;
  if (input.arch === 'lstm') {
    const shape = input.lstm;
    if (![shape.inputDim, shape.hidden, shape.layers, shape.rankIh, shape.rankHh].every(isCount)) return null;
    return {
      // The Gaussian likelihood's learned noise scale counts once, as for a regression MLP.
      counts: lstmParamCounts({
        inputFeatures: shape.inputDim,
        hidden: shape.hidden,
        layers: shape.layers,
        rankIh: shape.rankIh,
        rankHh: shape.rankHh,
        likelihoodParams: 1
      }),
      note: `${shape.layers} layer${shape.layers === 1 ? '' : 's'} · ${shape.inputDim} input${shape.inputDim === 1 ? '' : 's'} per step → 1 output`
    };
  }
  if (input.arch === 'transformer') {
    const t = input.transformer;
    if (![t.vocab, t.maxLen, t.dModel, t.layers, t.ff, t.rank].every(isCount)) return null;
    return {
      counts: transformerParamCounts({
        vocabSize: t.vocab,
        maxLen: t.maxLen,
        dModel: t.dModel,
        layers: t.layers,
        ff: t.ff,
        rank: t.rank,
        outputDim: dims.outputDim
      }),
      note: `${dims.task} · vocabulary ${t.vocab} · ${t.maxLen} tokens → ${dims.outputDim} output${dims.outputDim === 1 ? '' : 's'}`
    };
  }
  const { hidden, ranks } = input.mlp;
  if (!hidden || ranks.length !== hidden.length + 1) return null;
  return {
    counts: mlpParamCounts({
      inputDim: dims.inputDim,
      outputDim: dims.outputDim,
      hidden,
      ranks,
      likelihoodParams: dims.likelihoodParams
    }),
    note: `${dims.task} · about ${dims.inputDim} inputs after one-hot encoding → ${dims.outputDim} ${dims.outputDim === 1 ? 'output' : 'outputs'}`
  };
}
