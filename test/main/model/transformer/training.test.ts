import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../src-shared/math/random';
import { BernoulliLikelihood } from '../../../../src-main/model/likelihoods/bernoulli';
import { predict } from '../../../../src-main/model/predictor';
import { exportModel, importModel } from '../../../../src-main/model/serialization';
import { trainModel } from '../../../../src-main/model/trainer';
import { BayesianTransformerClassifier } from '../../../../src-main/model/transformer/bayesian-transformer';
import '../../../../src-main/model/transformer/register-transformer';
import { useCpu } from '../helpers';

beforeAll(useCpu);

const LENGTH = 8;
const MARKER = 7;

/**
 * [CLS] + 2..7 random tokens from 3..15 + padding; label 1 when the marker token 7 is present.
 * Half the records get the marker at a random position, so only attention to it can tell them apart.
 */
function records(n: number, seed: number): { x: Int32Array; y: Float32Array } {
  const rng = createRng(seed);
  const x = new Int32Array(n * LENGTH);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const used = 2 + rng.int(6);
    x[i * LENGTH] = 2;
    for (let j = 1; j <= used; j++) {
      let t = 3 + rng.int(13);
      while (t === MARKER) t = 3 + rng.int(13);
      x[i * LENGTH + j] = t;
    }
    if (i % 2 === 0) {
      x[i * LENGTH + 1 + rng.int(used)] = MARKER;
      y[i] = 1;
    }
  }
  return { x, y };
}

describe('training the Transformer with the shared trainer', () => {
  it('learns a token-presence task (the loss falls, held-out accuracy is high) and round-trips', async () => {
    const model = new BayesianTransformerClassifier({
      arch: 'transformer',
      vocabSize: 16,
      maxLen: LENGTH,
      dModel: 16,
      layers: 1,
      heads: 2,
      ff: 32,
      rank: 4,
      outputDim: 1,
      prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) },
      seed: 3
    });
    const likelihood = new BernoulliLikelihood();
    const train = records(256, 1);
    const val = records(64, 2);
    const before = tf.memory().numTensors;
    const outcome = await trainModel(
      model,
      likelihood,
      {
        xTrain: train.x,
        yTrain: train.y,
        nTrain: 256,
        xVal: val.x,
        yVal: val.y,
        nVal: 64,
        input: model.input
      },
      {
        epochs: 9,
        batchSize: 64,
        lr: 0.02,
        beta: 1,
        annealZeroEpochs: 1,
        annealRampEpochs: 3,
        patience: 9,
        seed: 4
      }
    );
    expect(tf.memory().numTensors).toBe(before);
    const first = outcome.epochs[0];
    const best = outcome.epochs[outcome.bestEpoch - 1];
    if (!first || !best) throw new Error('no epochs');
    expect(best.nll).toBeLessThan(0.5 * first.nll);
    expect(best.valMetric).toBeGreaterThanOrEqual(0.9);

    const test = records(64, 3);
    const predictive = predict(model, likelihood, test.x, 64, { samples: 8, seed: 1, intervalLevel: 0.9 });
    if (predictive.kind !== 'classification') throw new Error('kind');
    const correct = Array.from(test.y).filter(
      (label, i) => ((predictive.probs[i * 2 + 1] ?? 0) > 0.5 ? 1 : 0) === label
    );
    expect(correct.length / 64).toBeGreaterThanOrEqual(0.85);

    // importModel rebuilds the Transformer from its saved spec through the architecture registry.
    const saved = JSON.parse(JSON.stringify(exportModel(model, likelihood))) as ReturnType<
      typeof exportModel
    >;
    const restored = importModel(saved);
    const again = predict(restored.model, restored.likelihood, test.x, 64, {
      samples: 8,
      seed: 1,
      intervalLevel: 0.9
    });
    if (again.kind !== 'classification') throw new Error('kind');
    expect(Array.from(again.probs)).toEqual(Array.from(predictive.probs));
    restored.model.dispose();
    model.dispose();
  });
});
