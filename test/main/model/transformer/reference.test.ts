import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchTokens } from '../../../../src-main/model/transformer/low-rank-embedding';
import { paddingKeyBias } from '../../../../src-main/model/transformer/multi-head-attention';
import { expectClose, useCpu } from '../helpers';
import { reference, referenceIds, referenceModel } from './fixture';

beforeAll(useCpu);

describe('BayesianTransformerClassifier against the PyTorch reference', () => {
  it('names exactly the fixture variables', () => {
    const model = referenceModel();
    expect(
      model
        .namedVariables()
        .map((v) => v.name)
        .sort()
    ).toEqual(Object.keys(reference.variables).sort());
    model.dispose();
  });

  it('logits of the mean draw (nn.MultiheadAttention with a key padding mask, CLS pooling)', () => {
    const model = referenceModel();
    tf.tidy(() => {
      const { output } = model.forward(referenceIds(), 'mean');
      expect(output.shape).toEqual([reference.ids.length, reference.shape.outputDim]);
      expectClose(Array.from(output.dataSync()), reference.logits, 1e-4, 1e-5);
    });
    model.dispose();
  });

  it('plug-in KL log q(mu) - log p(mu) over every factor, the whole embedding included', () => {
    const model = referenceModel();
    tf.tidy(() => {
      const kl = model.forward(referenceIds(), 'mean').kl.arraySync();
      expect(Math.abs(kl - reference.klAtMean)).toBeLessThan(1e-5 * Math.abs(reference.klAtMean));
    });
    model.dispose();
  });

  it('embedding plus positions, and the first block at every position', () => {
    const model = referenceModel();
    tf.tidy(() => {
      const ids = referenceIds();
      const [batch, length] = ids.shape;
      const tokens = batchTokens(ids.dataSync(), [batch, length], reference.shape.vocabSize);
      const h = tf.add(model.embedding.embed(tokens, model.embedding.draw('mean')), model.position);
      expectClose(Array.from(h.dataSync()), reference.embedded, 1e-5, 1e-6);
      const block = model.blocks[0];
      if (!block) throw new Error('no block');
      const weights = block.denseLayers.map((layer) => layer.draw('mean'));
      const out = block.apply(h, paddingKeyBias(ids, 1), weights, false);
      expectClose(Array.from(out.dataSync()), reference.block0, 1e-4, 1e-5);
    });
    model.dispose();
  });
});
