/** The low-rank Bayesian Transformer encoder for text classification (METHOD.md section 3). */
import './register-transformer';

export { BayesianTransformerClassifier, buildTransformerClassifier } from './bayesian-transformer';
export { EncoderBlock } from './encoder-block';
export type { EncoderBlockOptions, FeedForwardActivation } from './encoder-block';
export { LayerNorm } from './layer-norm';
export { LowRankEmbedding, batchTokens, disposeEmbeddingDraw } from './low-rank-embedding';
export type { BatchTokens, EmbeddingDraw, LowRankEmbeddingOptions } from './low-rank-embedding';
export { MultiHeadSelfAttention, PAD_ID, paddingKeyBias } from './multi-head-attention';
export { resolveTransformerSpec, transformerSpecFromConfig } from './transformer-spec';
export type { ResolvedTransformerSpec, TransformerSpec } from './transformer-spec';
