import { AppError } from '@shared/contract/errors';
import type { RunProgress } from '@shared/contract/channels';
import type { AppCore } from '../core/app-core';
import { importRunConfig, openCliCore } from './cli-context';
import { parseCommandArgs } from './command-args';
import { ProgressBar, formatSeconds } from './progress-bar';
import {
  RUN_CONFIG_OPTIONS,
  RUN_CONFIG_USAGE,
  ignoredFlagNotes,
  runFile,
  runFlags
} from './run-config-flags';
import { runReport } from './run-report';
import { runReportLines } from './run-summary';

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
    const bar = new ProgressBar();
    const showProgress = !values.json || Boolean(process.stderr.isTTY);
    const unsubscribe = core.events.subscribe((event, payload) => {
      if (showProgress && event === 'run:progress') bar.update(payload as RunProgress);
    });
    const runId = core.runs.start(config);
    await core.runs.wait(runId);
    unsubscribe();
    bar.finish();
    return finishTrain(core, runId, values.json);
  } finally {
    await core.close();
  }
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
    return 0;
  }
  const lines = [
    `Run ${runId} finished in ${formatSeconds(report.trainSeconds)} on ${report.backend}.`,
    ...runReportLines(report),
    `Review the records with: npm run sbnn -- review ${runId}  (or in the app)`
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
