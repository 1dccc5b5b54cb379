import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '@shared/contract/errors';
import type { EpochMetrics } from '@shared/domain/records';
import { createRng, rngFromState } from '@shared/math/random';
import type { BayesianModel, RecordInput } from './bayesian-model';
import { recordSize } from './bayesian-model';
import type { Likelihood } from './likelihoods/likelihood';
import { miniBatches, stepsPerEpoch } from './training/mini-batches';
import { trainStep } from './training/train-step';
import type { StepValues } from './training/train-step';
import type { TrainData, TrainHooks, TrainOptions, TrainOutcome } from './training/train-types';
import { captureCheckpoint, restoreCheckpoint } from './training/checkpoint-state';
import { validate } from './training/validation';
import { VariableSnapshot } from './training/variable-snapshot';

export type { TrainData, TrainHooks, TrainOptions, TrainOutcome, TrainStep } from './training/train-types';
export type { TrainCheckpoint } from './training/train-checkpoint';

/**
 * The weight of the KL term in the loss of a step in `epoch` (1-based).
 *
 * The app's one convention (METHOD.md section 2): loss = NLL + w_t KL with the NLL a batch MEAN over
 * records and w_t = beta_t / N_train, so beta = 1 makes the loss the negative ELBO divided by N_train.
 * beta_t = 0 for the first annealZeroEpochs epochs, then rises linearly and reaches beta after
 * annealRampEpochs more epochs.
 */
export function klWeight(
  epoch: number,
  options: Pick<TrainOptions, 'beta' | 'annealZeroEpochs' | 'annealRampEpochs'>,
  nTrain: number
): number {
  const past = epoch - options.annealZeroEpochs;
  if (past <= 0) return 0;
  const ramp = options.annealRampEpochs > 0 ? Math.min(1, past / options.annealRampEpochs) : 1;
  return (options.beta * ramp) / nTrain;
}

/** The per-record layout of the data: `input`, or [inputDim] float32; undefined when neither is given. */
function dataInput(data: TrainData): RecordInput | undefined {
  if (data.input) return data.input;
  return data.inputDim === undefined ? undefined : { shape: [data.inputDim], dtype: 'float32' };
}

function checkInputs(
  model: BayesianModel,
  likelihood: Likelihood,
  data: TrainData,
  options: TrainOptions
): RecordInput {
  const problems: string[] = [];
  const input = dataInput(data) ?? model.input;
  const size = recordSize(input);
  const describe = (i: RecordInput): string => `[${i.shape.join(', ')}] ${i.dtype}`;
  if (!tf.util.arraysEqual(input.shape, model.input.shape) || input.dtype !== model.input.dtype)
    problems.push(`records ${describe(input)} != model input ${describe(model.input)}`);
  if (data.inputDim !== undefined && data.input && recordSize(data.input) !== data.inputDim)
    problems.push(`inputDim ${data.inputDim} disagrees with input ${describe(data.input)}`);
  const wantInt = input.dtype === 'int32';
  if (data.xTrain instanceof Int32Array !== wantInt || data.xVal instanceof Int32Array !== wantInt)
    problems.push(`the record arrays must be ${wantInt ? 'Int32Array' : 'Float32Array'}`);
  if (likelihood.outputDim !== model.outputDim) {
    problems.push(`the likelihood reads ${likelihood.outputDim} outputs, the model has ${model.outputDim}`);
  }
  if (data.nTrain < 1 || data.xTrain.length !== data.nTrain * size || data.yTrain.length !== data.nTrain) {
    problems.push('the training arrays do not match nTrain x record size');
  }
  if (data.nVal < 1 || data.xVal.length !== data.nVal * size || data.yVal.length !== data.nVal) {
    problems.push(
      'the validation arrays do not match nVal x record size (at least one validation record is needed)'
    );
  }
  if (!(options.epochs >= 1) || !(options.batchSize >= 1) || !(options.lr > 0) || !(options.patience >= 1)) {
    problems.push('epochs, batchSize, patience must be >= 1 and lr > 0');
  }
  if (problems.length > 0) throw new AppError('BAD_REQUEST', `Cannot train: ${problems.join('; ')}.`);
  return input;
}

/** The variables a training updates, in its order: the model's, then the likelihood's (its checkpoints follow it). */
export function trainedVariables(model: BayesianModel, likelihood: Likelihood): tf.Variable[] {
  return [...model.trainableVariables, ...likelihood.variables];
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Trains the posterior by Bayes by Backprop (METHOD.md section 2): Adam, one weight draw per step,
 * the Monte Carlo KL on that same draw, KL annealing, early stopping on the validation loss, and the
 * best epoch's variables restored at the end. Mini-batch order and every weight draw come from
 * createRng(options.seed), so the same seed on the same backend repeats bit for bit.
 *
 * Validation loss = NLL of the posterior-mean prediction + (beta / N_train) * the epoch's mean KL
 * estimate. (ours) It uses the final weight beta, not the annealed beta_t, so that losses of epochs
 * inside and after the annealing ramp are comparable when choosing the best epoch.
 *
 * With hooks.checkpoint, the state after a finished epoch is handed out (at most every
 * `everySeconds`, and never after the last epoch); given back as `resumeFrom`, training continues
 * at the next epoch as if it had never stopped (train-checkpoint.ts).
 */
export async function trainModel(
  model: BayesianModel,
  likelihood: Likelihood,
  data: TrainData,
  options: TrainOptions,
  hooks: TrainHooks = {}
): Promise<TrainOutcome> {
  const input = checkInputs(model, likelihood, data, options);
  const size = recordSize(input);
  const resume = options.resumeFrom ?? null;
  const started = performance.now() - (resume?.seconds ?? 0) * 1000;
  const rng = resume ? rngFromState(resume.rngState) : createRng(options.seed);
  const variables = trainedVariables(model, likelihood);
  const optimizer: tf.Optimizer = tf.train.adam(options.lr);
  const best = new VariableSnapshot(variables);
  const xVal = tf.tensor(data.xVal, [data.nVal, ...input.shape], input.dtype);
  const yVal = tf.tensor1d(data.yVal);
  const steps = stepsPerEpoch(data.nTrain, options.batchSize);
  const history: EpochMetrics[] = resume ? resume.history.map((m) => ({ ...m })) : [];
  let bestEpoch = resume?.bestEpoch ?? 0;
  let bestLoss = resume?.bestLoss ?? Infinity;
  let stoppedEarly = false;
  let lastCheckpoint = -Infinity;
  const cancelled = (): boolean => hooks.isCancelled?.() === true;

  try {
    if (resume) await restoreCheckpoint(resume, variables, best, optimizer);
    if (cancelled()) throw new AppError('CANCELLED', 'Training was cancelled.');
    for (let epoch = (resume?.epoch ?? 0) + 1; epoch <= options.epochs; epoch++) {
      const epochStart = performance.now();
      const weight = klWeight(epoch, options, data.nTrain);
      let sumLoss = 0;
      let sumNll = 0;
      let sumKl = 0;
      let step = 0;
      for (const batch of miniBatches(data.xTrain, data.yTrain, data.nTrain, size, options.batchSize, rng)) {
        step++;
        const seed = rng.seed();
        const xb = tf.tensor(batch.x, [batch.size, ...input.shape], input.dtype);
        const yb = tf.tensor1d(batch.y);
        let values: StepValues;
        try {
          values = trainStep(model, likelihood, optimizer, variables, { x: xb, y: yb }, weight, seed);
        } finally {
          tf.dispose([xb, yb]);
        }
        const { loss, nll, kl } = values;
        if (!Number.isFinite(loss)) {
          throw new AppError(
            'TRAINING_DIVERGED',
            `Training diverged at epoch ${epoch}, step ${step} of ${steps}: the loss became ${loss}. ` +
              `Try a lower learning rate (now ${options.lr}, e.g. ${options.lr / 10}) and check the inputs for missing or extreme values.`
          );
        }
        sumLoss += loss * batch.size;
        sumNll += nll * batch.size;
        sumKl += kl * batch.size;
        hooks.onStep?.({ epoch, step, steps, loss });
        await yieldToEventLoop();
        if (cancelled()) throw new AppError('CANCELLED', 'Training was cancelled.');
      }

      const meanKl = sumKl / data.nTrain;
      const val = validate(model, likelihood, xVal, yVal);
      const valLoss = val.nll + (options.beta / data.nTrain) * meanKl;
      const metrics: EpochMetrics = {
        epoch,
        loss: sumLoss / data.nTrain,
        nll: sumNll / data.nTrain,
        kl: meanKl,
        klWeight: weight,
        valLoss,
        valNll: val.nll,
        valMetric: val.metric,
        seconds: (performance.now() - epochStart) / 1000
      };
      history.push(metrics);
      hooks.onEpoch?.(metrics);
      if (!Number.isFinite(valLoss)) {
        throw new AppError(
          'TRAINING_DIVERGED',
          `Training diverged at epoch ${epoch}: the validation loss became ${valLoss}. Try a lower learning rate (now ${options.lr}).`
        );
      }
      if (valLoss < bestLoss) {
        bestLoss = valLoss;
        bestEpoch = epoch;
        best.capture();
      } else if (epoch - bestEpoch >= options.patience) {
        stoppedEarly = epoch < options.epochs;
        break;
      }
      const checkpoint = hooks.checkpoint;
      const now = performance.now();
      if (checkpoint && epoch < options.epochs && now - lastCheckpoint >= checkpoint.everySeconds * 1000) {
        lastCheckpoint = now;
        const seconds = (now - started) / 1000;
        const state = { epoch, rng, bestEpoch, bestLoss, seconds, history, variables, best, optimizer };
        checkpoint.save(await captureCheckpoint(state));
      }
    }
    best.restore();
    return { epochs: history, bestEpoch, stoppedEarly, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    // Leave the model usable: roll back to the best epoch seen before the failure, if any.
    if (!best.empty) best.restore();
    throw err;
  } finally {
    best.dispose();
    optimizer.dispose();
    tf.dispose([xVal, yVal]);
  }
}
