import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { BayesianTransformerClassifier } from '../../../../src-main/model/transformer/bayesian-transformer';
import type { TransformerSpec } from '../../../../src-main/model/transformer/transformer-spec';

/** Produced by test/fixtures/model/transformer/reference.py (PyTorch, float64, from float32 inputs). */
export interface TransformerReference {
  shape: {
    vocabSize: number;
    maxLen: number;
    dModel: number;
    heads: number;
    ff: number;
    rank: number;
    outputDim: number;
    layers: number;
  };
  prior: { pi: number; sigma1: number; sigma2: number };
  ids: number[][];
  variables: Record<string, { shape: number[]; values: number[] }>;
  embedded: number[];
  block0: number[];
  logits: number[];
  klAtMean: number;
}

export const reference = JSON.parse(
  readFileSync(resolve(__dirname, '../../../fixtures/model/transformer/reference.json'), 'utf8')
) as TransformerReference;

export const referenceSpec: TransformerSpec = {
  arch: 'transformer',
  ...reference.shape,
  activation: 'gelu',
  prior: { kind: 'scale-mixture', ...reference.prior },
  seed: 5
};

/** The reference model: the spec above with every variable set to the fixture's values. */
export function referenceModel(): BayesianTransformerClassifier {
  const model = new BayesianTransformerClassifier(referenceSpec);
  tf.tidy(() => {
    for (const { name, variable } of model.namedVariables()) {
      const saved = reference.variables[name];
      if (!saved) throw new Error(`The fixture has no variable ${name}.`);
      variable.assign(tf.tensor(saved.values, saved.shape));
    }
  });
  return model;
}

export function referenceIds(): tf.Tensor2D {
  return tf.tensor2d(reference.ids, undefined, 'int32');
}
