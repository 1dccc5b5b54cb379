import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { methodParamCount } from '@shared/model/param-count';
import type { BayesianModel } from '../../../src-main/model/bayesian-model';
import { DeepEnsemble, buildEnsemble } from '../../../src-main/model/ensemble';
import { predict } from '../../../src-main/model/predictor';
import type { Predictive } from '../../../src-main/model/predictor';
import { exportModel, importModel } from '../../../src-main/model/serialization';
import type { SavedPosterior } from '../../../src-main/model/serialization';
import { buildTiny, likelihoodOf, shapeOf, tinyData } from './baselines/fixtures';
import { expectClose, useCpu } from './helpers';

beforeAll(useCpu);

const MEMBERS = 3;
const members = (arch: 'mlp' | 'lstm'): BayesianModel[] =>
  Array.from({ length: MEMBERS }, (_, k) => buildTiny(arch, 'deterministic', 20 + k));

/** Each member's network output for the records, [member][record] (outputDim 1). */
function memberOutputs(models: BayesianModel[], arch: 'mlp' | 'lstm', n: number): number[][] {
  const data = tinyData(arch, n, 6);
  const input = data.input ?? { shape: [], dtype: 'float32' };
  return models.map((m) =>
    tf.tidy(() =>
      Array.from(
        m.forward(tf.tensor(data.xTrain, [n, ...input.shape], input.dtype), 'mean').output.dataSync()
      )
    )
  );
}

/**
 * Each member's output on `n` records ([member][record]) and the ensemble's predictive on them
 * with S = `samples`.
 */
function ensembleAndMembers(
  arch: 'mlp' | 'lstm',
  n: number,
  samples: number
): { outputs: number[][]; prediction: Predictive } {
  const parts = members(arch);
  const outputs = memberOutputs(parts, arch, n);
  const ensemble = buildEnsemble(parts);
  const likelihood = likelihoodOf(arch);
  const data = tinyData(arch, n, 6);
  const prediction = predict(ensemble, likelihood, data.xTrain, n, { samples, seed: 1, intervalLevel: 0.9 });
  ensemble.dispose();
  likelihood.dispose();
  return { outputs, prediction };
}

const entropy = (p: number): number =>
  (p > 0 ? -p * Math.log(p) : 0) + (p < 1 ? -(1 - p) * Math.log(1 - p) : 0);

describe('deep ensemble (METHOD.md section 5)', () => {
  it('classification: p_bar, aleatoric and epistemic are the section 4 formulas over members', () => {
    const n = 10;
    const { outputs, prediction: p } = ensembleAndMembers('mlp', n, 100);
    if (p.kind !== 'classification') throw new Error('expected classification');
    for (let i = 0; i < n; i++) {
      const probs = outputs.map((o) => 1 / (1 + Math.exp(-(o[i] ?? NaN))));
      const pBar = probs.reduce((a, b) => a + b, 0) / MEMBERS;
      const aleatoric = probs.map(entropy).reduce((a, b) => a + b, 0) / MEMBERS;
      expectClose([p.probs[2 * i + 1] ?? NaN], [pBar], 1e-5);
      expectClose([p.aleatoric[i] ?? NaN], [aleatoric], 1e-4, 1e-6);
      expectClose([p.epistemic[i] ?? NaN], [Math.max(entropy(pBar) - aleatoric, 0)], 1e-3, 1e-5);
    }
  });

  it('regression: the mean and epistemic std are the mean and std of the member means', () => {
    const n = 6;
    const { outputs, prediction: p } = ensembleAndMembers('lstm', n, 7);
    if (p.kind !== 'regression') throw new Error('expected regression');
    for (let i = 0; i < n; i++) {
      const means = outputs.map((o) => o[i] ?? NaN);
      const mean = means.reduce((a, b) => a + b, 0) / MEMBERS;
      const variance = means.reduce((a, m) => a + (m - mean) ** 2, 0) / MEMBERS;
      expectClose([p.mean[i] ?? NaN], [mean], 1e-5, 1e-6);
      expectClose([p.epistemicStd[i] ?? NaN], [Math.sqrt(variance)], 1e-4, 1e-6);
    }
  });

  it('draws one network per member, counts all members, names variables member{k}.', () => {
    const parts = members('mlp');
    const ensemble = buildEnsemble(parts);
    const samples = ensemble.drawSamples(50, 3);
    expect(samples.count).toBe(MEMBERS);
    samples.dispose();
    expect(ensemble.paramCount).toBe(methodParamCount(shapeOf('mlp'), 'ensemble', MEMBERS));
    expect(ensemble.namedVariables().map((v) => v.name)).toEqual(
      parts.flatMap((m, k) => m.namedVariables().map((v) => `member${k}.${v.name}`))
    );
    expect(() => tf.tidy(() => ensemble.forward(tf.zeros([1, 3]), 'mean'))).toThrow(/not trained as a whole/);
    ensemble.dispose();
  });

  it('round-trips through exportModel / importModel to identical predictions', () => {
    const ensemble = buildEnsemble(members('lstm'));
    const likelihood = likelihoodOf('lstm');
    const saved = JSON.parse(JSON.stringify(exportModel(ensemble, likelihood))) as SavedPosterior;
    expect(saved.spec.method).toBe('ensemble');
    const restored = importModel(saved);
    expect(restored.model).toBeInstanceOf(DeepEnsemble);
    const data = tinyData('lstm', 8, 4);
    const options = { samples: 5, seed: 2, intervalLevel: 0.95 };
    expect(predict(restored.model, restored.likelihood, data.xTrain, 8, options)).toEqual(
      predict(ensemble, likelihood, data.xTrain, 8, options)
    );
    for (const m of [ensemble, restored.model]) m.dispose();
    for (const l of [likelihood, restored.likelihood]) l.dispose();
  });

  it('refuses members that are not deterministic networks of one architecture', () => {
    const [det, bayes, other] = [
      buildTiny('mlp', 'deterministic'),
      buildTiny('mlp', 'bbb'),
      buildTiny('lstm', 'deterministic')
    ];
    expect(() => buildEnsemble([det, bayes])).toThrow(/deterministic/);
    expect(() => buildEnsemble([det, other])).toThrow(/architecture/);
    expect(() => buildEnsemble([])).toThrow(/at least one/);
    for (const m of [det, bayes, other]) m.dispose();
  });
});
