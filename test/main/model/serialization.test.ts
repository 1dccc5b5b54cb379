import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/errors';
import { buildMlp } from '../../../src-main/model/bayesian-mlp';
import type { MlpSpec } from '../../../src-main/model/bayesian-mlp';
import { CategoricalLikelihood } from '../../../src-main/model/likelihoods/categorical';
import { GaussianLikelihood } from '../../../src-main/model/likelihoods/gaussian';
import { predict } from '../../../src-main/model/predictor';
import { exportModel, importModel } from '../../../src-main/model/serialization';
import type { SavedPosterior } from '../../../src-main/model/serialization';
import { useCpu } from './helpers';

beforeAll(useCpu);

const spec: MlpSpec = {
  inputDim: 4,
  outputDim: 3,
  hidden: [6],
  ranks: [2, 3],
  prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) },
  seed: 1
};
const x = Float32Array.from({ length: 20 }, (_, i) => Math.cos(i) * 3);
const opts = { samples: 25, seed: 77, intervalLevel: 0.95 };

/** Moves every variable off its initial value with irrational-looking float32 numbers. */
function perturb(variables: tf.Variable[]): void {
  tf.tidy(() =>
    variables.forEach((v, i) => v.assign(tf.add(v, tf.randomNormal(v.shape, 0, 0.3, 'float32', 100 + i))))
  );
}

describe('exportModel / importModel', () => {
  it('a JSON round trip restores every variable bit for bit and predictions are identical', () => {
    const model = buildMlp(spec);
    const lik = new CategoricalLikelihood(3, [1, 2, 0.5]);
    perturb(model.trainableVariables);
    const json = JSON.stringify(exportModel(model, lik));
    const restored = importModel(JSON.parse(json) as SavedPosterior);
    const original = model.namedVariables();
    restored.model.namedVariables().forEach(({ name, variable }, i) => {
      expect(name).toBe(original[i]?.name);
      expect(Array.from(variable.dataSync())).toEqual(Array.from(original[i]?.variable.dataSync() ?? []));
    });
    expect(restored.likelihood.config).toEqual({
      kind: 'categorical',
      classes: 3,
      classWeights: [1, 2, 0.5]
    });
    const a = predict(model, lik, x, 5, opts);
    const b = predict(restored.model, restored.likelihood, x, 5, opts);
    expect(b).toEqual(a);
    model.dispose();
    restored.model.dispose();
  });

  it("keeps the Gaussian likelihood's learned log-sigma", () => {
    const model = buildMlp({ ...spec, outputDim: 1 });
    const lik = new GaussianLikelihood(-0.7123);
    const restored = importModel(JSON.parse(JSON.stringify(exportModel(model, lik))) as SavedPosterior);
    expect(restored.likelihood.task === 'regression' && restored.likelihood.noiseStd()).toBe(lik.noiseStd());
    expect(predict(restored.model, restored.likelihood, x, 5, opts)).toEqual(predict(model, lik, x, 5, opts));
    [model, restored.model, lik, restored.likelihood].forEach((o) => o.dispose());
  });

  it('refuses a damaged file with BAD_DATA and leaks nothing', () => {
    const model = buildMlp(spec);
    const lik = new CategoricalLikelihood(3);
    const saved = exportModel(model, lik);
    const before = tf.memory().numTensors;
    const broken: SavedPosterior[] = [
      { ...saved, variables: saved.variables.slice(1) },
      { ...saved, variables: saved.variables.map((v, i) => (i === 2 ? { ...v, shape: [1, 1] } : v)) },
      {
        ...saved,
        variables: saved.variables.map((v, i) => (i === 0 ? { ...v, values: v.values.map(() => NaN) } : v))
      },
      { ...saved, format: 'other' as SavedPosterior['format'] }
    ];
    for (const b of broken) {
      const err = (() => {
        try {
          importModel(b);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('BAD_DATA');
    }
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
