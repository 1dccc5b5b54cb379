import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '../compute/backend';
import { openCliCore } from '../cli/cli-context';
import {
  BATCH,
  PREDICT_RECORDS,
  PREDICT_SAMPLES,
  SPEED_METHODS,
  mlpNetwork,
  speedPlan
} from './speed-configs';
import type { SpeedNetwork, SpeedPlan } from './speed-configs';
import { trainingEventLoopLag } from './speed-lag';
import type { TrainingLag } from './speed-lag';
import { predictMs } from './speed-predict';
import { evaluateTargets, roundedReport, speedText, TARGET_MLP } from './speed-report';
import type { PredictRow, SpeedReport, StepRow } from './speed-report';
import { interleavedStepMs, stepPeakMB } from './speed-steps';
import type { StepEntry } from './speed-steps';

function progress(text: string): void {
  process.stderr.write(`bench speed: ${text}\n`);
}

/** The rows of entries timed together (interleavedStepMs), each with its memory peak measured alone. */
async function timedRows(entries: readonly StepEntry[], plan: SpeedPlan): Promise<StepRow[]> {
  const first = entries[0]?.network;
  progress(`${first?.arch ?? ''} ${first?.width ?? ''}: ${entries.map((e) => e.method).join(', ')} steps`);
  const ms = interleavedStepMs(entries, plan.steps);
  const rows: StepRow[] = [];
  for (const [i, { network, method }] of entries.entries()) {
    rows.push({
      arch: network.arch,
      width: network.width,
      rank: method === 'sbnn' ? network.rank : null,
      method,
      msPerStep: ms[i] ?? Number.NaN,
      peakMB: await stepPeakMB({ network, method })
    });
  }
  return rows;
}

/**
 * Per MLP width: the low-rank step at every rank and the baselines' (which have no rank), timed
 * together; then every method on each LSTM and Transformer size.
 */
async function trainingSteps(plan: SpeedPlan): Promise<StepRow[]> {
  // One untimed round first: the start-up costs of the process (code compiled on first use, the
  // backend's first kernel calls) would otherwise land in the first rows.
  const [firstWidth = 0] = plan.mlpWidths;
  const [firstRank = 1] = plan.mlpRanks;
  interleavedStepMs([{ network: mlpNetwork(firstWidth, firstRank), method: 'sbnn' }], plan.steps);
  const rows: StepRow[] = [];
  for (const width of plan.mlpWidths) {
    const lowRank = plan.mlpRanks.map(
      (rank): StepEntry => ({ network: mlpNetwork(width, rank), method: 'sbnn' })
    );
    const fullRank = SPEED_METHODS.filter((m) => m !== 'sbnn').map(
      (method): StepEntry => ({ network: mlpNetwork(width, firstRank), method })
    );
    rows.push(...(await timedRows([...lowRank, ...fullRank], plan)));
  }
  for (const network of [...plan.lstm, ...plan.transformer]) {
    rows.push(
      ...(await timedRows(
        SPEED_METHODS.map((method) => ({ network, method })),
        plan
      ))
    );
  }
  return rows;
}

/** Prediction of every method on the target MLP and the first LSTM and Transformer sizes. */
function predictions(plan: SpeedPlan): PredictRow[] {
  const networks = [mlpNetwork(TARGET_MLP.width, TARGET_MLP.rank), plan.lstm[0], plan.transformer[0]].filter(
    (n): n is SpeedNetwork => n !== undefined
  );
  return networks.flatMap((network) =>
    SPEED_METHODS.map((method) => {
      progress(`${network.arch} ${network.width} ${method} prediction`);
      return {
        arch: network.arch,
        width: network.width,
        rank: method === 'sbnn' ? network.rank : null,
        method,
        ms: predictMs(network, method)
      };
    })
  );
}

/** The lag while the app trains, through a scratch database and the app's own compute process. */
async function lagWhileTraining(epochs: number): Promise<TrainingLag> {
  progress(`event-loop lag during a ${epochs}-epoch training run`);
  const scratch = mkdtempSync(join(tmpdir(), 'sbnn-bench-speed-'));
  const core = openCliCore(join(scratch, 'bench.sqlite'));
  try {
    return await trainingEventLoopLag(core, epochs);
  } finally {
    await core.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * `sbnn bench speed` (METHOD.md section 6, "Cost"): ms per training step and peak tensor memory of
 * every method on the MLP grid, the LSTM and the Transformer; prediction time of S draws; the main
 * process's event-loop lag while the compute process trains; each speed target's measured ratio and
 * whether it holds. Prints the text report, or the JSON one with `json`; progress goes to stderr.
 * The lag is measured first, while this process runs no tfjs work of its own.
 */
export async function runSpeedBench(options: { quick: boolean; json: boolean }): Promise<void> {
  const started = performance.now();
  const [loadAverage = Number.NaN] = loadavg();
  const plan = speedPlan(options.quick);
  const lag = await lagWhileTraining(plan.lagEpochs);
  const backend = await selectBackend();
  const steps = await trainingSteps(plan);
  const rows = predictions(plan);
  const report: SpeedReport = {
    backend: { name: backend.name, label: backend.label },
    machine: {
      cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
      cores: cpus().length,
      memoryGB: Math.round(totalmem() / 1024 ** 3),
      node: process.versions.node,
      loadAverage
    },
    quick: options.quick,
    seconds: (performance.now() - started) / 1000,
    batch: BATCH,
    steps,
    predict: { samples: PREDICT_SAMPLES, records: PREDICT_RECORDS, rows },
    eventLoopLagMs: { ...lag.lag, job: lag.job, jobSeconds: lag.jobSeconds },
    targets: evaluateTargets(steps, lag.lag.p99)
  };
  const rounded = roundedReport(report);
  process.stdout.write(options.json ? `${JSON.stringify(rounded, null, 2)}\n` : `${speedText(rounded)}\n`);
}
