import * as tf from '@tensorflow/tfjs-core';
import type { EpochMetrics } from '@shared/domain/records';
import type { Rng } from '@shared/math/random';
import type { TrainCheckpoint } from './train-checkpoint';
import type { VariableSnapshot } from './variable-snapshot';

/** The trainer's state at the end of an epoch, as trainModel holds it. */
export interface TrainerState {
  epoch: number;
  rng: Rng;
  bestEpoch: number;
  bestLoss: number;
  seconds: number;
  history: EpochMetrics[];
  variables: tf.Variable[];
  best: VariableSnapshot;
  /** The trainer's Adam optimizer, its moments in `variables` order (trainStep applies them so). */
  optimizer: tf.Optimizer;
}

const valuesOf = (t: tf.Tensor): Float32Array => Float32Array.from(t.dataSync());

/**
 * A checkpoint of the state. Adam's getWeights lists its step count, then the first moments, then
 * the second moments, one per variable in the order its gradients were applied.
 */
export async function captureCheckpoint(state: TrainerState): Promise<TrainCheckpoint> {
  const weights = await state.optimizer.getWeights();
  const n = state.variables.length;
  const [iterations, ...moments] = weights;
  if (!iterations || moments.length !== 2 * n) {
    throw new Error(`Expected Adam's step count and ${2 * n} moments, got ${weights.length} weights.`);
  }
  const checkpoint: TrainCheckpoint = {
    epoch: state.epoch,
    rngState: state.rng.state(),
    bestEpoch: state.bestEpoch,
    bestLoss: Number.isFinite(state.bestLoss) ? state.bestLoss : null,
    seconds: state.seconds,
    history: state.history.map((m) => ({ ...m })),
    optimizerIterations: iterations.tensor.dataSync()[0] ?? 0,
    current: state.variables.map(valuesOf),
    best: state.best.empty ? null : state.best.read(),
    firstMoment: moments.slice(0, n).map((w) => valuesOf(w.tensor)),
    secondMoment: moments.slice(n).map((w) => valuesOf(w.tensor))
  };
  tf.dispose(iterations.tensor);
  return checkpoint;
}

/**
 * Loads a checkpoint's variables, best-epoch copies and Adam state. setWeights recomputes Adam's
 * bias corrections as beta^(t+1) with pow where training multiplies by beta each step, so a resumed
 * training agrees with an uninterrupted one to float32 rounding, not always bit for bit.
 */
export async function restoreCheckpoint(
  checkpoint: TrainCheckpoint,
  variables: tf.Variable[],
  best: VariableSnapshot,
  optimizer: tf.Optimizer
): Promise<void> {
  tf.tidy(() => {
    variables.forEach((v, i) =>
      v.assign(tf.tensor(checkpoint.current[i] ?? new Float32Array(v.size), v.shape))
    );
  });
  if (checkpoint.best) best.load(checkpoint.best);
  const moment = (values: Float32Array[], suffix: string): Array<{ name: string; tensor: tf.Tensor }> =>
    variables.map((v, i) => ({
      name: `${v.name}/${suffix}`,
      tensor: tf.tensor(values[i] ?? new Float32Array(v.size), v.shape)
    }));
  const weights = [
    { name: 'iter', tensor: tf.scalar(checkpoint.optimizerIterations, 'int32') },
    ...moment(checkpoint.firstMoment, 'm'),
    ...moment(checkpoint.secondMoment, 'v')
  ];
  // setWeights makes its own variables of the moments; the tensors given are ours to free.
  await optimizer.setWeights(weights);
  tf.dispose(weights.map((w) => w.tensor));
}
