import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EpochMetrics } from '@shared/domain/records';
import { buildMlp } from '../../../../src-main/model/bayesian-mlp';
import { BernoulliLikelihood } from '../../../../src-main/model/likelihoods/bernoulli';
import { trainModel } from '../../../../src-main/model/trainer';
import type { TrainCheckpoint, TrainData, TrainOptions } from '../../../../src-main/model/trainer';
import { decodeCheckpoint, encodeCheckpoint } from '../../../../src-main/model/training/train-checkpoint';
import {
  EARLY_STOP_OPTIONS,
  TRAINER_OPTIONS,
  TRAINER_SPEC as spec,
  syntheticTrainData,
  useCpu,
  withoutTime
} from '../helpers';

const options: TrainOptions = { ...TRAINER_OPTIONS, epochs: 8 };

beforeAll(useCpu);

const data: TrainData = syntheticTrainData(200, 60, 'binary');

interface Trained {
  epochs: EpochMetrics[];
  bestEpoch: number;
  values: Float32Array[];
  checkpoints: TrainCheckpoint[];
}

/** Trains a fresh network (from the same spec), optionally from a checkpoint, saving every checkpoint. */
async function train(o: TrainOptions): Promise<Trained> {
  const model = buildMlp(spec);
  const likelihood = new BernoulliLikelihood();
  const checkpoints: TrainCheckpoint[] = [];
  try {
    const out = await trainModel(model, likelihood, data, o, {
      checkpoint: { everySeconds: 0, save: (c) => checkpoints.push(c) }
    });
    const values = model.trainableVariables.map((v) => Float32Array.from(v.dataSync()));
    return { epochs: out.epochs, bestEpoch: out.bestEpoch, values, checkpoints };
  } finally {
    model.dispose();
    likelihood.dispose();
  }
}

function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  let max = 0;
  a.forEach((values, i) => values.forEach((v, j) => (max = Math.max(max, Math.abs(v - (b[i]?.[j] ?? NaN))))));
  return max;
}

describe('resuming a training from a checkpoint', () => {
  it('continues as if it had never stopped: same epochs, same best epoch, same weights', async () => {
    const whole = await train(options);
    // One checkpoint after every epoch but the last.
    expect(whole.checkpoints.map((c) => c.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const at3 = whole.checkpoints[2] as TrainCheckpoint;
    expect(at3.history.map((e) => e.epoch)).toEqual([1, 2, 3]);

    const resumed = await train({ ...options, resumeFrom: at3 });
    expect(resumed.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(withoutTime(resumed.epochs.slice(0, 3))).toEqual(withoutTime(whole.epochs.slice(0, 3)));
    // Adam's bias corrections are recomputed with pow on resume: equal to float32 rounding.
    resumed.epochs.slice(3).forEach((e, i) => {
      const w = whole.epochs[i + 3] as EpochMetrics;
      expect(e.loss).toBeCloseTo(w.loss, 4);
      expect(e.valLoss).toBeCloseTo(w.valLoss, 4);
    });
    expect(resumed.bestEpoch).toBe(whole.bestEpoch);
    expect(maxAbsDiff(resumed.values, whole.values)).toBeLessThan(1e-4);
    // Checkpoints go on after the resume, numbered from the resumed epoch.
    expect(resumed.checkpoints.map((c) => c.epoch)).toEqual([4, 5, 6, 7]);
  });

  it('differs when the random stream is not restored (the comparison above can fail)', async () => {
    const whole = await train(options);
    const at3 = whole.checkpoints[2] as TrainCheckpoint;
    const wrongStream = await train({ ...options, resumeFrom: { ...at3, rngState: at3.rngState + 1 } });
    expect(maxAbsDiff(wrongStream.values, whole.values)).toBeGreaterThan(1e-3);
  });

  it('keeps the early-stopping state: stops at the same epoch and restores the same best weights', async () => {
    const stopping = EARLY_STOP_OPTIONS;
    const whole = await train(stopping);
    expect(whole.epochs.length).toBe(whole.bestEpoch + 2);
    // The last checkpoint is taken one epoch after the best: the best is behind it, not at it.
    const last = whole.checkpoints.at(-1) as TrainCheckpoint;
    expect(last.epoch).toBe(whole.bestEpoch + 1);
    expect(last.best).not.toBeNull();
    const resumed = await train({ ...stopping, resumeFrom: last });
    expect(resumed.epochs.length).toBe(whole.epochs.length);
    expect(resumed.bestEpoch).toBe(whole.bestEpoch);
    expect(maxAbsDiff(resumed.values, whole.values)).toBeLessThan(1e-5);
  });

  it('survives encoding: decode(encode(c)) holds the same state and resumes the same', async () => {
    const whole = await train(options);
    const at5 = whole.checkpoints[4] as TrainCheckpoint;
    const sizes = at5.current.map((v) => v.length);
    const decoded = decodeCheckpoint(encodeCheckpoint(at5), sizes);
    expect(decoded).toEqual(at5);
    const resumed = await train({ ...options, resumeFrom: decoded });
    expect(maxAbsDiff(resumed.values, whole.values)).toBeLessThan(1e-4);
  });

  it('frees every tensor it made to resume', async () => {
    const whole = await train({ ...options, epochs: 3 });
    const before = tf.memory().numTensors;
    const model = buildMlp(spec);
    const likelihood = new BernoulliLikelihood();
    const made = tf.memory().numTensors;
    await trainModel(model, likelihood, data, { ...options, resumeFrom: whole.checkpoints[1] });
    expect(tf.memory().numTensors).toBe(made);
    model.dispose();
    likelihood.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('decodeCheckpoint', () => {
  const checkpoint: TrainCheckpoint = {
    epoch: 2,
    rngState: 12345,
    bestEpoch: 1,
    bestLoss: 0.5,
    seconds: 3,
    history: [1, 2].map((epoch) => ({
      epoch,
      loss: 1,
      nll: 1,
      kl: 0,
      klWeight: 0,
      valLoss: 1,
      valNll: 1,
      valMetric: 0.5,
      seconds: 1
    })),
    optimizerIterations: 8,
    current: [Float32Array.of(1, 2), Float32Array.of(3)],
    best: [Float32Array.of(4, 5), Float32Array.of(6)],
    firstMoment: [Float32Array.of(7, 8), Float32Array.of(9)],
    secondMoment: [Float32Array.of(10, 11), Float32Array.of(12)]
  };

  it('lays the floats out as current, best, first and second moments, variable by variable', () => {
    const encoded = encodeCheckpoint(checkpoint);
    expect(Array.from(new Float32Array(encoded.data.slice().buffer))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
    ]);
    expect(encoded.meta).toMatchObject({ sizes: [2, 1], hasBest: true, epoch: 2, rngState: 12345 });
    const noBest = encodeCheckpoint({ ...checkpoint, best: null });
    expect(noBest.data.byteLength).toBe(9 * 4);
    expect(decodeCheckpoint(noBest, [2, 1]).best).toBeNull();
  });

  it('refuses a checkpoint of another network, a truncated one and one with non-finite values', () => {
    const encoded = encodeCheckpoint(checkpoint);
    expect(() => decodeCheckpoint(encoded, [3])).toThrow(/do not match the network/);
    expect(() => decodeCheckpoint({ ...encoded, data: encoded.data.slice(0, 40) }, [2, 1])).toThrow(
      /40 bytes where 48 were expected/
    );
    const poisoned = encodeCheckpoint({
      ...checkpoint,
      current: [Float32Array.of(NaN, 2), Float32Array.of(3)]
    });
    expect(() => decodeCheckpoint(poisoned, [2, 1])).toThrow(/not finite/);
    expect(() => decodeCheckpoint({ ...encoded, meta: { ...encoded.meta, version: 9 } }, [2, 1])).toThrow(
      /newer version/
    );
    expect(() =>
      decodeCheckpoint(
        { ...encoded, meta: { ...encoded.meta, history: encoded.meta.history.slice(1) } },
        [2, 1]
      )
    ).toThrow(/epochs 1 to 2/);
  });
});
