import type { PriorConfig, TextConfig, TransformerConfig } from '@shared/domain/config';
import { layerMethod } from '../layers/create-dense';
import type { LayerMethod } from '../layers/dense-layer';
import type { FeedForwardActivation } from './encoder-block';

/** Everything that defines a Transformer classifier's shape and initialization; JSON-friendly (saved with the posterior). */
export interface TransformerSpec {
  arch: 'transformer';
  /** V: token ids 0 .. V-1 (0 = [PAD], 2 = [CLS]); the tokenizer's actual vocabulary size. */
  vocabSize: number;
  /** L: tokens per record, [CLS] included; records are padded to it. */
  maxLen: number;
  dModel: number;
  layers: number;
  heads: number;
  ff: number;
  /** Rank of the embedding and of every d x d and FFN matrix. */
  rank: number;
  /** 1 (Bernoulli logit) for two classes, K for K classes. */
  outputDim: number;
  /** Rank of the classifier head (d x outputDim). Default min(rank, outputDim). */
  headRank?: number;
  /** FFN nonlinearity. Default 'gelu'. */
  activation?: FeedForwardActivation;
  prior: PriorConfig;
  /** Seed of the initial values. */
  seed: number;
  /** How the weights are learned (METHOD.md section 5); `rank` and `headRank` are read by the low-rank methods only. Default 'sbnn'. */
  method?: LayerMethod;
}

/** A TransformerSpec with every default resolved. */
export type ResolvedTransformerSpec = Required<TransformerSpec>;

/** The head rank when none is given: a rank above min(d, K) would add parameters and no expressiveness. */
export function defaultHeadRank(rank: number, outputDim: number): number {
  return Math.min(rank, outputDim);
}

/** Checks a spec (it may come from a saved file) and fills its defaults; throws with every problem found. */
export function resolveTransformerSpec(spec: TransformerSpec): ResolvedTransformerSpec {
  const problems: string[] = [];
  for (const key of [
    'vocabSize',
    'maxLen',
    'dModel',
    'layers',
    'heads',
    'ff',
    'rank',
    'outputDim'
  ] as const) {
    const v = spec[key];
    if (!Number.isInteger(v) || v < 1) problems.push(`${key} must be a positive integer, got ${v}`);
  }
  if (spec.vocabSize < 3) problems.push(`vocabSize ${spec.vocabSize} leaves no room for [PAD], [UNK], [CLS]`);
  if (Number.isInteger(spec.heads) && spec.heads > 0 && spec.dModel % spec.heads !== 0)
    problems.push(`dModel ${spec.dModel} must be a multiple of heads ${spec.heads}`);
  const headRank = spec.headRank ?? defaultHeadRank(spec.rank, spec.outputDim);
  if (!Number.isInteger(headRank) || headRank < 1)
    problems.push(`headRank must be a positive integer, got ${headRank}`);
  const activation = spec.activation ?? 'gelu';
  if (activation !== 'gelu' && activation !== 'relu')
    problems.push(`activation must be gelu or relu, got ${String(activation)}`);
  let method: LayerMethod = 'sbnn';
  try {
    method = layerMethod(spec.method);
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  if (problems.length > 0) throw new Error(`Invalid Transformer spec: ${problems.join('; ')}.`);
  return { ...spec, arch: 'transformer', headRank, activation, method };
}

/**
 * The spec of a run's Transformer from its TrainConfig sections: `vocabSize` is the tokenizer's
 * actual vocabulary (at most text.vocab), `outputDim` what the likelihood reads (1 binary, K multiclass).
 */
export function transformerSpecFromConfig(
  transformer: TransformerConfig,
  text: Pick<TextConfig, 'maxLen'>,
  vocabSize: number,
  outputDim: number,
  prior: PriorConfig,
  seed: number,
  method: LayerMethod = 'sbnn'
): ResolvedTransformerSpec {
  return resolveTransformerSpec({
    arch: 'transformer',
    vocabSize,
    maxLen: text.maxLen,
    dModel: transformer.dModel,
    layers: transformer.layers,
    heads: transformer.heads,
    ff: transformer.ff,
    rank: transformer.rank,
    outputDim,
    prior,
    seed,
    method
  });
}
