import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { Arch } from '@shared/domain/config';
import { methodParamCount } from '@shared/model/param-count';
import type { BayesianModel } from '../../../../src-main/model/bayesian-model';
import type { Likelihood } from '../../../../src-main/model/likelihoods/likelihood';
import { predict } from '../../../../src-main/model/predictor';
import type { Predictive } from '../../../../src-main/model/predictor';
import { exportModel, importModel } from '../../../../src-main/model/serialization';
import type { SavedPosterior } from '../../../../src-main/model/serialization';
import { trainModel } from '../../../../src-main/model/trainer';
import { LAYER_METHODS, TINY_TRAINING, buildTiny, likelihoodOf, shapeOf, tinyData } from './fixtures';

/** Moves every variable away from its seeded initial value, so a rebuilt-but-not-loaded model would differ. */
function perturb(model: BayesianModel, seed: number): void {
  tf.tidy(() =>
    model.namedVariables().forEach(({ variable }, i) => {
      variable.assign(tf.add(variable, tf.randomNormal(variable.shape, 0, 0.05, 'float32', seed + i)));
    })
  );
}

function predictTiny(model: BayesianModel, likelihood: Likelihood, arch: Arch): Predictive {
  const data = tinyData(arch, 16, 9);
  return predict(model, likelihood, data.xTrain, data.nTrain, { samples: 6, seed: 4, intervalLevel: 0.9 });
}

/** Training, serialization and parameter counts of every method on a tiny network of `arch`. */
export function describeBaselines(arch: Arch): void {
  describe(`${arch}, every method (METHOD.md section 5)`, () => {
    for (const method of LAYER_METHODS) {
      it(`${method}: trains on a tiny problem with a decreasing loss`, async () => {
        const model = buildTiny(arch, method);
        const likelihood = likelihoodOf(arch);
        const out = await trainModel(model, likelihood, tinyData(arch, 128), TINY_TRAINING);
        const [first, last] = [out.epochs[0]?.nll ?? NaN, out.epochs.at(-1)?.nll ?? NaN];
        expect(last).toBeLessThan(first);
        model.dispose();
        likelihood.dispose();
      });

      it(`${method}: exportModel / importModel round-trips to identical predictions`, () => {
        const model = buildTiny(arch, method);
        const likelihood = likelihoodOf(arch);
        perturb(model, 100);
        const saved = JSON.parse(JSON.stringify(exportModel(model, likelihood))) as SavedPosterior;
        expect(saved.spec.method).toBe(method);
        const restored = importModel(saved);
        expect(restored.model.method).toBe(method);
        expect(restored.model.constructor).toBe(model.constructor);
        expect(predictTiny(restored.model, restored.likelihood, arch)).toEqual(
          predictTiny(model, likelihood, arch)
        );
        for (const m of [model, restored.model]) m.dispose();
        for (const l of [likelihood, restored.likelihood]) l.dispose();
      });

      it(`${method}: paramCount plus the likelihood's equals the shared formula`, () => {
        const model = buildTiny(arch, method);
        const likelihood = likelihoodOf(arch);
        const likelihoodParams = likelihood.variables.reduce((sum, v) => sum + v.size, 0);
        expect(model.paramCount + likelihoodParams).toBe(methodParamCount(shapeOf(arch), method));
        model.dispose();
        likelihood.dispose();
      });
    }

    it('deterministic: the KL is 0 and prediction makes one draw, so no epistemic uncertainty', () => {
      const model = buildTiny(arch, 'deterministic');
      const likelihood = likelihoodOf(arch);
      const data = tinyData(arch, 8, 2);
      const input = data.input ?? model.input;
      tf.tidy(() => {
        const x = tf.tensor(data.xTrain, [data.nTrain, ...input.shape], input.dtype);
        const seeded = model.forward(x, 3);
        expect(seeded.kl.dataSync()[0]).toBe(0);
        expect(Array.from(seeded.output.dataSync())).toEqual(
          Array.from(model.forward(x, 'mean').output.dataSync())
        );
      });
      const samples = model.drawSamples(20, 1);
      expect(samples.count).toBe(1);
      samples.dispose();
      const p = predictTiny(model, likelihood, arch);
      const epistemic = p.kind === 'classification' ? p.epistemic : p.epistemicStd;
      expect(Array.from(epistemic).every((v) => v === 0)).toBe(true);
      model.dispose();
      likelihood.dispose();
    });
  });
}
