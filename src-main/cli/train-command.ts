import { importRunConfig, openCliCore } from './cli-context';
import { parseCommandArgs } from './command-args';
import { followRun } from './follow-run';
import {
  RUN_CONFIG_OPTIONS,
  RUN_CONFIG_USAGE,
  ignoredFlagNotes,
  runFile,
  runFlags
} from './run-config-flags';

export const TRAIN_USAGE = `sbnn train <file> --target COL [options] [--json]
${RUN_CONFIG_USAGE}`;

export async function trainCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, TRAIN_USAGE, RUN_CONFIG_OPTIONS);
  if (!args) return 0;
  const { values, positionals } = args;
  const file = runFile('train', positionals);
  const flags = runFlags('train', values);
  for (const note of ignoredFlagNotes(values, flags.method)) process.stderr.write(`${note}\n`);

  const core = openCliCore(values.db);
  try {
    const config = importRunConfig(core, file, flags);
    return await followRun(core, values.json, () => core.runs.start(config));
  } finally {
    await core.close();
  }
}
