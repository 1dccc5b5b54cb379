import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@shared/math/random';
import type {
  BayesianModel,
  ForwardResult,
  NamedVariable,
  RecordInput,
  WeightSamples
} from '../bayesian-model';
import type { WeightDraw } from '../gaussian-posterior';
import { LowRankDense, disposeSample } from '../layers/low-rank-dense';
import type { LowRankDenseWeights } from '../layers/low-rank-dense';
import { createPrior } from '../priors/create-prior';
import { EncoderBlock } from './encoder-block';
import { LayerNorm } from './layer-norm';
import { LowRankEmbedding, batchTokens, disposeEmbeddingDraw } from './low-rank-embedding';
import type { EmbeddingDraw } from './low-rank-embedding';
import { PAD_ID, paddingKeyBias } from './multi-head-attention';
import { resolveTransformerSpec } from './transformer-spec';

/** Floats of one draw's activations per prediction chunk (about 32 MB). */
const PREDICTION_ACTIVATION_BUDGET = 8_000_000;
import type { ResolvedTransformerSpec, TransformerSpec } from './transformer-spec';

/** Low-rank matrices per encoder block: W_Q, W_K, W_V, W_O, W1, W2. */
const MATRICES_PER_BLOCK = 6;

/** (ours) Std of the initial learned positional embeddings: small next to the token embeddings' 0.36 / sqrt(d). */
const POSITION_INIT_STD = 0.02;

/**
 * The low-rank Bayesian Transformer encoder classifier (METHOD.md section 3): a low-rank token
 * embedding with batch sparsity, learned positions, pre-norm encoder blocks with low-rank attention
 * and FFN matrices, a final LayerNorm, CLS pooling (position 0) and a low-rank head.
 * Records are [L] int32 token ids, 0 = [PAD]; the output is [B, outputDim] logits.
 */
export class BayesianTransformerClassifier implements BayesianModel {
  readonly spec: ResolvedTransformerSpec;
  readonly input: RecordInput;
  readonly outputDim: number;
  readonly activationFloatsPerRecord: number;
  readonly embedding: LowRankEmbedding;
  /** [maxLen, d], deterministic and trainable. */
  readonly position: tf.Variable;
  readonly blocks: EncoderBlock[];
  readonly finalNorm: LayerNorm;
  readonly head: LowRankDense;

  constructor(spec: TransformerSpec) {
    this.spec = resolveTransformerSpec(structuredClone(spec));
    const {
      vocabSize,
      maxLen,
      dModel: d,
      layers,
      heads,
      ff,
      rank,
      outputDim,
      headRank,
      activation
    } = this.spec;
    this.input = { shape: [maxLen], dtype: 'int32' };
    this.outputDim = outputDim;
    // Per record and draw, the largest activation: the attention weights [heads, L, L] or the FFN's [L, ff].
    this.activationFloatsPerRecord = Math.max(heads * maxLen * maxLen, ff * maxLen, d * maxLen);
    const prior = createPrior(this.spec.prior);
    const rng = createRng(this.spec.seed);
    this.embedding = new LowRankEmbedding({ vocabSize, dim: d, rank, prior, seed: rng.seed() });
    const positionSeed = rng.seed();
    this.position = tf.tidy(() =>
      tf.variable(tf.randomNormal([maxLen, d], 0, POSITION_INIT_STD, 'float32', positionSeed), true)
    );
    this.blocks = Array.from(
      { length: layers },
      () => new EncoderBlock({ dim: d, heads, ff, rank, activation, prior, seed: rng.seed() })
    );
    this.finalNorm = new LayerNorm(d);
    this.head = new LowRankDense({
      inputDim: d,
      outputDim,
      rank: headRank,
      prior,
      seed: rng.seed(),
      init: 'glorot'
    });
  }

  /** Every low-rank matrix except the embedding, in draw order: the blocks' six each, then the head. */
  get denseLayers(): LowRankDense[] {
    return [...this.blocks.flatMap((block) => block.denseLayers), this.head];
  }

  /**
   * ONE draw of every low-rank matrix for the whole batch (METHOD.md section 2); seeds derived in a
   * fixed order (embedding, then denseLayers). x [B, L] ids -> output [B, outputDim]; `kl` is the
   * Monte Carlo KL of the whole network (the embedding's whole factor included) on that draw.
   */
  forward(x: tf.Tensor, draw: WeightDraw): ForwardResult {
    return tf.tidy(() => {
      const rng = draw === 'mean' ? null : createRng(draw);
      const next = (): WeightDraw => (rng ? rng.seed() : 'mean');
      const embeddingDraw = this.embedding.draw(next());
      const layers = this.denseLayers;
      const samples = layers.map((layer) => layer.draw(next()));
      const output = this.encode(x, embeddingDraw, samples) as tf.Tensor2D;
      const kl = tf.addN([
        this.embedding.kl(embeddingDraw),
        ...samples.map((sample, i) => (layers[i] as LowRankDense).kl(sample))
      ]);
      return { output, kl };
    });
  }

  /** S stacked draws (METHOD.md section 4); apply: x [B, L] -> [S, B, outputDim]. */
  /**
   * S draws for prediction (METHOD.md section 4), applied ONE AFTER ANOTHER to each chunk: on the
   * wasm backend a batched product [S, B*L, d] x [S, d, r] runs an order of magnitude slower than S
   * plain [B*L, d] x [d, r] products, and attention is batched over records already. The stacked
   * draws are split once here, so applying them costs no copies.
   */
  drawSamples(count: number, seed: number): WeightSamples {
    const rng = createRng(seed);
    const stackedEmbedding = this.embedding.drawMany(count, rng.seed());
    const stacked = this.denseLayers.map((layer) => layer.drawMany(count, rng.seed()));
    const epsA = tf.unstack(stackedEmbedding.epsA);
    const embeddingB = tf.unstack(stackedEmbedding.b);
    const layers = stacked.map((w) => ({ a: tf.unstack(w.a), b: tf.unstack(w.b), bias: tf.unstack(w.bias) }));
    disposeEmbeddingDraw(stackedEmbedding);
    for (const sample of stacked) disposeSample(sample);
    const draws = Array.from({ length: count }, (_, s) => ({
      embedding: { epsA: epsA[s] as tf.Tensor, b: embeddingB[s] as tf.Tensor },
      weights: layers.map((w) => ({
        a: w.a[s] as tf.Tensor,
        b: w.b[s] as tf.Tensor,
        bias: w.bias[s] as tf.Tensor
      }))
    }));
    return {
      count,
      apply: (x) =>
        tf.tidy(() => tf.stack(draws.map((d) => this.encode(x, d.embedding, d.weights))) as tf.Tensor3D),
      dispose: () => {
        tf.dispose([...epsA, ...embeddingB, ...layers.flatMap((w) => [...w.a, ...w.b, ...w.bias])]);
      }
    };
  }

  /** Draws are applied one at a time (drawSamples), so a chunk holds one draw's activations. */
  predictionChunkSize(): number {
    return Math.max(1, Math.floor(PREDICTION_ACTIVATION_BUDGET / this.activationFloatsPerRecord));
  }

  /**
   * ids [B, L] (L <= maxLen) -> logits [B, K] for a single draw, [S, B, K] for stacked draws.
   * Trailing positions that are [PAD] in every record are dropped first: they change no real output
   * (the mask silences them as keys), so the result is exact and short batches run faster.
   */
  private encode(x: tf.Tensor, embeddingDraw: EmbeddingDraw, weights: LowRankDenseWeights[]): tf.Tensor {
    if (x.rank !== 2)
      throw new Error(`The Transformer reads [batch, length] token ids, got ${JSON.stringify(x.shape)}.`);
    const [batch, length] = x.shape as [number, number];
    if (length > this.spec.maxLen)
      throw new Error(`Records of ${length} tokens exceed the model's maximum length ${this.spec.maxLen}.`);
    const values = x.dataSync();
    let used = 1;
    for (let i = 0; i < batch; i++) {
      for (let j = length - 1; j >= used; j--) {
        if (values[i * length + j] !== PAD_ID) {
          used = j + 1;
          break;
        }
      }
    }
    const trimmed = new Int32Array(batch * used);
    for (let i = 0; i < batch; i++) trimmed.set(values.subarray(i * length, i * length + used), i * used);
    const tokens = batchTokens(trimmed, [batch, used], this.spec.vocabSize);
    const ids = tf.tensor2d(trimmed, [batch, used], 'int32');
    const groups = embeddingDraw.b.rank === 3 ? (embeddingDraw.b.shape[0] ?? 1) : 1;
    const keyBias = trimmed.includes(PAD_ID) ? paddingKeyBias(ids, groups) : null;
    let h = tf.add(this.embedding.embed(tokens, embeddingDraw), tf.slice(this.position, [0, 0], [used, -1]));
    this.blocks.forEach((block, i) => {
      const own = weights.slice(i * MATRICES_PER_BLOCK, (i + 1) * MATRICES_PER_BLOCK);
      // The last block computes position 0 only: CLS pooling reads nothing else.
      h = block.apply(h, keyBias, own, i === this.blocks.length - 1);
    });
    const cls = tf.squeeze(h, [h.rank - 2]); // [..., B, d]
    const headWeights = weights[weights.length - 1];
    if (!headWeights) throw new Error('No draw for the classifier head.');
    return this.head.apply(this.finalNorm.apply(cls), headWeights);
  }

  get trainableVariables(): tf.Variable[] {
    return this.namedVariables().map(({ variable }) => variable);
  }

  /** Stable names: embedding.a.mu, position, block0.query.a.mu, block0.attentionNorm.gain, finalNorm.bias, head.b.rho, ... */
  namedVariables(): NamedVariable[] {
    const dense = (prefix: string, layer: LowRankDense): NamedVariable[] =>
      layer.posteriors.flatMap(([role, posterior]) => [
        { name: `${prefix}.${role}.mu`, variable: posterior.mu },
        { name: `${prefix}.${role}.rho`, variable: posterior.rho }
      ]);
    return [
      ...this.embedding.posteriors.flatMap(([role, posterior]) => [
        { name: `embedding.${role}.mu`, variable: posterior.mu },
        { name: `embedding.${role}.rho`, variable: posterior.rho }
      ]),
      { name: 'position', variable: this.position },
      ...this.blocks.flatMap((block, i) => [
        ...block.attentionNorm.namedVariables(`block${i}.attentionNorm`),
        ...dense(`block${i}.query`, block.attention.query),
        ...dense(`block${i}.key`, block.attention.key),
        ...dense(`block${i}.value`, block.attention.value),
        ...dense(`block${i}.output`, block.attention.output),
        ...block.feedForwardNorm.namedVariables(`block${i}.feedForwardNorm`),
        ...dense(`block${i}.feedForwardIn`, block.feedForwardIn),
        ...dense(`block${i}.feedForwardOut`, block.feedForwardOut)
      ]),
      ...this.finalNorm.namedVariables('finalNorm'),
      ...dense('head', this.head)
    ];
  }

  /** Every mu and rho, and every deterministic parameter once (METHOD.md section 1). */
  get paramCount(): number {
    return this.trainableVariables.reduce((sum, v) => sum + v.size, 0);
  }

  dispose(): void {
    this.embedding.dispose();
    this.position.dispose();
    for (const block of this.blocks) block.dispose();
    this.finalNorm.dispose();
    this.head.dispose();
  }
}

export function buildTransformerClassifier(spec: TransformerSpec): BayesianTransformerClassifier {
  return new BayesianTransformerClassifier(spec);
}
