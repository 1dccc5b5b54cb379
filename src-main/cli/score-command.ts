import type { ChannelOutput } from '@shared/contract/channels';
import { requireFinishedRun } from '../services/run-lookup';
import { importUserFile } from './dataset-import';
import { invokeChannel, openCliCore, requireRun } from './cli-context';
import { parseCommandArgs } from './command-args';
import { parseRunId, seeHelp } from './flag-values';
import { ProgressBar } from './progress-bar';
import { scalarMetrics } from './run-report';
import { formatMetric } from './run-summary';

export const SCORE_USAGE = `sbnn score <runId> <file> [--json] [--db PATH]
  Scores a file with a finished run and adds its records to the run's review queue (predict, by
  contrast, writes predictions to a CSV file without saving them).`;

type ScoreOutcome = ChannelOutput<'runs:score'>;

export async function scoreCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, SCORE_USAGE, {});
  if (!args) return 0;
  const { values, positionals } = args;
  const [runText, file, ...extra] = positionals;
  if (runText === undefined || file === undefined || extra.length > 0)
    throw new Error(`score takes a run id and a file (${seeHelp('score')}).`);
  const runId = parseRunId(runText);
  const core = openCliCore(values.db);
  try {
    // Checked before the import, so a wrong run id leaves no imported file behind.
    requireRun(core, runId);
    requireFinishedRun(core.storage, runId, 'scoring');
    const showProgress = !values.json || Boolean(process.stderr.isTTY);
    const dataset = await importUserFile(core, file, showProgress ? new ProgressBar() : null);
    // Scoring reports no progress of its own; say what is running while it does.
    if (showProgress)
      process.stderr.write(`Scoring ${dataset.rowCount} rows of ${dataset.fileName} with run ${runId}...\n`);
    const outcome = await invokeChannel(core, 'runs:score', { runId, datasetId: dataset.id });
    const text = values.json
      ? JSON.stringify({ runId, datasetId: dataset.id, ...outcome })
      : scoreLines(runId, outcome).join('\n');
    process.stdout.write(`${text}\n`);
    return 0;
  } finally {
    await core.close();
  }
}

/** What score prints: how many records were scored and flagged, the metrics when the file had the target. */
export function scoreLines(runId: number, outcome: ScoreOutcome): string[] {
  const lines = [
    `Scored ${outcome.scored} records of ${outcome.fileName} with run ${runId}: ${outcome.flagged} flagged out-of-distribution.`
  ];
  if (outcome.metrics) {
    const metrics = Object.entries(scalarMetrics(outcome.metrics));
    const width = Math.max(...metrics.map(([key]) => key.length));
    lines.push(...metrics.map(([key, value]) => `  ${key.padEnd(width)} ${formatMetric(value)}`));
  } else {
    lines.push("  (no metrics: the file has no values of the run's target)");
  }
  lines.push(`The records joined the run's review queue: npm run sbnn -- review ${runId}`);
  return lines;
}
