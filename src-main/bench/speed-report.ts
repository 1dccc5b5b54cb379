import type { BackendName } from '@shared/domain/records';
import { formatTable } from '../cli/text-table';
import type { SpeedArch, SpeedMethod } from './speed-configs';
import type { EventLoopLag } from './speed-lag';
import { roundTo } from './speed-stats';

/** One timed training step (METHOD.md section 6, "Cost"). */
export interface StepRow {
  arch: SpeedArch;
  /** MLP hidden width, LSTM hidden units H, Transformer d_model. */
  width: number;
  /** The low-rank method's r (LSTM: r_hh); null for the full-rank methods, which have none. */
  rank: number | null;
  method: SpeedMethod;
  msPerStep: number;
  /** Peak tfjs tensor memory of the step (tf.profile peakBytes), MB. */
  peakMB: number;
}

/** One timed prediction: S draws on the benchmark's records. */
export interface PredictRow {
  arch: SpeedArch;
  width: number;
  rank: number | null;
  method: SpeedMethod;
  ms: number;
}

/** A speed target of the issue, read on one run's figures. */
export interface SpeedTarget {
  name: string;
  /** The measured ratio or lag. */
  measured: number;
  /** The bound `measured` must stay at or under (strictly under for the lag). */
  limit: number;
  holds: boolean;
}

export interface SpeedReport {
  backend: { name: BackendName; label: string };
  /** loadAverage: the 1-minute load average when the benchmark started (other work skews every figure). */
  machine: { cpu: string; cores: number; memoryGB: number; node: string; loadAverage: number };
  quick: boolean;
  /** Wall time of the whole benchmark, s. */
  seconds: number;
  /** Records per training batch. */
  batch: number;
  steps: StepRow[];
  predict: { samples: number; records: number; rows: PredictRow[] };
  /** Main-process event-loop lag while the compute process trains, ms. */
  eventLoopLagMs: EventLoopLag & { job: string; jobSeconds: number };
  targets: SpeedTarget[];
}

/** The MLP configuration the step targets are read at. */
export const TARGET_MLP = { width: 512, rank: 16 } as const;
/** Most the low-rank step may cost as a fraction of full-rank Bayes by Backprop's, and of the deterministic step's. */
export const MAX_SBNN_OVER_BBB = 0.5;
export const MAX_SBNN_OVER_DETERMINISTIC = 1;
/** The main process's event-loop lag p99 must stay under this while training, ms. */
export const MAX_LAG_P99_MS = 50;

function mlpStepMs(steps: readonly StepRow[], method: SpeedMethod): number {
  const { width, rank } = TARGET_MLP;
  const row = steps.find(
    (s) =>
      s.arch === 'mlp' && s.width === width && s.method === method && (method !== 'sbnn' || s.rank === rank)
  );
  return row?.msPerStep ?? Number.NaN;
}

/**
 * The speed targets on one run: the low-rank MLP step at width 512, r = 16 costs at most
 * half the full-rank BBB step and no more than the deterministic step; the event-loop lag p99
 * stays under 50 ms while training. A missing figure never holds.
 */
export function evaluateTargets(steps: readonly StepRow[], lagP99: number): SpeedTarget[] {
  const sbnn = mlpStepMs(steps, 'sbnn');
  const at = `MLP ${TARGET_MLP.width}, r ${TARGET_MLP.rank}`;
  const ratio = (over: SpeedMethod, limit: number): SpeedTarget => {
    const measured = sbnn / mlpStepMs(steps, over);
    return { name: `sbnn / ${over} step, ${at}`, measured, limit, holds: measured <= limit };
  };
  return [
    ratio('bbb', MAX_SBNN_OVER_BBB),
    ratio('deterministic', MAX_SBNN_OVER_DETERMINISTIC),
    {
      name: 'event-loop lag p99 while training (ms)',
      measured: lagP99,
      limit: MAX_LAG_P99_MS,
      holds: lagP99 < MAX_LAG_P99_MS
    }
  ];
}

/** Every number rounded for printing (2 decimals; ratios 3). */
export function roundedReport(report: SpeedReport): SpeedReport {
  const r2 = (x: number): number => roundTo(x, 2);
  return {
    ...report,
    seconds: roundTo(report.seconds, 1),
    steps: report.steps.map((s) => ({ ...s, msPerStep: r2(s.msPerStep), peakMB: r2(s.peakMB) })),
    predict: { ...report.predict, rows: report.predict.rows.map((p) => ({ ...p, ms: roundTo(p.ms, 0) })) },
    eventLoopLagMs: {
      ...report.eventLoopLagMs,
      p50: r2(report.eventLoopLagMs.p50),
      p99: r2(report.eventLoopLagMs.p99),
      max: r2(report.eventLoopLagMs.max),
      jobSeconds: roundTo(report.eventLoopLagMs.jobSeconds, 1)
    },
    targets: report.targets.map((t) => ({ ...t, measured: roundTo(t.measured, 3) }))
  };
}

const fixed = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

/** The report as text: the machine, the step and prediction tables, the lag and each target's verdict. */
export function speedText(report: SpeedReport): string {
  const { machine } = report;
  const stepTable = formatTable(
    [
      ['arch', 'width', 'rank', 'method', 'ms/step', 'peak MB'],
      ...report.steps.map((s) => [
        s.arch,
        String(s.width),
        s.rank === null ? '-' : String(s.rank),
        s.method,
        fixed(s.msPerStep, 2),
        fixed(s.peakMB, 1)
      ])
    ],
    ['left', 'right', 'right', 'left', 'right', 'right']
  );
  const predictTable = formatTable(
    [
      ['arch', 'width', 'rank', 'method', 'ms'],
      ...report.predict.rows.map((p) => [
        p.arch,
        String(p.width),
        p.rank === null ? '-' : String(p.rank),
        p.method,
        fixed(p.ms, 0)
      ])
    ],
    ['left', 'right', 'right', 'left', 'right']
  );
  const lag = report.eventLoopLagMs;
  const targets = report.targets.map(
    (t) => `  ${t.holds ? 'holds' : 'FAILS'}  ${t.name}: ${fixed(t.measured, 3)} (limit ${t.limit})`
  );
  return [
    `Backend: ${report.backend.label}; ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}, load ${fixed(machine.loadAverage, 2)} at the start`,
    `${report.quick ? 'Quick run' : 'Full run'} in ${fixed(report.seconds, 0)} s`,
    '',
    `Training step (batch ${report.batch}; median ms; peak = tfjs tensor memory of one step, tf.profile peakBytes)`,
    ...stepTable,
    '',
    `Prediction: ${report.predict.samples} draws on ${report.predict.records} records (ms)`,
    ...predictTable,
    '',
    `Main-process event-loop lag during ${lag.job} (${fixed(lag.jobSeconds, 1)} s): ` +
      `p50 ${fixed(lag.p50, 2)} ms, p99 ${fixed(lag.p99, 2)} ms, max ${fixed(lag.max, 2)} ms (${lag.samples} samples)`,
    '',
    'Targets',
    ...targets
  ].join('\n');
}
