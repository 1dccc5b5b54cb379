import type { Arch, ColumnRole, Method, Task } from '@shared/domain/config';
import type { ColumnInfo, ParamCounts } from '@shared/domain/records';
import {
  methodParamCount,
  mlpParamCounts,
  lstmParamCounts,
  transformerParamCounts
} from '@shared/model/param-count';
import type { NetworkShape } from '@shared/model/param-count';
import { estimateModelDims } from './model-dims';

/** What the Model view's parameter panel needs from the run being set up. */
export interface CountInput {
  arch: Arch;
  method: Method;
  /** Deep ensemble: number of members. */
  members: number;
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
  /** The chosen method's count (METHOD.md sections 1 and 5; an ensemble counts every member). */
  methodCount: number;
  /** One line on the shapes counted, e.g. "binary · 7 inputs → 1 output". */
  note: string;
}

const isCount = (n: number): boolean => Number.isInteger(n) && n >= 1;

/** The network's shape and the line describing it, or null while a setting is incomplete. */
function shapeOf(input: CountInput): { shape: NetworkShape; counts: ParamCounts; note: string } | null {
  const dims = estimateModelDims(input.columns, input.roles, input.target, input.task);
  if (!dims) return null;
  if (input.arch === 'lstm') {
    const l = input.lstm;
    if (![l.inputDim, l.hidden, l.layers, l.rankIh, l.rankHh].every(isCount)) return null;
    // The Gaussian likelihood's learned noise scale counts once, as for a regression MLP.
    const lstm = {
      inputFeatures: l.inputDim,
      hidden: l.hidden,
      layers: l.layers,
      rankIh: l.rankIh,
      rankHh: l.rankHh,
      likelihoodParams: 1
    };
    return {
      shape: { arch: 'lstm', ...lstm },
      counts: lstmParamCounts(lstm),
      note: `${l.layers} layer${l.layers === 1 ? '' : 's'} · ${l.inputDim} input${l.inputDim === 1 ? '' : 's'} per step → 1 output`
    };
  }
  if (input.arch === 'transformer') {
    const t = input.transformer;
    if (![t.vocab, t.maxLen, t.dModel, t.layers, t.ff, t.rank].every(isCount)) return null;
    const transformer = {
      vocabSize: t.vocab,
      maxLen: t.maxLen,
      dModel: t.dModel,
      layers: t.layers,
      ff: t.ff,
      rank: t.rank,
      outputDim: dims.outputDim
    };
    return {
      shape: { arch: 'transformer', ...transformer },
      counts: transformerParamCounts(transformer),
      note: `${dims.task} · vocabulary ${t.vocab} · ${t.maxLen} tokens → ${dims.outputDim} output${dims.outputDim === 1 ? '' : 's'}`
    };
  }
  const { hidden, ranks } = input.mlp;
  if (!hidden || ranks.length !== hidden.length + 1) return null;
  const mlp = {
    inputDim: dims.inputDim,
    outputDim: dims.outputDim,
    hidden,
    ranks,
    likelihoodParams: dims.likelihoodParams
  };
  return {
    shape: { arch: 'mlp', ...mlp },
    counts: mlpParamCounts(mlp),
    note: `${dims.task} · about ${dims.inputDim} inputs after one-hot encoding → ${dims.outputDim} ${dims.outputDim === 1 ? 'output' : 'outputs'}`
  };
}

/** The live counts for the chosen network and method, or null while the settings are incomplete or invalid. */
export function draftParamCounts(input: CountInput): CountSummary | null {
  const found = shapeOf(input);
  if (!found) return null;
  return {
    counts: found.counts,
    methodCount: methodParamCount(found.shape, input.method, input.members),
    note: found.note
  };
}
