import { importRunConfig, invokeChannel, openCliCore } from './cli-context';
import { parseCommandArgs } from './command-args';
import { parseFraction } from './flag-values';
import { rankAdviceLines } from './rank-advice-text';
import { RUN_CONFIG_OPTIONS, runFile, runFlags } from './run-config-flags';

export const ADVISE_RANK_USAGE = `sbnn advise-rank <file> --target COL [train options] [--energy 0.9] [--json]
  A short deterministic pre-fit (--pretrain-epochs), then per weight matrix the smallest rank that
  keeps --energy of its spectrum, and the --rank/--ranks flags that train with it. --json prints the advice.`;

/** Share of each spectrum's energy the proposed ranks keep (METHOD.md section 7). */
const DEFAULT_ENERGY = 0.9;

export async function adviseRankCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, ADVISE_RANK_USAGE, {
    ...RUN_CONFIG_OPTIONS,
    energy: { type: 'string' }
  });
  if (!args) return 0;
  const { values, positionals } = args;
  const file = runFile('advise-rank', positionals);
  const energy = parseFraction('energy', values.energy) ?? DEFAULT_ENERGY;
  if (values.rank !== undefined || values.ranks !== undefined)
    process.stderr.write('--rank and --ranks are ignored: advise-rank proposes them.\n');
  const flags = runFlags('advise-rank', { ...values, rank: undefined, ranks: undefined });

  const core = openCliCore(values.db);
  try {
    const config = importRunConfig(core, file, flags);
    if (!values.json || process.stderr.isTTY)
      process.stderr.write(`Pre-fitting a deterministic network for ${config.pretrainEpochs} epochs...\n`);
    const advice = await invokeChannel(core, 'runs:advise-rank', { config, energy });
    const lines = values.json ? [JSON.stringify(advice)] : rankAdviceLines(advice);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await core.close();
  }
}
