import { errorMessage } from '@shared/contract/errors';
import { predictCommand } from './predict-command';
import { runsCommand, showCommand } from './runs-command';
import { TRAIN_USAGE, trainCommand } from './train-command';

const USAGE = `SBNN Studio command line (npm run sbnn -- <command>)

Commands:
  ${TRAIN_USAGE.replace(/\n/g, '\n  ')}
  sbnn predict <runId> <file> [--out preds.csv] [--samples S] [--json] [--db PATH]
  sbnn runs [--json] [--db PATH]
  sbnn show <runId> [--json] [--db PATH]

Every command uses the app's database unless --db PATH (or $SBNN_DB) names another.`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  train: trainCommand,
  predict: predictCommand,
  runs: runsCommand,
  show: showCommand
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
