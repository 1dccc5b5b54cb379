import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CategoricalLikelihood } from '../../../../src-main/model/likelihoods/categorical';
import { BayesianTransformerClassifier } from '../../../../src-main/model/transformer/bayesian-transformer';
import { useCpu } from '../helpers';

beforeAll(useCpu);

const IDS = [
  [2, 5, 7, 3, 0, 0],
  [2, 9, 4, 1, 6, 10],
  [2, 8, 0, 0, 0, 0]
];
const LABELS = [0, 2, 1];
/** (variable, flat entry) pairs covering every kind of parameter; row 5 of A_emb belongs to a token present. */
const PROBES: Array<[string, number]> = [
  ['embedding.a.mu', 5 * 3],
  ['embedding.a.rho', 5 * 3 + 1],
  ['embedding.b.mu', 3],
  ['position', 9],
  ['block0.attentionNorm.gain', 1],
  ['block0.query.a.mu', 4],
  ['block0.key.b.rho', 2],
  ['block0.value.bias.mu', 1],
  ['block0.output.a.mu', 0],
  ['block0.feedForwardIn.b.mu', 5],
  ['block1.query.a.mu', 2],
  ['block1.feedForwardOut.a.rho', 3],
  ['finalNorm.bias', 2],
  ['head.a.mu', 1],
  ['head.bias.mu', 0]
];

describe('gradients of a tiny Transformer', () => {
  it('match central finite differences of NLL + KL / 100 on a fixed draw', () => {
    const model = new BayesianTransformerClassifier({
      arch: 'transformer',
      vocabSize: 11,
      maxLen: 6,
      dModel: 6,
      layers: 2,
      heads: 2,
      ff: 8,
      rank: 3,
      outputDim: 3,
      activation: 'gelu',
      prior: { kind: 'gaussian', sigma: 1 },
      seed: 8
    });
    const likelihood = new CategoricalLikelihood(3);
    const x = tf.tensor2d(IDS, undefined, 'int32');
    const y = tf.tensor1d(LABELS);
    // Scale the initial values up so every path carries a gradient well above float32 noise.
    tf.tidy(() => {
      for (const { name, variable } of model.namedVariables()) {
        if (name.endsWith('.mu') || name === 'position') variable.assign(tf.mul(variable, 3));
      }
    });
    const loss = (): tf.Scalar =>
      tf.tidy(() => {
        const f = model.forward(x, 1234);
        return tf.add(likelihood.nll(f.output, y), tf.mul(0.01, f.kl));
      });
    const byName = new Map(model.namedVariables().map((v) => [v.name, v.variable]));
    const { value, grads } = tf.variableGrads(loss, model.trainableVariables);
    const h = 2e-3;
    for (const [name, entry] of PROBES) {
      const variable = byName.get(name);
      if (!variable) throw new Error(`no variable ${name}`);
      const values = variable.dataSync().slice();
      const at = (delta: number): number => {
        const shifted = values.slice();
        shifted[entry] = (values[entry] ?? 0) + delta;
        tf.tidy(() => variable.assign(tf.tensor(shifted, variable.shape)));
        const l = loss();
        const v = l.arraySync();
        l.dispose();
        return v;
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
      const analytic = (grads[variable.name] as tf.Tensor).dataSync()[entry] ?? NaN;
      expect(Math.abs(analytic - numeric), `${name}[${entry}]: ${analytic} vs ${numeric}`).toBeLessThan(
        3e-3 + 2e-2 * Math.abs(numeric)
      );
    }
    // The probes are not all trivially zero.
    const probeGrads = PROBES.map(([name, entry]) => {
      const v = byName.get(name);
      return v ? Math.abs((grads[v.name] as tf.Tensor).dataSync()[entry] ?? 0) : 0;
    });
    expect(probeGrads.filter((g) => g > 1e-2).length).toBeGreaterThanOrEqual(12);
    tf.dispose([value, x, y, ...Object.values(grads)]);
    model.dispose();
  });
});
