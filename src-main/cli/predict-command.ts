import { basename } from 'node:path';
import Papa from 'papaparse';
import { AppError } from '@shared/contract/errors';
import type { RecordPrediction } from '@shared/domain/records';
import { decodeText } from '../data/csv-table';
import type { SavedModelFile } from '../compute/jobs/train-run-types';
import { openCliCore, readUserFile, requireRun, writeUserFile } from './cli-context';
import { parseCommandArgs } from './command-args';
import { parseNumber, parseRunId } from './flag-values';

export const PREDICT_USAGE =
  'sbnn predict <runId> <file> [--out preds.csv] [--samples S] [--seed N] [--json] [--db PATH]';

/** Columns of a predictions file, in order, after the record's id columns. */
const OUTPUT_COLUMNS = [
  'prediction',
  'probability',
  'lower',
  'upper',
  'epistemic',
  'total',
  'oodScore',
  'oodFlag',
  'imputed'
];

export async function predictCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, PREDICT_USAGE, {
    out: { type: 'string' },
    samples: { type: 'string' },
    seed: { type: 'string' }
  });
  if (!args) return 0;
  const { values, positionals } = args;
  const [runText, file] = positionals;
  if (runText === undefined || !file || positionals.length !== 2) throw new Error(`Usage: ${PREDICT_USAGE}`);
  const runId = parseRunId(runText);
  const core = openCliCore(values.db);
  try {
    const run = requireRun(core, runId);
    const stored = core.storage.models.load(runId);
    if (!stored) throw new AppError('NOT_FOUND', `Run ${runId} has no saved model (status: ${run.status}).`);
    const model = JSON.parse(stored.modelJson) as SavedModelFile;
    const content = decodeText(readUserFile(file), basename(file));
    const result = await core.compute.run('predict-run', {
      model,
      data: { fileName: basename(file), content },
      samples: parseNumber('samples', values.samples) ?? model.config.samples,
      seed: parseNumber('seed', values.seed) ?? model.predictionSeed
    });
    const rows = toOutputRows(result.records, model);
    if (values.out) writeUserFile(values.out, Papa.unparse(rows, { newline: '\n' }) + '\n');
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ runId, file: basename(file), rows: rows.length, out: values.out ?? null, metrics: result.metrics, flagged: result.records.filter((r) => r.oodFlag).length })}\n`
      );
    } else {
      if (!values.out) process.stdout.write(Papa.unparse(rows, { newline: '\n' }) + '\n');
      else process.stderr.write(`Wrote ${rows.length} predictions to ${values.out}.\n`);
    }
    return 0;
  } finally {
    await core.close();
  }
}

/** One row per input row, in input order: id columns, then the prediction columns. */
export function toOutputRows(
  records: RecordPrediction[],
  model: SavedModelFile
): Record<string, string | number>[] {
  const ordered = [...records].sort((a, b) => a.rowIndex - b.rowIndex);
  return ordered.map((r) => {
    const row: Record<string, string | number> = { ...r.ids };
    const values: (string | number)[] = [
      r.prediction,
      model.target.task === 'regression' ? '' : r.value,
      r.lower,
      r.upper,
      r.epistemic,
      r.total,
      r.oodScore,
      r.oodFlag ? 1 : 0,
      r.imputed.join(';')
    ];
    OUTPUT_COLUMNS.forEach((name, i) => {
      row[name] = values[i] ?? '';
    });
    return row;
  });
}
