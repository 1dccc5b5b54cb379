import { isResumable } from '@shared/domain/records';
import { openCliCore, requireRun } from './cli-context';
import { onlyRunId, parseCommandArgs } from './command-args';
import { runReport } from './run-report';
import { runReportLines } from './run-summary';

export const RUNS_USAGE = 'sbnn runs [--json] [--db PATH]';
export const SHOW_USAGE = 'sbnn show <runId> [--json] [--db PATH]';

export async function runsCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, RUNS_USAGE, {}, false);
  if (!args) return 0;
  const { values } = args;
  const core = openCliCore(values.db);
  try {
    const runs = core.storage.runs.list();
    if (values.json) {
      process.stdout.write(`${JSON.stringify(runs)}\n`);
      return 0;
    }
    if (runs.length === 0) {
      process.stdout.write('No runs yet. Train one with: npm run sbnn -- train <file> --target COL\n');
      return 0;
    }
    process.stdout.write(
      `${'id'.padStart(5)}  ${'status'.padEnd(11)} ${'task'.padEnd(10)} ${'method'.padEnd(13)} ${'params'.padStart(8)}  name\n`
    );
    for (const run of runs) {
      process.stdout.write(
        `${String(run.id).padStart(5)}  ${run.status.padEnd(11)} ${(run.task ?? '-').padEnd(10)} ${run.method.padEnd(13)} ${String(run.params ?? '-').padStart(8)}  ${run.name}\n`
      );
    }
    return 0;
  } finally {
    await core.close();
  }
}

export async function showCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, SHOW_USAGE, {});
  if (!args) return 0;
  const { values, positionals } = args;
  const runId = onlyRunId('show', positionals, `Usage: ${SHOW_USAGE}`);
  const core = openCliCore(values.db);
  try {
    const run = requireRun(core, runId);
    const epochs = core.storage.epochs.list(runId);
    const report = runReport(run);
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ ...report, config: run.config, epochs, error: run.error, checkpointEpoch: run.checkpointEpoch })}\n`
      );
      return 0;
    }
    const lines = [
      `Run ${run.id}: ${run.name}`,
      `  status ${run.status}${run.error ? ` (${run.error})` : ''}, backend ${run.backend ?? '-'}`,
      `  created ${run.createdAt}, ${epochs.length} epochs recorded, best epoch ${run.bestEpoch ?? '-'}`,
      ...(isResumable(run.status) ? [`  ${resumeHint(run)}`] : []),
      ...runReportLines(report)
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await core.close();
  }
}

/** How an unfinished run can go on, for `show`. */
function resumeHint(run: { id: number; checkpointEpoch: number | null }): string {
  const from =
    run.checkpointEpoch !== null
      ? `from its checkpoint after epoch ${run.checkpointEpoch}`
      : 'from the start (it has no checkpoint)';
  return `resume it ${from} with: npm run sbnn -- resume ${run.id}`;
}
