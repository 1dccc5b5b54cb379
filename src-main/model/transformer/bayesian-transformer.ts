import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@shared/math/random';
import { drawCount } from '../bayesian-model';
import type {
  BayesianModel,
  ForwardResult,
  NamedVariable,
  RecordInput,
  WeightMatrix,
  WeightSamples
} from '../bayesian-model';
import type { WeightDraw } from '../gaussian-posterior';
import { createDense } from '../layers/create-dense';
import { denseMatrix, disposeWeights } from '../layers/dense-layer';
import type { DenseLayer, DenseWeights, LayerMethod } from '../layers/dense-layer';
import { createPrior } from '../priors/create-prior';
import { DenseEmbedding } from './dense-embedding';
import { EncoderBlock } from './encoder-block';
import { LayerNorm } from './layer-norm';
import { LowRankEmbedding, batchTokens } from './low-rank-embedding';
import { PAD_ID, paddingKeyBias } from './multi-head-attention';
import type { TokenEmbedding } from './token-embedding';
import { resolveTransformerSpec } from './transformer-spec';
import type { ResolvedTransformerSpec, TransformerSpec } from './transformer-spec';

/** Floats of the activations of a prediction chunk, all S draws together (about 32 MB). */
const PREDICTION_ACTIVATION_BUDGET = 8_000_000;

/** Low-rank matrices per encoder block: W_Q, W_K, W_V, W_O, W1, W2. */
const MATRICES_PER_BLOCK = 6;

/** (ours) Std of the initial learned positional embeddings: small next to the token embeddings' 0.36 / sqrt(d). */
const POSITION_INIT_STD = 0.02;

/**
 * The low-rank Bayesian Transformer encoder classifier (METHOD.md section 3): a low-rank token
 * embedding with batch sparsity, learned positions, pre-norm encoder blocks with low-rank attention
 * and FFN matrices, a final LayerNorm, CLS pooling (position 0) and a low-rank head. A baseline
 * method (section 5) replaces every weight matrix, the embedding included, by its own.
 * Records are [L] int32 token ids, 0 = [PAD]; the output is [B, outputDim] logits.
 */
export class BayesianTransformerClassifier implements BayesianModel {
  readonly spec: ResolvedTransformerSpec;
  readonly method: LayerMethod;
  readonly input: RecordInput;
  readonly outputDim: number;
  readonly activationFloatsPerRecord: number;
  readonly embedding: TokenEmbedding;
  /** [maxLen, d], deterministic and trainable. */
  readonly position: tf.Variable;
  readonly blocks: EncoderBlock[];
  readonly finalNorm: LayerNorm;
  readonly head: DenseLayer;

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
      activation,
      method
    } = this.spec;
    this.method = method;
    this.input = { shape: [maxLen], dtype: 'int32' };
    this.outputDim = outputDim;
    // Per record and draw, the largest activation: the attention weights [heads, L, L] or the FFN's [L, ff].
    this.activationFloatsPerRecord = Math.max(heads * maxLen * maxLen, ff * maxLen, d * maxLen);
    const prior = createPrior(this.spec.prior);
    const rng = createRng(this.spec.seed);
    const embeddingSeed = rng.seed();
    this.embedding =
      method === 'sbnn' || method === 'lr-svd'
        ? new LowRankEmbedding({ vocabSize, dim: d, rank, prior, seed: embeddingSeed })
        : new DenseEmbedding({ method, vocabSize, dim: d, prior, seed: embeddingSeed });
    const positionSeed = rng.seed();
    this.position = tf.tidy(() =>
      tf.variable(tf.randomNormal([maxLen, d], 0, POSITION_INIT_STD, 'float32', positionSeed), true)
    );
    this.blocks = Array.from(
      { length: layers },
      () => new EncoderBlock({ dim: d, heads, ff, rank, activation, prior, seed: rng.seed(), method })
    );
    this.finalNorm = new LayerNorm(d);
    this.head = createDense(method, {
      inputDim: d,
      outputDim,
      rank: headRank,
      prior,
      seed: rng.seed(),
      init: 'glorot'
    });
  }

  /** Every weight matrix except the embedding, in draw order: the blocks' six each, then the head. */
  get denseLayers(): DenseLayer[] {
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
        ...samples.map((sample, i) => (layers[i] as DenseLayer).kl(sample))
      ]);
      return { output, kl };
    });
  }

  /**
   * S draws for prediction (METHOD.md section 4), stacked and applied to each chunk at once: every
   * product is one batched matMul over the S draws ([S, B L, d] x [S, d, r]), which the wasm kernel
   * fixes (compute/wasm-kernels.ts) run as fast as S single products.
   */
  drawSamples(count: number, seed: number): WeightSamples {
    const drawn = drawCount(this.method, count);
    const rng = createRng(seed);
    const embedding = this.embedding.drawMany(drawn, rng.seed());
    const weights = this.denseLayers.map((layer) => layer.drawMany(drawn, rng.seed()));
    return {
      count: drawn,
      apply: (x) => tf.tidy(() => this.encode(x, embedding, weights) as tf.Tensor3D),
      dispose: () => {
        this.embedding.disposeDraw(embedding);
        weights.forEach(disposeWeights);
      }
    };
  }

  /** Records per chunk so that the S draws' activations of a chunk stay within the prediction budget. */
  predictionChunkSize(samples: number): number {
    return Math.max(1, Math.floor(PREDICTION_ACTIVATION_BUDGET / (samples * this.activationFloatsPerRecord)));
  }

  /**
   * ids [B, L] (L <= maxLen) -> logits [B, K] for a single draw, [S, B, K] for stacked draws.
   * Trailing positions that are [PAD] in every record are dropped first: they change no real output
   * (the mask silences them as keys), so the result is exact and short batches run faster.
   */
  private encode(x: tf.Tensor, embeddingDraw: unknown, weights: DenseWeights[]): tf.Tensor {
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
    const embedded = this.embedding.embed(tokens, embeddingDraw); // [B, L, d] or [S, B, L, d]
    const groups = embedded.rank === 4 ? (embedded.shape[0] ?? 1) : 1;
    const keyBias = trimmed.includes(PAD_ID) ? paddingKeyBias(ids, groups) : null;
    let h = tf.add(embedded, tf.slice(this.position, [0, 0], [used, -1]));
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
    return [
      ...this.embedding.namedVariables('embedding'),
      { name: 'position', variable: this.position },
      ...this.blocks.flatMap((block, i) => [
        ...block.attentionNorm.namedVariables(`block${i}.attentionNorm`),
        ...block.attention.query.namedVariables(`block${i}.query`),
        ...block.attention.key.namedVariables(`block${i}.key`),
        ...block.attention.value.namedVariables(`block${i}.value`),
        ...block.attention.output.namedVariables(`block${i}.output`),
        ...block.feedForwardNorm.namedVariables(`block${i}.feedForwardNorm`),
        ...block.feedForwardIn.namedVariables(`block${i}.feedForwardIn`),
        ...block.feedForwardOut.namedVariables(`block${i}.feedForwardOut`)
      ]),
      ...this.finalNorm.namedVariables('finalNorm'),
      ...this.head.namedVariables('head')
    ];
  }

  /** embedding, block0.query, block0.key, block0.value, block0.output, block0.feedForwardIn, block0.feedForwardOut, ..., head. */
  weightMatrices(): WeightMatrix[] {
    return [
      this.embedding.weightMatrix('embedding'),
      ...this.blocks.flatMap((block, i) =>
        (
          [
            ['query', block.attention.query],
            ['key', block.attention.key],
            ['value', block.attention.value],
            ['output', block.attention.output],
            ['feedForwardIn', block.feedForwardIn],
            ['feedForwardOut', block.feedForwardOut]
          ] as const
        ).map(([role, layer]) => denseMatrix(`block${i}.${role}`, layer))
      ),
      denseMatrix('head', this.head)
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
