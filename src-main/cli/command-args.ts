import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { parseRunId, seeHelp } from './flag-values';

/**
 * The options every command takes: --help / -h (its usage on stdout, exit code 0), --db PATH
 * (another database than the app's) and --json.
 */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
  db: { type: 'string' },
  json: { type: 'boolean', default: false }
} as const;

type Options = NonNullable<ParseArgsConfig['options']>;

/** A command's argv, read strictly: an unknown option or a value of the wrong type is refused. */
interface CommandArgsConfig<O extends Options> {
  args: string[];
  allowPositionals: boolean;
  strict: true;
  options: typeof COMMON_OPTIONS & O;
}

/** The values and positionals of a command's argv, as node:util parseArgs returns them. */
export type CommandArgs<O extends Options> = ReturnType<typeof parseArgs<CommandArgsConfig<O>>>;

/**
 * Parses a command's argv with its own `options` and COMMON_OPTIONS. With --help it prints
 * `usage` on stdout and returns null: the command then ends with exit code 0. A command that
 * takes no positional arguments passes `allowPositionals` false, so that one is refused.
 */
export function parseCommandArgs<O extends Options>(
  argv: string[],
  usage: string,
  options: O,
  allowPositionals = true
): CommandArgs<O> | null {
  const config: CommandArgsConfig<O> = {
    args: argv,
    allowPositionals,
    strict: true,
    options: { ...COMMON_OPTIONS, ...options }
  };
  const parsed = parseArgs(config);
  if ('help' in parsed.values && parsed.values.help === true) {
    process.stdout.write(`${usage}\n`);
    return null;
  }
  return parsed;
}

/**
 * The run id that is a command's only positional argument (e.g. `report 3`); otherwise `mistake`,
 * by default "COMMAND takes one run id" and where its usage is.
 */
export function onlyRunId(
  command: string,
  positionals: readonly string[],
  mistake = `${command} takes one run id (${seeHelp(command)}).`
): number {
  const [runText, ...extra] = positionals;
  if (runText === undefined || extra.length > 0) throw new Error(mistake);
  return parseRunId(runText);
}
