import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '@shared/contract/errors';
import { TrainConfigSchema } from '@shared/domain/config';
import type { TrainConfigInput } from '@shared/domain/config';
import { describeIssues } from '../core/dispatch';
import type { AppCore } from '../core/app-core';
import { openCliCore, parseList, parseNumber, parseNumberList } from './cli-context';
import { ProgressBar, formatSeconds } from './progress-bar';
import { runReport } from './run-report';

export const TRAIN_USAGE = `sbnn train <file> --target COL [options]
  --task binary|multiclass|regression   (detected from the target when omitted)
  --arch mlp|lstm|transformer  --method sbnn
  MLP:          --hidden 128,128 (layer widths)  --rank N | --ranks a,b,c (one per weight matrix; default 8)
  LSTM:         --time COL [--group COL] --window N --horizon H [--features a,b] [--ood-from TIME]
                [--hidden 64] [--layers 2] [--ranks r_ih,r_hh]
  Transformer:  --text COL [--max-len 128] [--vocab 8000] [--d-model 64] [--layers 2] [--heads 4] [--ff 128] [--rank 8]
  --epochs N --batch N --lr X --beta X --patience N
  --samples S                           Monte Carlo samples for prediction (default 100)
  --seed N                              same seed, same backend: same numbers
  --ood-where COL=VALUE                 rows matching are out-of-distribution (repeatable)
  --ood-file F                          every row of F is out-of-distribution
  --ignore a,b                          columns not used as inputs
  --db PATH --json`;

/** Reads a file the user named, with a message that says which file could not be read. */
export function readUserFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : String(code);
    throw new AppError('BAD_DATA', `Cannot read ${path}: ${reason}.`, { file: path });
  }
}

export async function trainCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      target: { type: 'string' },
      task: { type: 'string' },
      arch: { type: 'string', default: 'mlp' },
      method: { type: 'string', default: 'sbnn' },
      rank: { type: 'string' },
      ranks: { type: 'string' },
      hidden: { type: 'string' },
      epochs: { type: 'string' },
      batch: { type: 'string' },
      lr: { type: 'string' },
      beta: { type: 'string' },
      patience: { type: 'string' },
      samples: { type: 'string' },
      seed: { type: 'string' },
      'ood-where': { type: 'string', multiple: true },
      'ood-file': { type: 'string' },
      ignore: { type: 'string' },
      name: { type: 'string' },
      time: { type: 'string' },
      group: { type: 'string' },
      window: { type: 'string' },
      horizon: { type: 'string' },
      features: { type: 'string' },
      'ood-from': { type: 'string' },
      layers: { type: 'string' },
      text: { type: 'string' },
      'max-len': { type: 'string' },
      vocab: { type: 'string' },
      'd-model': { type: 'string' },
      heads: { type: 'string' },
      ff: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean', default: false }
    }
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new Error(`train takes exactly one file.\n${TRAIN_USAGE}`);
  if (!values.target) throw new Error(`train needs --target COL (the column to predict).\n${TRAIN_USAGE}`);
  const oodWhere = (values['ood-where'] ?? []).map((condition) => {
    const at = condition.indexOf('=');
    if (at <= 0) throw new Error(`--ood-where takes COL=VALUE, got "${condition}".`);
    return { column: condition.slice(0, at).trim(), value: condition.slice(at + 1).trim() };
  });
  const raw: Partial<TrainConfigInput> = {
    target: values.target,
    task: values.task as TrainConfigInput['task'],
    arch: values.arch as TrainConfigInput['arch'],
    method: values.method as TrainConfigInput['method'],
    epochs: parseNumber('epochs', values.epochs),
    batchSize: parseNumber('batch', values.batch),
    lr: parseNumber('lr', values.lr),
    beta: parseNumber('beta', values.beta),
    patience: parseNumber('patience', values.patience),
    samples: parseNumber('samples', values.samples),
    seed: parseNumber('seed', values.seed),
    ignore: parseList(values.ignore),
    oodWhere,
    name: values.name,
    ...architectureOptions(values)
  };

  const core = openCliCore(values.db);
  try {
    const data = core.datasets.importBytes(readUserFile(file), basename(file), basename(file), null);
    const oodFile = values['ood-file'];
    const ood = oodFile
      ? core.datasets.importBytes(readUserFile(oodFile), basename(oodFile), basename(oodFile), null)
      : undefined;
    const parsed = TrainConfigSchema.safeParse({ ...raw, datasetId: data.id, oodDatasetId: ood?.id });
    if (!parsed.success) throw new Error(describeIssues('Invalid options', parsed.error));

    const bar = new ProgressBar();
    const showProgress = !values.json || Boolean(process.stderr.isTTY);
    const unsubscribe = core.events.subscribe((event, payload) => {
      if (showProgress && event === 'run:progress')
        bar.update(payload as Parameters<ProgressBar['update']>[0]);
    });
    const runId = core.runs.start(parsed.data);
    await core.runs.wait(runId);
    unsubscribe();
    bar.finish();
    return finishTrain(core, runId, values.json);
  } finally {
    await core.close();
  }
}

type TrainValues = Record<string, string | boolean | string[] | undefined>;

/** The architecture-specific part of the configuration, from the flags that apply to it. */
function architectureOptions(values: TrainValues): Partial<TrainConfigInput> {
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const number = (name: string): number | undefined => parseNumber(name, text(name));
  const list = (name: string): number[] | undefined => {
    const value = text(name);
    return value === undefined ? undefined : parseNumberList(name, value);
  };
  const arch = text('arch') ?? 'mlp';
  if (arch === 'lstm') {
    const ranks = list('ranks');
    if (ranks && ranks.length !== 2) throw new Error('For the LSTM, --ranks takes two values: r_ih,r_hh.');
    const hidden = list('hidden');
    if (hidden && hidden.length !== 1)
      throw new Error('For the LSTM, --hidden takes one value (the hidden size).');
    const time = text('time');
    return {
      series: time
        ? {
            time,
            group: text('group'),
            window: number('window'),
            horizon: number('horizon'),
            features: parseList(text('features')),
            oodFrom: text('ood-from')
          }
        : undefined,
      lstm: { hidden: hidden?.[0], layers: number('layers'), rankIh: ranks?.[0], rankHh: ranks?.[1] }
    };
  }
  if (arch === 'transformer') {
    const column = text('text');
    return {
      text: column ? { column, maxLen: number('max-len'), vocab: number('vocab') } : undefined,
      transformer: {
        dModel: number('d-model'),
        layers: number('layers'),
        heads: number('heads'),
        ff: number('ff'),
        rank: number('rank')
      }
    };
  }
  if (values.rank && values.ranks) throw new Error('Give either --rank or --ranks, not both.');
  return { rank: number('rank'), ranks: list('ranks'), hidden: list('hidden') };
}

function finishTrain(core: AppCore, runId: number, json: boolean): number {
  const run = core.storage.runs.get(runId);
  if (!run) throw new Error(`Run ${runId} disappeared from the database.`);
  if (run.status !== 'finished') {
    throw new AppError('COMPUTE_FAILED', `Run ${runId} ${run.status}: ${run.error ?? 'no reason recorded'}`);
  }
  const report = runReport(run);
  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    process.stdout.write(
      `Run ${runId} finished in ${formatSeconds(report.trainSeconds)} on ${report.backend} (${report.params} parameters).\n`
    );
    for (const [key, value] of Object.entries(report.metrics)) {
      process.stdout.write(`  test ${key.padEnd(9)} ${formatMetric(value)}\n`);
    }
    if (report.ood) {
      for (const [key, value] of Object.entries(report.ood)) {
        process.stdout.write(`  ood  ${key.padEnd(9)} ${formatMetric(value)}\n`);
      }
    }
    for (const note of run.metrics?.notes ?? []) process.stdout.write(`  note: ${note}\n`);
    process.stdout.write(`Review the records with: npm run sbnn -- show ${runId}  (or in the app)\n`);
  }
  return 0;
}

export function formatMetric(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(4);
}
