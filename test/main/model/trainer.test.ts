import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/errors';
import type { EpochMetrics } from '@shared/domain/records';
import { buildMlp } from '../../../src-main/model/bayesian-mlp';
import { BernoulliLikelihood } from '../../../src-main/model/likelihoods/bernoulli';
import { GaussianLikelihood } from '../../../src-main/model/likelihoods/gaussian';
import { klWeight, trainModel } from '../../../src-main/model/trainer';
import { validate } from '../../../src-main/model/training/validation';
import {
  EARLY_STOP_OPTIONS,
  TRAINER_OPTIONS as options,
  TRAINER_SPEC as spec,
  syntheticTrainData as synthetic,
  useCpu,
  withoutTime
} from './helpers';

beforeAll(useCpu);

describe('klWeight (METHOD.md section 2)', () => {
  it('is 0 for the zero epochs, then ramps linearly to beta / N_train', () => {
    const o = { beta: 2, annealZeroEpochs: 2, annealRampEpochs: 4 };
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((e) => klWeight(e, o, 100))).toEqual([
      0, 0, 0.005, 0.01, 0.015, 0.02, 0.02, 0.02
    ]);
    expect(klWeight(1, { beta: 1, annealZeroEpochs: 0, annealRampEpochs: 0 }, 10)).toBe(0.1);
  });
});

describe('trainModel', () => {
  it('reduces the loss on a tiny separable problem and learns it', async () => {
    const model = buildMlp(spec);
    const lik = new BernoulliLikelihood();
    const out = await trainModel(model, lik, synthetic(256, 128, 'binary'), options);
    const [first, last] = [out.epochs[0], out.epochs.at(-1)];
    expect(out.epochs.length).toBe(12);
    expect(last?.nll).toBeLessThan((first?.nll ?? 0) * 0.6);
    expect(out.epochs.find((e) => e.epoch === out.bestEpoch)?.valMetric).toBeGreaterThan(0.85);
    expect(out.epochs.map((e) => e.klWeight)).toEqual(out.epochs.map((e) => klWeight(e.epoch, options, 256)));
    // Validation loss = NLL of the mean-weight prediction + (beta / N_train) * the epoch's mean KL.
    for (const e of out.epochs) expect(e.valLoss).toBeCloseTo(e.valNll + e.kl / 256, 10);
    // Training loss = NLL + beta_t / N * KL, averaged over the epoch.
    for (const e of out.epochs) expect(e.loss).toBeCloseTo(e.nll + e.klWeight * e.kl, 5);
    model.dispose();
  });

  it('learns a regression target with the Gaussian likelihood (RMSE and noise scale fall)', async () => {
    const model = buildMlp(spec);
    const lik = new GaussianLikelihood();
    const out = await trainModel(model, lik, synthetic(256, 128, 'regression'), { ...options, epochs: 15 });
    const best = out.epochs.find((e) => e.epoch === out.bestEpoch);
    expect(best?.valMetric).toBeLessThan(0.5 * (out.epochs[0]?.valMetric ?? 0));
    expect(lik.noiseStd()).toBeLessThan(0.7);
    model.dispose();
    lik.dispose();
  });

  it('the same seed twice gives identical epoch metrics', async () => {
    const data = synthetic(100, 40, 'binary');
    const runs: EpochMetrics[][] = [];
    for (let i = 0; i < 2; i++) {
      const model = buildMlp(spec);
      runs.push((await trainModel(model, new BernoulliLikelihood(), data, { ...options, epochs: 4 })).epochs);
      model.dispose();
    }
    expect(withoutTime(runs[0] ?? [])).toEqual(withoutTime(runs[1] ?? []));
    const other = buildMlp(spec);
    const third = (
      await trainModel(other, new BernoulliLikelihood(), data, { ...options, epochs: 4, seed: 4 })
    ).epochs;
    expect(withoutTime(third)).not.toEqual(withoutTime(runs[0] ?? []));
    other.dispose();
  });

  it('stops early after `patience` epochs without improvement and restores the best epoch', async () => {
    const model = buildMlp(spec);
    const lik = new BernoulliLikelihood();
    const data = synthetic(64, 32, 'binary', 5);
    const out = await trainModel(model, lik, data, EARLY_STOP_OPTIONS);
    expect(out.stoppedEarly).toBe(true);
    expect(out.epochs.length).toBe(out.bestEpoch + 2);
    const best = out.epochs[out.bestEpoch - 1];
    expect(out.epochs.every((e) => e.valLoss >= (best?.valLoss ?? 0))).toBe(true);
    const x = tf.tensor2d(data.xVal, [32, 2]);
    const y = tf.tensor1d(data.yVal);
    expect(validate(model, lik, x, y).nll).toBe(best?.valNll);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('leaks no tensors: constant count across steps, back to the start after training', async () => {
    const model = buildMlp(spec);
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    await trainModel(
      model,
      new BernoulliLikelihood(),
      synthetic(96, 32, 'binary'),
      { ...options, epochs: 3 },
      {
        onStep: (s) => {
          if (s.epoch >= 2) counts.push(tf.memory().numTensors);
        }
      }
    );
    expect(counts.length).toBe(6);
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('a NaN input stops training with TRAINING_DIVERGED, saying where and what to try', async () => {
    const model = buildMlp(spec);
    const data = synthetic(64, 16, 'binary');
    data.xTrain[10] = NaN;
    const before = tf.memory().numTensors;
    const err = await trainModel(model, new BernoulliLikelihood(), data, { ...options, batchSize: 64 }).catch(
      (e: unknown) => e
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('TRAINING_DIVERGED');
    expect((err as AppError).message).toMatch(/epoch 1, step 1 of 1/);
    expect((err as AppError).message).toMatch(/lower learning rate/);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('cancel stops after the current step with CANCELLED and frees everything', async () => {
    const model = buildMlp(spec);
    const before = tf.memory().numTensors;
    let steps = 0;
    const err = await trainModel(model, new BernoulliLikelihood(), synthetic(256, 32, 'binary'), options, {
      onStep: () => steps++,
      isCancelled: () => steps >= 3
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CANCELLED');
    expect(steps).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('reports progress per step and per epoch', async () => {
    const model = buildMlp(spec);
    const seen: string[] = [];
    await trainModel(
      model,
      new BernoulliLikelihood(),
      synthetic(50, 10, 'binary'),
      { ...options, epochs: 2, batchSize: 20 },
      {
        onStep: (s) => seen.push(`s${s.epoch}.${s.step}/${s.steps}`),
        onEpoch: (m) => seen.push(`e${m.epoch}`)
      }
    );
    expect(seen).toEqual(['s1.1/3', 's1.2/3', 's1.3/3', 'e1', 's2.1/3', 's2.2/3', 's2.3/3', 'e2']);
    model.dispose();
  });

  it('rejects data that does not match the model', async () => {
    const model = buildMlp({ ...spec, inputDim: 3 });
    const err = await trainModel(model, new BernoulliLikelihood(), synthetic(10, 5, 'binary'), options).catch(
      (e: unknown) => e
    );
    expect((err as AppError).code).toBe('BAD_REQUEST');
    model.dispose();
  });
});
