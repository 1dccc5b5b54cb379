import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/errors';
import { BayesianLstmRegressor } from '../../../src-main/model/bayesian-lstm';
import type { LstmRegressorSpec } from '../../../src-main/model/bayesian-lstm';
import { BayesianMlp } from '../../../src-main/model/bayesian-mlp';
import { GaussianLikelihood } from '../../../src-main/model/likelihoods/gaussian';
import { predict } from '../../../src-main/model/predictor';
import { exportModel, importModel } from '../../../src-main/model/serialization';
import type { SavedPosterior } from '../../../src-main/model/serialization';
import { trainModel } from '../../../src-main/model/trainer';
import { smallMlp, useCpu } from './helpers';

beforeAll(useCpu);

const window = 8;

/**
 * Sliding windows over a noisy sine of period 16 steps: inputs [n, window, 1] are the last `window`
 * values, the target is the next one. Noise from a fixed LCG so the data are the same every run.
 */
function sineWindows(start: number, n: number): { x: Float32Array; y: Float32Array; last: Float32Array } {
  let state = 12345 + start;
  const noise = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state / 2147483648 - 0.5) * 0.1;
  };
  const series = Array.from(
    { length: start + n + window },
    (_, t) => Math.sin((2 * Math.PI * t) / 16) + noise()
  );
  const x = new Float32Array(n * window);
  const y = new Float32Array(n);
  const last = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = start + i;
    for (let k = 0; k < window; k++) x[i * window + k] = series[t0 + k] ?? NaN;
    y[i] = series[t0 + window] ?? NaN;
    last[i] = series[t0 + window - 1] ?? NaN;
  }
  return { x, y, last };
}

const spec: LstmRegressorSpec = {
  arch: 'lstm',
  inputFeatures: 1,
  window,
  hidden: 8,
  layers: 1,
  rankIh: 1,
  rankHh: 4,
  prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) },
  seed: 2
};

describe('the trainer and predictor on the LSTM regressor', () => {
  it('learns a sine wave: the loss decreases and the test MAE beats the persistence forecast', async () => {
    const train = sineWindows(0, 160);
    const val = sineWindows(300, 48);
    const test = sineWindows(400, 64);
    const model = new BayesianLstmRegressor(spec);
    const likelihood = new GaussianLikelihood();
    const outcome = await trainModel(
      model,
      likelihood,
      {
        xTrain: train.x,
        yTrain: train.y,
        nTrain: 160,
        xVal: val.x,
        yVal: val.y,
        nVal: 48,
        input: { shape: [window, 1], dtype: 'float32' }
      },
      {
        epochs: 25,
        batchSize: 32,
        lr: 0.02,
        beta: 1,
        annealZeroEpochs: 2,
        annealRampEpochs: 5,
        patience: 30,
        seed: 7
      }
    );
    const first = outcome.epochs[0]?.nll ?? NaN;
    const best = outcome.epochs[outcome.bestEpoch - 1]?.nll ?? NaN;
    expect(best).toBeLessThan(first - 0.5);
    const p = predict(model, likelihood, test.x, 64, { samples: 20, seed: 3, intervalLevel: 0.95 });
    if (p.kind !== 'regression') throw new Error('expected a regression predictive');
    const mae = (pred: ArrayLike<number>): number =>
      Array.from(test.y).reduce((s, y, i) => s + Math.abs(y - (pred[i] ?? NaN)), 0) / 64;
    // Persistence: next value = last observed, MAE about 0.25 for this period.
    expect(mae(p.mean)).toBeLessThan(0.5 * mae(test.last));
    model.dispose();
    likelihood.dispose();
  }, 60_000);

  it('refuses windows of the wrong layout with BAD_REQUEST', async () => {
    const model = new BayesianLstmRegressor(spec);
    const likelihood = new GaussianLikelihood();
    const data = sineWindows(0, 4);
    const err = await trainModel(
      model,
      likelihood,
      { xTrain: data.x, yTrain: data.y, nTrain: 4, xVal: data.x, yVal: data.y, nVal: 4, inputDim: window },
      {
        epochs: 1,
        batchSize: 2,
        lr: 0.01,
        beta: 1,
        annealZeroEpochs: 0,
        annealRampEpochs: 0,
        patience: 1,
        seed: 1
      }
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('BAD_REQUEST');
    expect((err as AppError).message).toMatch(/records \[8\] float32 != model input \[8, 1\] float32/);
    model.dispose();
    likelihood.dispose();
  });
});

describe('saving an LSTM posterior', () => {
  it('round-trips through JSON to identical predictions', () => {
    const model = new BayesianLstmRegressor(spec);
    const likelihood = new GaussianLikelihood(-0.4321);
    tf.tidy(() =>
      model.trainableVariables.forEach((v, i) =>
        v.assign(tf.add(v, tf.randomNormal(v.shape, 0, 0.2, 'float32', 50 + i)))
      )
    );
    const saved = exportModel(model, likelihood);
    expect(saved.arch).toBe('lstm');
    expect(saved.version).toBe(3);
    const restored = importModel(JSON.parse(JSON.stringify(saved)) as SavedPosterior);
    expect(restored.model).toBeInstanceOf(BayesianLstmRegressor);
    expect(restored.model.spec).toEqual(model.spec);
    const x = sineWindows(0, 10).x;
    const opts = { samples: 16, seed: 9, intervalLevel: 0.9 };
    expect(predict(restored.model, restored.likelihood, x, 10, opts)).toEqual(
      predict(model, likelihood, x, 10, opts)
    );
    [model, likelihood, restored.model, restored.likelihood].forEach((o) => o.dispose());
  });

  it('still reads a version 1 file (an MLP without the arch tag)', () => {
    const model = smallMlp(1, 1);
    const likelihood = new GaussianLikelihood();
    const { arch: _arch, spec: tagged, ...rest } = exportModel(model, likelihood);
    const { arch: _tag, ...untagged } = tagged as { arch: string };
    const v1 = { ...rest, version: 1, spec: untagged } as SavedPosterior;
    const restored = importModel(JSON.parse(JSON.stringify(v1)) as SavedPosterior);
    expect(restored.model).toBeInstanceOf(BayesianMlp);
    const x = Float32Array.from({ length: 6 }, (_, i) => i / 3);
    const opts = { samples: 5, seed: 2, intervalLevel: 0.95 };
    expect(predict(restored.model, restored.likelihood, x, 2, opts)).toEqual(
      predict(model, likelihood, x, 2, opts)
    );
    [model, likelihood, restored.model, restored.likelihood].forEach((o) => o.dispose());
  });

  it('refuses an unknown or unloaded architecture, and a broken spec, with BAD_DATA', () => {
    const model = new BayesianLstmRegressor(spec);
    const likelihood = new GaussianLikelihood();
    const saved = exportModel(model, likelihood);
    const cases: SavedPosterior[] = [
      { ...saved, arch: 'gru' as SavedPosterior['arch'] },
      { ...saved, spec: { ...saved.spec, hidden: -1 } as SavedPosterior['spec'] }
    ];
    for (const c of cases) {
      const err = (() => {
        try {
          importModel(c);
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('BAD_DATA');
    }
    model.dispose();
    likelihood.dispose();
  });
});
