import { openCliCore } from './cli-context';
import { onlyRunId, parseCommandArgs } from './command-args';
import { followRun } from './follow-run';

export const RESUME_USAGE = `sbnn resume <runId> [--json] [--db PATH]
  Continues an interrupted or cancelled run from its last checkpoint (from the start when it has none).`;

export async function resumeCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, RESUME_USAGE, {});
  if (!args) return 0;
  const { values, positionals } = args;
  const runId = onlyRunId('resume', positionals);
  const core = openCliCore(values.db);
  try {
    return await followRun(core, values.json, () => {
      const { fromEpoch } = core.runs.resume(runId);
      process.stderr.write(
        fromEpoch > 0
          ? `Resuming run ${runId} after epoch ${fromEpoch} (its last checkpoint).\n`
          : `Run ${runId} has no checkpoint; training it again from the start.\n`
      );
      return runId;
    });
  } finally {
    await core.close();
  }
}
