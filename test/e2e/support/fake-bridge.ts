import { DEFAULT_LSTM, DEFAULT_TRANSFORMER } from '@shared/domain/config';
import type { RecordPrediction, RunDetail, DatasetDetail, SampleInfo } from '@shared/domain/records';
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
      correct: p >= 0.5 === yes
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
      test: { accuracy: 0.712, nll: 0.561, brier: 0.19, ece: 0.041, auroc: 0.74 },
      ood: { auroc: 0.81, auprIn: 0.86, auprOut: 0.7, fpr95: 0.52 },
      oodThreshold: threshold,
      counts: { train: 2065, validation: 442, test: 130, ood: 50 }
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
    bestEpoch: 14
  };
  return { samples, datasets, run, records, sequence: makeSequenceFixture(run) };
}

/** Runs in the page (serialised by Playwright): defines `window.sbnn` over the fixture. */
export function installFakeBridge(fixture: FakeFixture): void {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  const emit = (event: string, payload: unknown): void => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  const datasets = [...fixture.datasets, ...fixture.sequence.datasets].map((d) => ({ ...d }));
  const runs = [...fixture.sequence.runs.map((r) => ({ ...r.run })), { ...fixture.run }];
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
      const id = Math.max(0, ...runs.filter((r) => r.id < 100).map((r) => r.id)) + 1;
      const epochsTotal = Number(input['epochs'] ?? 10);
      const run: RunDetail = {
        ...fixture.run,
        id,
        name: String(input['name'] ?? `run ${id}`),
        status: 'running',
        metrics: null,
        epochs: []
      };
      runs.unshift(run);
      let epoch = 0;
      cancelRequested = false;
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
        Object.assign(run, { status: 'finished', metrics: fixture.run.metrics, epochs: fixture.run.epochs });
        emit('run:status', { runId: id, status: 'finished', error: null });
      };
      setTimeout(tick, 200);
      return ok({ runId: id });
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
}
