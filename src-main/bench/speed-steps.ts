import * as tf from '@tensorflow/tfjs-core';
import type { BayesianModel, RecordInput } from '../model/bayesian-model';
import { recordSize } from '../model/bayesian-model';
import { createLikelihood } from '../model/likelihoods/create-likelihood';
import type { Likelihood } from '../model/likelihoods/likelihood';
import type { LayerMethod } from '../model/layers/dense-layer';
import { trainStep } from '../model/training/train-step';
import { BATCH, ENSEMBLE_MEMBERS, VOCAB } from './speed-configs';
import type { SpeedMethod, SpeedNetwork, SpeedReps } from './speed-configs';
import { median } from './speed-stats';

/** (ours) KL weight of the timed steps: beta = 1 over 10,000 training records; it does not change the cost. */
const KL_WEIGHT = 1 / 10_000;

const MB = 1024 * 1024;

/**
 * Synthetic records of a model's input layout: standard normal floats, or token ids drawn
 * uniformly from the real tokens (no padding: every record is full length, the costliest case).
 */
export function syntheticRecords(input: RecordInput, count: number, seed: number): Float32Array | Int32Array {
  return tf.tidy(() => {
    const shape = [count * recordSize(input)];
    return input.dtype === 'int32'
      ? (tf.randomUniform(shape, 3, VOCAB, 'int32', seed).dataSync() as Int32Array)
      : (tf.randomNormal(shape, 0, 1, 'float32', seed).dataSync() as Float32Array);
  });
}

/** Targets of a likelihood: classes 0/1 for the Bernoulli, standard normal values for the Gaussian. */
function syntheticTargets(likelihood: Likelihood, count: number, seed: number): tf.Tensor1D {
  return tf.tidy(() =>
    likelihood.task === 'classification'
      ? tf.cast(tf.randomUniform([count], 0, likelihood.classes, 'int32', seed), 'float32')
      : tf.randomNormal([count], 0, 1, 'float32', seed)
  );
}

/** A network with its likelihood, optimizer and one batch, ready to step. */
interface Trainee {
  step(): void;
  dispose(): void;
}

function trainee(network: SpeedNetwork, method: LayerMethod, seed: number): Trainee {
  const model: BayesianModel = network.build(method, seed);
  const likelihood = createLikelihood(network.likelihood);
  const optimizer = tf.train.adam(1e-3);
  const variables = [...model.trainableVariables, ...likelihood.variables];
  const x = tf.tensor(
    syntheticRecords(model.input, BATCH, seed + 1),
    [BATCH, ...model.input.shape],
    model.input.dtype
  );
  const y = syntheticTargets(likelihood, BATCH, seed + 2);
  let draw = seed;
  return {
    step: () => {
      trainStep(model, likelihood, optimizer, variables, { x, y }, KL_WEIGHT, ++draw);
    },
    dispose: () => {
      tf.dispose([x, y]);
      optimizer.dispose();
      likelihood.dispose();
      model.dispose();
    }
  };
}

/** One configuration to time: a network and a method (the ensemble: its members' steps). */
export interface StepEntry {
  network: SpeedNetwork;
  method: SpeedMethod;
}

/** The networks an entry trains: one, or the ensemble's deterministic members (own seeds and optimizers). */
function trainees(entry: StepEntry): Trainee[] {
  if (entry.method !== 'ensemble') return [trainee(entry.network, entry.method, 1)];
  return Array.from({ length: ENSEMBLE_MEMBERS }, (_, k) =>
    trainee(entry.network, 'deterministic', 1 + 10 * k)
  );
}

function disposeAll(list: readonly Trainee[]): void {
  for (const t of list) t.dispose();
}

function timedMs(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/**
 * Median ms per step of every entry, the entries timed in turns (one step of each per round, after
 * the warm-up rounds), so that a change of the machine's load falls on all of them alike and their
 * ratios stay sound. The ensemble's step is the sum of its M members' medians (METHOD.md section 5).
 */
export function interleavedStepMs(entries: readonly StepEntry[], { warmup, reps }: SpeedReps): number[] {
  const built = entries.map(trainees);
  try {
    const times = built.map((members) => members.map((): number[] => []));
    for (let round = 0; round < warmup + reps; round++) {
      built.forEach((members, e) =>
        members.forEach((t, k) => {
          const ms = timedMs(() => t.step());
          if (round >= warmup) times[e]?.[k]?.push(ms);
        })
      );
    }
    return times.map((members) => members.reduce((sum, samples) => sum + median(samples), 0));
  } finally {
    built.forEach(disposeAll);
  }
}

/**
 * Peak tfjs tensor memory of one step of the entry with nothing else alive (tf.profile's peakBytes:
 * every tensor alive at the step's fullest point, the variables and Adam's moments included, all
 * members for the ensemble, one of them stepping at a time), MB. One untimed step first creates
 * Adam's moments.
 */
export async function stepPeakMB(entry: StepEntry): Promise<number> {
  const members = trainees(entry);
  try {
    for (const t of members) t.step();
    const profile = await tf.profile(() => {
      for (const t of members) t.step();
    });
    return profile.peakBytes / MB;
  } finally {
    disposeAll(members);
  }
}
