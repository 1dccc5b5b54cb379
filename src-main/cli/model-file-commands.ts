import { basename } from 'node:path';
import { invokeChannel, openCliCore, readUserFile, requireRun, writeUserFile } from './cli-context';
import { onlyRunId, parseCommandArgs } from './command-args';
import { seeHelp } from './flag-values';

export const EXPORT_MODEL_USAGE = `sbnn export-model <runId> [--out model.sbnn-model.json] [--json] [--db PATH]
  Writes a finished run's portable model file (no cell of the training data; --out defaults to
  a file named after the run).`;
export const IMPORT_MODEL_USAGE = `sbnn import-model <file> [--json] [--db PATH]
  Imports a model file as a finished run, ready to score and predict files; prints its run id.`;

export async function exportModelCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, EXPORT_MODEL_USAGE, { out: { type: 'string' } });
  if (!args) return 0;
  const { values, positionals } = args;
  const runId = onlyRunId('export-model', positionals);
  const core = openCliCore(values.db);
  try {
    requireRun(core, runId);
    const { fileName, content } = await invokeChannel(core, 'runs:export-model', { runId });
    const out = values.out ?? fileName;
    writeUserFile(out, content);
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ runId, out })}\n`
        : `Wrote the model of run ${runId} to ${out}. Import it elsewhere with: npm run sbnn -- import-model ${out}\n`
    );
    return 0;
  } finally {
    await core.close();
  }
}

export async function importModelCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, IMPORT_MODEL_USAGE, {});
  if (!args) return 0;
  const { values, positionals } = args;
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0)
    throw new Error(`import-model takes one model file (${seeHelp('import-model')}).`);
  // Not fatal on bad UTF-8: the import names what is wrong with a file that is not a model.
  const content = new TextDecoder().decode(readUserFile(file));
  const core = openCliCore(values.db);
  try {
    const { runId } = await invokeChannel(core, 'runs:import-model', { fileName: basename(file), content });
    const run = requireRun(core, runId);
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ runId, name: run.name })}\n`
        : `Imported ${basename(file)} as run ${runId} (${run.name}). Score a file with: npm run sbnn -- score ${runId} FILE\n`
    );
    return 0;
  } finally {
    await core.close();
  }
}
