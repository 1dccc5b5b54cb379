/**
 * Milliseconds per training step (forward + backward + Adam, batch 256) of a LowRankDense layer
 * (one weight draw, Monte Carlo KL under the default scale-mixture prior, METHOD.md sections 1-2)
 * against a deterministic dense layer of the same shape, at widths 128, 512, 1024 (square W) and
 * ranks 4, 16, 64, on the backend selectBackend() picks (SBNN_BACKEND forces one).
 *
 *   npx tsx scripts/bench-layer.ts [--json]
 *
 * With --lstm it times the low-rank LSTM regressor instead (METHOD.md section 3) at the size of the
 * time-series issue: 2 layers, H = 64, r_ih 14, r_hh 20, 14-step windows of 4 features, batch 64:
 * ms per training step (one draw, NLL + KL, Adam), the implied seconds per epoch over 1,400
 * windows, and the time to predict 300 windows with S = 100 draws.
 *
 *   npx tsx scripts/bench-layer.ts --lstm [--json]
 */
import * as tf from '@tensorflow/tfjs-core';
import '../src-main/model/register-gradients';
import { selectBackend } from '../src-main/compute/backend';
import { BayesianLstmRegressor } from '../src-main/model/bayesian-lstm';
import { LowRankDense } from '../src-main/model/layers/low-rank-dense';
import { GaussianLikelihood } from '../src-main/model/likelihoods/gaussian';
import { predict } from '../src-main/model/predictor';
import { trainStep as modelTrainStep } from '../src-main/model/training/train-step';
import { ScaleMixturePrior } from '../src-main/model/priors/scale-mixture-prior';

const BATCH = 256;
const WIDTHS = [128, 512, 1024];
const RANKS = [4, 16, 64];
const WARMUP = 5;
const REPS = 10;

interface Row {
  width: number;
  rank: number;
  lowRankMs: number;
  denseMs: number;
  /** lowRankMs / denseMs: above 1 the low-rank step is slower. */
  ratio: number;
  /** Parameters (every mu and rho) of the low-rank layer / of the dense layer (weights + bias). */
  lowRankParams: number;
  denseParams: number;
}

function medianStepMs(step: () => void): number {
  for (let i = 0; i < WARMUP; i++) step();
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const start = performance.now();
    step();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

/** One Adam step on loss(); reads the loss back so the step has really finished. */
function trainStep(optimizer: tf.Optimizer, variables: tf.Variable[], loss: () => tf.Scalar): void {
  const value = optimizer.minimize(loss, true, variables);
  value?.dataSync();
  value?.dispose();
}

function benchDense(width: number, x: tf.Tensor2D, target: tf.Tensor2D): number {
  const w = tf.variable(tf.randomNormal([width, width], 0, Math.sqrt(2 / width), 'float32', 1));
  const b = tf.variable(tf.zeros([width]));
  const optimizer = tf.train.adam(1e-3);
  const ms = medianStepMs(() =>
    trainStep(optimizer, [w, b], () =>
      tf.tidy(() => tf.mean(tf.squaredDifference(tf.add(tf.matMul(x, w), b), target)))
    )
  );
  optimizer.dispose();
  tf.dispose([w, b]);
  return ms;
}

function benchLowRank(
  width: number,
  rank: number,
  x: tf.Tensor2D,
  target: tf.Tensor2D
): { ms: number; params: number } {
  const layer = new LowRankDense({
    inputDim: width,
    outputDim: width,
    rank,
    prior: new ScaleMixturePrior(0.5, 1, Math.exp(-6)),
    seed: 1
  });
  const optimizer = tf.train.adam(1e-3);
  let seed = 0;
  const ms = medianStepMs(() =>
    trainStep(optimizer, layer.trainableVariables, () =>
      tf.tidy(() => {
        const sample = layer.draw(++seed);
        const nll = tf.mean(tf.squaredDifference(layer.apply(x, sample), target));
        return tf.add(nll, tf.mul(1 / 10_000, layer.kl(sample)));
      })
    )
  );
  const params = layer.paramCount;
  optimizer.dispose();
  layer.dispose();
  return { ms, params };
}

const LSTM = { window: 14, features: 4, hidden: 64, layers: 2, rankIh: 14, rankHh: 20, batch: 64 };
const LSTM_TRAIN_WINDOWS = 1400;
const LSTM_PREDICT = { windows: 300, samples: 100 };

interface LstmBench {
  stepMs: number;
  epochSeconds: number;
  predictSeconds: number;
  params: number;
}

function benchLstm(): LstmBench {
  const { window, features, batch } = LSTM;
  const model = new BayesianLstmRegressor({
    arch: 'lstm',
    inputFeatures: features,
    window,
    hidden: LSTM.hidden,
    layers: LSTM.layers,
    rankIh: LSTM.rankIh,
    rankHh: LSTM.rankHh,
    prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) },
    seed: 1
  });
  const likelihood = new GaussianLikelihood();
  const optimizer = tf.train.adam(1e-3);
  const variables = [...model.trainableVariables, ...likelihood.variables];
  const x = tf.randomNormal([batch, window, features], 0, 1, 'float32', 1);
  const y = tf.randomNormal([batch], 0, 1, 'float32', 2) as tf.Tensor1D;
  let seed = 0;
  const stepMs = medianStepMs(() => {
    modelTrainStep(model, likelihood, optimizer, variables, { x, y }, 1 / LSTM_TRAIN_WINDOWS, ++seed);
  });
  const xs = Float32Array.from({ length: LSTM_PREDICT.windows * window * features }, (_, i) => Math.sin(i));
  const start = performance.now();
  predict(model, likelihood, xs, LSTM_PREDICT.windows, {
    samples: LSTM_PREDICT.samples,
    seed: 3,
    intervalLevel: 0.95
  });
  const predictSeconds = (performance.now() - start) / 1000;
  const params = model.paramCount;
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  likelihood.dispose();
  return {
    stepMs,
    epochSeconds: (stepMs * Math.ceil(LSTM_TRAIN_WINDOWS / batch)) / 1000,
    predictSeconds,
    params
  };
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const backend = await selectBackend();
  if (process.argv.includes('--lstm')) {
    const result = benchLstm();
    process.stdout.write(
      json
        ? JSON.stringify({ backend, shape: LSTM, ...result }, null, 2) + '\n'
        : `Backend: ${backend.label}; LSTM ${JSON.stringify(LSTM)}\n` +
            `step ${result.stepMs.toFixed(1)} ms (median of ${REPS}); epoch of ${LSTM_TRAIN_WINDOWS} windows ` +
            `${result.epochSeconds.toFixed(1)} s; predict ${LSTM_PREDICT.windows} windows x ${LSTM_PREDICT.samples} ` +
            `draws ${result.predictSeconds.toFixed(1)} s; ${result.params} parameters\n`
    );
    return;
  }
  const rows: Row[] = [];
  for (const width of WIDTHS) {
    const x = tf.randomNormal([BATCH, width], 0, 1, 'float32', 2) as tf.Tensor2D;
    const target = tf.randomNormal([BATCH, width], 0, 1, 'float32', 3) as tf.Tensor2D;
    const denseMs = benchDense(width, x, target);
    for (const rank of RANKS) {
      const { ms, params } = benchLowRank(width, rank, x, target);
      rows.push({
        width,
        rank,
        lowRankMs: ms,
        denseMs,
        ratio: ms / denseMs,
        lowRankParams: params,
        denseParams: width * width + width
      });
    }
    tf.dispose([x, target]);
  }
  if (json) {
    process.stdout.write(JSON.stringify({ backend, batch: BATCH, rows }, null, 2) + '\n');
    return;
  }
  process.stdout.write(
    `Backend: ${backend.label}; batch ${BATCH}; median of ${REPS} steps after ${WARMUP} warm-up steps\n\n`
  );
  const header = ['width', 'rank', 'low-rank ms', 'dense ms', 'ratio', 'low-rank params', 'dense params'];
  const cells = rows.map((r) => [
    String(r.width),
    String(r.rank),
    r.lowRankMs.toFixed(2),
    r.denseMs.toFixed(2),
    r.ratio.toFixed(2),
    String(r.lowRankParams),
    String(r.denseParams)
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]): string => c.map((v, i) => v.padStart(widths[i] ?? 0)).join('  ');
  process.stdout.write([line(header), ...cells.map(line)].join('\n') + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
