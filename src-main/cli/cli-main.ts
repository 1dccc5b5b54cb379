import { errorMessage } from '@shared/contract/errors';
import { ADVISE_RANK_USAGE, adviseRankCommand } from './advise-rank-command';
import { BENCH_USAGE, benchCommand } from './bench-command';
import { COMPARE_USAGE, compareCommand } from './compare-command';
import {
  EXPORT_MODEL_USAGE,
  IMPORT_MODEL_USAGE,
  exportModelCommand,
  importModelCommand
} from './model-file-commands';
import { PREDICT_USAGE, predictCommand } from './predict-command';
import { REPORT_USAGE, reportCommand } from './report-command';
import { RESUME_USAGE, resumeCommand } from './resume-command';
import { REVIEW_USAGE, reviewCommand } from './review-command';
import { RUNS_USAGE, SHOW_USAGE, runsCommand, showCommand } from './runs-command';
import { SCORE_USAGE, scoreCommand } from './score-command';
import { SWEEP_USAGE, sweepCommand } from './sweep-command';
import { TRAIN_USAGE, trainCommand } from './train-command';

const indent = (usage: string): string => usage.replace(/\n/g, '\n  ');

const USAGE = `SBNN Studio command line (npm run sbnn -- <command>)

Commands:
  ${indent(TRAIN_USAGE)}
  ${indent(RESUME_USAGE)}
  ${indent(SWEEP_USAGE)}
  ${indent(ADVISE_RANK_USAGE)}
  ${indent(COMPARE_USAGE)}
  ${PREDICT_USAGE}
  ${indent(SCORE_USAGE)}
  ${indent(REVIEW_USAGE)}
  ${indent(REPORT_USAGE)}
  ${indent(EXPORT_MODEL_USAGE)}
  ${indent(IMPORT_MODEL_USAGE)}
  ${RUNS_USAGE}
  ${SHOW_USAGE}
  ${indent(BENCH_USAGE)}

Every command takes --help, and uses the app's database unless --db PATH (or $SBNN_DB) names another.`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  train: trainCommand,
  resume: resumeCommand,
  sweep: sweepCommand,
  'advise-rank': adviseRankCommand,
  compare: compareCommand,
  predict: predictCommand,
  score: scoreCommand,
  review: reviewCommand,
  report: reportCommand,
  'export-model': exportModelCommand,
  'import-model': importModelCommand,
  runs: runsCommand,
  show: showCommand,
  bench: benchCommand
};

/** Errors end as one line on stderr and exit code 1; never a stack trace. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 1;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(
      `Unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')} (see: npm run sbnn -- help)\n`
    );
    return 1;
  }
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`Error: ${errorMessage(err).split('\n').join(' ')}\n`);
    process.exit(1);
  }
);
