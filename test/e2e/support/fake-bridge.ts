import { DEFAULT_LSTM, DEFAULT_TRANSFORMER } from '@shared/domain/config';
import type {
  DatasetDetail,
  LayerSpectrum,
  RecordPrediction,
  RunCurves,
  RunDetail,
  RunMetrics,
  SampleInfo
} from '@shared/domain/records';
import { makeSequenceFixture } from './fake-sequence-runs';
import type { SequenceFixture } from './fake-sequence-runs';

/**
 * A stand-in for the Electron preload's `window.sbnn` bridge, installed into the page before the
 * app starts, so every view can be exercised (and the desktop transport with it) with fixed data
 * and without training a model. `installFakeBridge` runs inside the page: it must not reference
 * anything outside its own body.
 */
export interface FakeFixture {
  samples: SampleInfo[];
  datasets: DatasetDetail[];
  run: RunDetail;
  records: RecordPrediction[];
  /** Time-series and text datasets and runs (listed after the tabular ones). */
  sequence: SequenceFixture;
  /** More finished runs on the Rotterdam dataset: a full-rank baseline and two other ranks. */
  more: RunDetail[];
  /** The curves runs:compare returns, one per finished fixture run. */
  curves: RunCurves[];
}

/** Run ids of the extra fixture runs (above the ids the forms' runs take). */
export const BBB_RUN_ID = 201;
export const RANK2_RUN_ID = 211;
export const RANK8_RUN_ID = 212;

/** Energy retained at r = 1..k: cumulative s_i^2 over the total (METHOD.md section 7). */
function energyOf(values: readonly number[]): number[] {
  const total = values.reduce((a, s) => a + s * s, 0);
  let sum = 0;
  return values.map((s) => {
    sum += s * s;
    return sum / total;
  });
}

function spectrumOf(rank: number, decay: number): LayerSpectrum[] {
  const hidden = Array.from({ length: 7 }, (_, i) => 3 * decay ** i);
  return [
    { layer: 'hidden 1', rows: 7, cols: 32, rank, singularValues: hidden, energy: energyOf(hidden) },
    { layer: 'output', rows: 32, cols: 1, rank: 1, singularValues: [2.1], energy: [1] }
  ];
}

/**
 * Curves shaped like a real run's: a power-law OOD ROC tpr = fpr^k has AUROC 1 / (k + 1), its PR
 * curve follows from the OOD share; reliability slightly over-confident; risk falling as the
 * most uncertain records are deferred; regression coverage a little under the nominal level.
 */
function curvesOf(run: RunDetail): RunCurves {
  const auroc = run.metrics?.ood?.auroc ?? null;
  const counts = run.metrics?.counts;
  const share = counts && counts.test + counts.ood > 0 ? counts.ood / (counts.test + counts.ood) : 0.3;
  const grid = Array.from({ length: 41 }, (_, i) => i / 40);
  const k = auroc === null ? 1 : 1 / auroc - 1;
  const tpr = grid.map((f) => f ** k);
  const regression = run.task === 'regression';
  const test = run.metrics?.test;
  const error = test && 'accuracy' in test ? 1 - test.accuracy : (test?.mae ?? 1);
  const over = run.method === 'bbb' ? 0.08 : 0.04;
  return {
    runId: run.id,
    oodRoc: auroc === null ? null : { fpr: grid, tpr },
    oodPr:
      auroc === null
        ? null
        : {
            recall: tpr.slice(1),
            precision: tpr
              .slice(1)
              .map((t, i) => (share * t) / (share * t + (1 - share) * (grid[i + 1] ?? 1)))
          },
    reliability: regression
      ? null
      : Array.from({ length: 15 }, (_, i) => {
          const confidence = 0.5 + (i + 0.5) / 30;
          return { confidence, accuracy: Math.max(0, confidence - over * confidence), count: 10 + i };
        }),
    riskCoverage: {
      coverage: grid.slice(20),
      risk: grid.slice(20).map((c) => error * (0.55 + 0.45 * c ** (run.method === 'bbb' ? 1.5 : 2)))
    },
    coverageByLevel: regression
      ? [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99].map((nominal) => ({
          nominal,
          observed: nominal - 0.04 * nominal
        }))
      : null
  };
}

/** Deterministic fixture data: a finished binary run with test and OOD records. */
export function makeFixture(): FakeFixture {
  let state = 12345;
  const rand = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const columns: DatasetDetail['columns'] = [
    { name: 'pid', role: 'id', missing: 0, distinct: 2950, examples: ['1', '2'] },
    { name: 'age', role: 'numeric', missing: 0, distinct: 67, examples: ['74', '79'] },
    { name: 'meno', role: 'numeric', missing: 0, distinct: 2, examples: ['0', '1'] },
    { name: 'size', role: 'categorical', missing: 0, distinct: 3, examples: ['<=20', '20-50', '>50'] },
    { name: 'grade', role: 'numeric', missing: 0, distinct: 2, examples: ['2', '3'] },
    { name: 'nodes', role: 'numeric', missing: 3, distinct: 28, examples: ['0', '4'] },
    { name: 'event_3y', role: 'categorical', missing: 0, distinct: 2, examples: ['yes', 'no'] }
  ];
  const preview = Array.from({ length: 20 }, (_, i) => [
    String(i + 1),
    String(40 + Math.floor(rand() * 40)),
    String(rand() < 0.5 ? 0 : 1),
    ['<=20', '20-50', '>50'][Math.floor(rand() * 3)] ?? '<=20',
    String(rand() < 0.5 ? 2 : 3),
    i === 4 ? '' : String(Math.floor(rand() * 10)),
    rand() < 0.3 ? 'yes' : 'no'
  ]);
  const base = {
    hash: 'f'.repeat(64),
    createdAt: '2026-11-26T12:00:00.000Z',
    delimiter: ',',
    columns,
    preview
  };
  const datasets: DatasetDetail[] = [
    {
      ...base,
      id: 1,
      name: 'Breast cancer: Rotterdam',
      fileName: 'rotterdam.csv',
      rowCount: 2950,
      columnCount: 7,
      sampleId: 'rotterdam'
    },
    {
      ...base,
      id: 2,
      name: 'Breast cancer: GBSG',
      fileName: 'gbsg.csv',
      rowCount: 555,
      columnCount: 7,
      sampleId: 'gbsg'
    }
  ];
  const samples: SampleInfo[] = [
    {
      id: 'rotterdam',
      title: 'Breast cancer: Rotterdam',
      description: 'Recurrence or death within 3 years.',
      attribution: 'R package survival, LGPL-2+',
      fileName: 'rotterdam.csv',
      suggested: { target: 'event_3y', ignore: ['pid'], oodSampleId: 'gbsg' }
    },
    {
      id: 'gbsg',
      title: 'Breast cancer: GBSG',
      description: 'A shifted cohort.',
      attribution: 'R package survival, LGPL-2+',
      fileName: 'gbsg.csv',
      suggested: { target: 'event_3y', ignore: ['pid'] }
    }
  ];
  const threshold = 0.55;
  const records: RecordPrediction[] = [];
  for (let i = 0; i < 180; i++) {
    const ood = i >= 130;
    const p = rand();
    const yes = rand() < p;
    const width = (ood ? 0.35 : 0.12) * rand() + 0.05;
    const score = ood ? 0.35 + rand() * 0.5 : rand() * 0.6;
    records.push({
      rowIndex: ood ? i - 130 : i * 7,
      split: ood ? 'ood' : 'test',
      ids: { pid: String(1000 + i) },
      actual: yes ? 'yes' : 'no',
      prediction: p >= 0.5 ? 'yes' : 'no',
      value: p,
      lower: Math.max(0, p - width),
      upper: Math.min(1, p + width),
      epistemic: score / 4,
      aleatoric: 0.4,
      total: 0.4 + score / 4,
      oodScore: score,
      oodFlag: score > threshold,
      imputed: i % 23 === 0 ? ['nodes'] : [],
      correct: p >= 0.5 === yes,
      // Split-conformal at 90% with quantile 0.6: every class of probability >= 0.4.
      conformalSet: [...(1 - p >= 0.4 ? ['no'] : []), ...(p >= 0.4 ? ['yes'] : [])]
    });
  }
  const epochs = Array.from({ length: 15 }, (_, i) => ({
    epoch: i + 1,
    loss: 0.9 * Math.exp(-i / 5) + 0.55,
    nll: 0.8 * Math.exp(-i / 5) + 0.5,
    kl: 40 + 30 * Math.exp(-i / 4),
    klWeight: Math.min(1, i / 10) / 2000,
    valLoss: 0.85 * Math.exp(-i / 5) + 0.58,
    valNll: 0.8 * Math.exp(-i / 5) + 0.56,
    valMetric: 0.6 + 0.1 * (1 - Math.exp(-i / 4)),
    seconds: 0.8
  }));
  const run: RunDetail = {
    id: 1,
    name: 'fixture run',
    datasetId: 1,
    datasetName: 'Breast cancer: Rotterdam',
    status: 'finished',
    task: 'binary',
    arch: 'mlp',
    method: 'sbnn',
    backend: 'WebAssembly (SIMD, 1 thread)',
    params: 658,
    createdAt: '2026-11-26T12:01:00.000Z',
    finishedAt: '2026-11-26T12:01:20.000Z',
    trainSeconds: 19.6,
    error: null,
    metrics: {
      test: {
        accuracy: 0.712,
        nll: 0.561,
        brier: 0.19,
        ece: 0.041,
        auroc: 0.74,
        eceEqualMass: 0.046,
        auprErr: 0.41,
        auprSucc: 0.83,
        aurc: 0.21
      },
      ood: { auroc: 0.81, auprIn: 0.86, auprOut: 0.7, fpr95: 0.52, scoreRatio: 1.9 },
      oodThreshold: threshold,
      counts: { train: 2065, validation: 442, test: 130, ood: 50 },
      conformal: {
        kind: 'set',
        level: 0.9,
        quantile: 0.6,
        calibrationCount: 442,
        coverage: 0.915,
        meanSetSize: 1.34
      },
      pacBayes: {
        kl: 148.2,
        empiricalRisk: 0.301,
        n: 2065,
        delta: 0.05,
        bound: 0.4952,
        loss: '0-1 loss',
        bayesianParams: 642
      },
      spectrum: spectrumOf(4, 0.55),
      cost: { msPerStep: 4.2, peakMemoryMB: 312, predictSeconds: 0.8, samples: 30 }
    },
    config: {
      datasetId: 1,
      oodDatasetId: 2,
      target: 'event_3y',
      roles: { pid: 'ignore' },
      ignore: [],
      oodWhere: [],
      arch: 'mlp',
      method: 'sbnn',
      members: 5,
      pretrainEpochs: 20,
      conformalLevel: 0.9,
      hidden: [32],
      rank: 4,
      prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) },
      beta: 1,
      epochs: 15,
      batchSize: 64,
      lr: 0.001,
      patience: 15,
      annealZeroEpochs: 2,
      annealRampEpochs: 10,
      samples: 30,
      seed: 1,
      oodFalseAlarmRate: 0.05,
      validationFraction: 0.15,
      testFraction: 0.15,
      intervalLevel: 0.95,
      lstm: DEFAULT_LSTM,
      transformer: DEFAULT_TRANSFORMER
    },
    seed: 1,
    dataHash: 'f'.repeat(64),
    appVersion: '0.1.0',
    positiveClass: 'yes',
    classes: ['no', 'yes'],
    epochs,
    bestEpoch: 14,
    checkpointEpoch: null
  };
  const sequence = makeSequenceFixture(run);
  const variant = (
    id: number,
    name: string,
    config: Partial<RunDetail['config']>,
    params: number,
    metrics: Partial<RunMetrics>
  ): RunDetail => ({
    ...run,
    id,
    name,
    method: config.method ?? run.method,
    params,
    trainSeconds: 12 + params / 40,
    config: { ...run.config, ...config },
    metrics: { ...(run.metrics as RunMetrics), ...metrics }
  });
  const own = run.metrics as RunMetrics;
  // McAllester's bound at n = 2065, delta = 0.05: risk + sqrt((KL + ln(2 sqrt(2065) / 0.05)) / 4130).
  const pacBayes = (kl: number, risk: number, bayesianParams: number): RunMetrics['pacBayes'] => ({
    kl,
    empiricalRisk: risk,
    n: 2065,
    delta: 0.05,
    bound: risk + Math.sqrt((kl + Math.log((2 * Math.sqrt(2065)) / 0.05)) / 4130),
    loss: '0-1 loss',
    bayesianParams
  });
  const more = [
    variant(BBB_RUN_ID, 'full-rank baseline', { method: 'bbb' }, 578, {
      test: {
        accuracy: 0.726,
        nll: 0.548,
        brier: 0.186,
        ece: 0.058,
        auroc: 0.752,
        eceEqualMass: 0.061,
        aurc: 0.2
      },
      ood: { auroc: 0.77, auprIn: 0.82, auprOut: 0.66, fpr95: 0.61, scoreRatio: 1.5 },
      conformal: {
        kind: 'set',
        level: 0.9,
        quantile: 0.62,
        calibrationCount: 442,
        coverage: 0.87,
        meanSetSize: 1.28
      },
      pacBayes: pacBayes(402.5, 0.29, 578),
      spectrum: spectrumOf(7, 0.75),
      cost: { msPerStep: 5.1, peakMemoryMB: 330, predictSeconds: 0.9, samples: 30 }
    }),
    variant(RANK2_RUN_ID, 'rank 2', { rank: 2 }, 354, {
      test: { ...own.test, nll: 0.583 },
      ood: { auroc: 0.79, auprIn: 0.85, auprOut: 0.68, fpr95: 0.55 },
      pacBayes: pacBayes(90.4, 0.315, 354),
      spectrum: spectrumOf(2, 0.55)
    }),
    variant(RANK8_RUN_ID, 'rank 8', { rank: 8 }, 1218, {
      test: { ...own.test, nll: 0.552 },
      ood: { auroc: 0.8, auprIn: 0.85, auprOut: 0.69, fpr95: 0.53 },
      pacBayes: pacBayes(263.9, 0.296, 1218),
      spectrum: spectrumOf(7, 0.55)
    })
  ];
  const finished = [run, ...more, ...sequence.runs.map((r) => r.run)];
  return { samples, datasets, run, records, sequence, more, curves: finished.map(curvesOf) };
}

/**
 * What the fake bridge lends to init scripts added after it (`window.sbnnFake`), so they can serve
 * more channels over the same runs, datasets and records.
 */
export interface FakeBridgeContext {
  handlers: Record<string, (input: Record<string, unknown>) => Promise<unknown>>;
  emit: (event: string, payload: unknown) => void;
  runs: RunDetail[];
  datasets: DatasetDetail[];
  recordsOf: (runId: unknown) => RecordPrediction[];
  ok: (result: unknown) => Promise<unknown>;
  fail: (code: string, message: string, where?: unknown) => Promise<unknown>;
}

/** Runs in the page (serialised by Playwright): defines `window.sbnn` over the fixture. */
export function installFakeBridge(fixture: FakeFixture): void {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  const emit = (event: string, payload: unknown): void => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  const datasets = [...fixture.datasets, ...fixture.sequence.datasets].map((d) => ({ ...d }));
  const runs = [
    ...fixture.more.map((r) => ({ ...r })),
    ...fixture.sequence.runs.map((r) => ({ ...r.run })),
    { ...fixture.run }
  ];
  const recordsOf = (runId: unknown): RecordPrediction[] =>
    fixture.sequence.runs.find((r) => r.run.id === runId)?.records ?? fixture.records;
  // Every runs:start request, for tests to check the config a form produced.
  const starts: unknown[] = [];
  Object.defineProperty(window, 'sbnnFakeStarts', { value: starts });
  const summary = (d: (typeof datasets)[number]) => {
    const { columns: _c, preview: _p, delimiter: _d, ...rest } = d;
    return rest;
  };
  const ok = (result: unknown) => Promise.resolve({ ok: true, result });
  const fail = (code: string, message: string, where?: unknown) =>
    Promise.resolve({ ok: false, error: where ? { code, message, where } : { code, message } });
  let cancelRequested = false;
  // Every runs:sweep request, for tests to check what the form sent.
  const sweeps: unknown[] = [];
  Object.defineProperty(window, 'sbnnFakeSweeps', { value: sweeps });
  const nextId = (): number => Math.max(0, ...runs.filter((r) => r.id < 100).map((r) => r.id)) + 1;
  /**
   * A run that trains for `epochsTotal` fake epochs (progress events every 120 ms), then finishes
   * with the fixture's metrics and `done`'s overrides, unless cancelled or named to diverge.
   */
  const launch = (id: number, name: string, epochsTotal: number, done: Partial<RunDetail>): RunDetail => {
    const run: RunDetail = { ...fixture.run, id, name, status: 'queued', metrics: null, epochs: [] };
    runs.unshift(run);
    let epoch = 0;
    const end = (status: 'cancelled' | 'failed', error: string | null): void => {
      Object.assign(run, { status, error });
      emit('run:status', { runId: id, status, error });
    };
    const tick = (): void => {
      if (cancelRequested) return end('cancelled', null);
      if (run.name.includes('diverge') && epoch === 2) {
        return end('failed', 'The loss became NaN at epoch 3. Lower the learning rate and train again.');
      }
      epoch += 1;
      run.status = 'running';
      const source = fixture.run.epochs[Math.min(epoch, fixture.run.epochs.length) - 1];
      emit('run:progress', {
        runId: id,
        phase: 'training',
        epoch,
        epochs: epochsTotal,
        fraction: epoch / epochsTotal,
        etaSeconds: epochsTotal - epoch,
        loss: source?.loss ?? null,
        nll: source?.nll ?? null,
        kl: source?.kl ?? null,
        klWeight: source?.klWeight ?? null,
        valLoss: source?.valLoss ?? null,
        valMetric: source?.valMetric ?? null
      });
      if (epoch < epochsTotal) {
        setTimeout(tick, 120);
        return;
      }
      Object.assign(run, {
        metrics: fixture.run.metrics,
        epochs: fixture.run.epochs,
        ...done,
        status: 'finished'
      });
      emit('run:status', { runId: id, status: 'finished', error: null });
    };
    setTimeout(tick, 200);
    return run;
  };
  const backend = { name: 'wasm', label: 'WebAssembly (SIMD, 1 thread)', unavailable: [] };
  const handlers: Record<string, (input: Record<string, unknown>) => Promise<unknown>> = {
    'app:info': () => ok({ version: '0.1.0', dbPath: '/fake/sbnn.db', backend, mode: 'desktop' }),
    'samples:list': () => ok(fixture.samples),
    'datasets:list': () => ok(datasets.map(summary)),
    'datasets:get': (input) => {
      const found = datasets.find((d) => d.id === input['datasetId']);
      return found ? ok(found) : fail('NOT_FOUND', 'No such dataset.');
    },
    'datasets:import': () =>
      fail('BAD_DATA', 'Row 3 has 2 fields but the header has 7. Fix the file and import it again.', {
        file: 'broken.csv',
        row: 3,
        column: 'age'
      }),
    'datasets:delete': (input) => {
      const index = datasets.findIndex((d) => d.id === input['datasetId']);
      if (index >= 0) datasets.splice(index, 1);
      return ok({ deleted: index >= 0 });
    },
    'runs:list': () => ok(runs.map((r) => ({ ...r }))),
    'runs:get': (input) => {
      const found = runs.find((r) => r.id === input['runId']);
      return found ? ok(found) : fail('NOT_FOUND', 'No such run.');
    },
    'runs:delete': (input) => {
      const index = runs.findIndex((r) => r.id === input['runId']);
      if (index >= 0) runs.splice(index, 1);
      return ok({ deleted: index >= 0 });
    },
    'runs:cancel': () => {
      cancelRequested = true;
      return ok({ cancelled: true });
    },
    'runs:start': (input) => {
      starts.push(input);
      const id = nextId();
      const run = launch(id, String(input['name'] ?? `run ${id}`), Number(input['epochs'] ?? 10), {});
      cancelRequested = false;
      run.status = 'running';
      return ok({ runId: id });
    },
    'runs:compare': (input) => {
      const ids = input['runIds'] as number[];
      const found = ids.map((runId) => runs.find((r) => r.id === runId));
      if (found.some((r) => r === undefined || r.status !== 'finished'))
        return fail('BAD_REQUEST', 'Compare takes finished runs only.');
      const curves = ids.map((runId) => {
        const own = fixture.curves.find((c) => c.runId === runId);
        // A run trained from the forms shares the fixture run's predictions, so its curves too.
        return (
          own ?? { ...(fixture.curves.find((c) => c.runId === fixture.run.id) ?? fixture.curves[0]), runId }
        );
      });
      return ok({ runs: found, curves });
    },
    'runs:sweep': (input) => {
      sweeps.push(input);
      const config = input['config'] as Record<string, unknown>;
      const ranks = input['ranks'] as number[];
      cancelRequested = false;
      const runIds = ranks.map((rank) => {
        const id = nextId();
        const params = 144 * rank + 66;
        launch(id, `sweep r=${rank}`, 4, {
          params,
          config: { ...fixture.run.config, ...config, rank, ranks: undefined },
          metrics: {
            test: {
              accuracy: 0.7,
              brier: 0.19,
              ece: 0.04,
              auroc: 0.74,
              nll: 0.6 - 0.05 * Math.log2(rank) + 0.004 * rank
            },
            oodThreshold: 0.55,
            counts: { train: 2065, validation: 442, test: 130, ood: 50 },
            ood: { auroc: 0.74 + 0.02 * Math.log2(rank), auprIn: 0.85, auprOut: 0.68, fpr95: 0.55 },
            pacBayes: {
              kl: 40 * rank,
              empiricalRisk: 0.32 - 0.01 * Math.log2(rank),
              n: 2065,
              delta: 0.05,
              bound: 0.32 - 0.01 * Math.log2(rank) + Math.sqrt((40 * rank + 7.5) / 4130),
              loss: '0-1 loss',
              bayesianParams: params
            }
          }
        });
        return id;
      });
      return ok({ runIds });
    },
    'runs:advise-rank': (input) => {
      const config = input['config'] as { hidden?: number[] };
      const energy = Number(input['energy'] ?? 0.9);
      const widths = [7, ...(config.hidden ?? [32]), 1];
      const layers = widths.slice(0, -1).map((rows, i) => {
        const cols = widths[i + 1] ?? 1;
        const count = Math.min(rows, cols);
        const values = Array.from({ length: count }, (_, k) => 4 * 0.62 ** k);
        const total = values.reduce((a, v) => a + v * v, 0);
        let sum = 0;
        const kept = values.map((v) => (sum += v * v) / total);
        const proposedRank = kept.findIndex((e) => e >= energy) + 1;
        return {
          layer: i === widths.length - 2 ? 'output' : `hidden ${i + 1}`,
          rows,
          cols,
          singularValues: values,
          energy: kept,
          proposedRank
        };
      });
      // The pre-fit takes a while: long enough for a test to see the busy state.
      return new Promise((resolve) =>
        setTimeout(
          () =>
            resolve({
              ok: true,
              result: {
                threshold: energy,
                pretrainEpochs: 20,
                layers,
                suggested: { ranks: layers.map((l) => l.proposedRank) }
              }
            }),
          1500
        )
      );
    },
    'runs:correlation': (input) => {
      const rows = Number(input['rows'] ?? 4);
      const cols = Number(input['cols'] ?? 4);
      const rowOffset = Number(input['rowOffset'] ?? 0);
      const colOffset = Number(input['colOffset'] ?? 0);
      const entries: { i: number; j: number }[] = [];
      for (let i = rowOffset; i < rowOffset + rows; i++)
        for (let j = colOffset; j < colOffset + cols; j++) entries.push({ i, j });
      // Zero unless a row or a column is shared (METHOD.md section 1); symmetric by construction.
      const matrix = entries.map((a) =>
        entries.map((b) => {
          if (a.i === b.i && a.j === b.j) return 1;
          if (a.i === b.i) return Math.cos(1.3 * (a.j + b.j) + a.i) * 0.8;
          if (a.j === b.j) return Math.sin(0.9 * (a.i + b.i) + a.j) * 0.6;
          return 0;
        })
      );
      return ok({ layer: input['layer'], entries, matrix });
    },
    'records:list': (input) => {
      const splits = (input['splits'] as string[] | undefined) ?? ['test', 'ood'];
      let list = recordsOf(input['runId']).filter((r) => splits.includes(r.split));
      if (input['flaggedOnly']) list = list.filter((r) => r.oodFlag);
      const sort = (input['sort'] as string | undefined) ?? 'uncertainty';
      list = [...list].sort((a, b) =>
        sort === 'row'
          ? a.rowIndex - b.rowIndex
          : sort === 'oodScore'
            ? b.oodScore - a.oodScore
            : b.total - a.total
      );
      const offset = Number(input['offset'] ?? 0);
      const limit = Number(input['limit'] ?? 200);
      return ok({ total: list.length, records: list.slice(offset, offset + limit) });
    }
  };
  const bridge = {
    invoke: (channel: string, input: Record<string, unknown>) =>
      handlers[channel]?.(input) ?? fail('BAD_REQUEST', `Unknown channel ${channel}`),
    on: (event: string, listener: Listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    }
  };
  Object.defineProperty(window, 'sbnn', { value: bridge });
  const context: FakeBridgeContext = { handlers, emit, runs, datasets, recordsOf, ok, fail };
  Object.defineProperty(window, 'sbnnFake', { value: context });
}
