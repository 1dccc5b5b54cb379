import { ArchSchema, LOW_RANK_METHODS, MethodSchema, TaskSchema } from '@shared/domain/config';
import type { Method, TrainConfigInput } from '@shared/domain/config';
import { parseChoice, parseList, parseNumber, parseNumberList, seeHelp } from './flag-values';

/**
 * The flags that describe a run's configuration, shared by every command that trains or pre-fits
 * (train, sweep, advise-rank), so that one flag means the same thing everywhere.
 */
export const RUN_CONFIG_OPTIONS = {
  target: { type: 'string' },
  task: { type: 'string' },
  arch: { type: 'string' },
  method: { type: 'string' },
  members: { type: 'string' },
  'pretrain-epochs': { type: 'string' },
  'conformal-level': { type: 'string' },
  rank: { type: 'string' },
  ranks: { type: 'string' },
  hidden: { type: 'string' },
  epochs: { type: 'string' },
  batch: { type: 'string' },
  lr: { type: 'string' },
  beta: { type: 'string' },
  patience: { type: 'string' },
  samples: { type: 'string' },
  seed: { type: 'string' },
  'ood-where': { type: 'string', multiple: true },
  'ood-file': { type: 'string' },
  ignore: { type: 'string' },
  name: { type: 'string' },
  time: { type: 'string' },
  group: { type: 'string' },
  window: { type: 'string' },
  horizon: { type: 'string' },
  features: { type: 'string' },
  'ood-from': { type: 'string' },
  layers: { type: 'string' },
  text: { type: 'string' },
  'max-len': { type: 'string' },
  vocab: { type: 'string' },
  'd-model': { type: 'string' },
  heads: { type: 'string' },
  ff: { type: 'string' }
} as const;

/** The help text of RUN_CONFIG_OPTIONS, indented to follow a command's first usage line. */
export const RUN_CONFIG_USAGE = `  --task binary|multiclass|regression   (detected from the target when omitted)
  --arch mlp|lstm|transformer
  --method sbnn|lr-svd|bbb|rank1|deterministic|ensemble   (default sbnn)
                --members M (ensemble, default 5)  --pretrain-epochs N (lr-svd's deterministic pre-fit)
  MLP:          --hidden 128,128 (layer widths)  --rank N | --ranks a,b,c (one per weight matrix; default 8)
  LSTM:         --time COL [--group COL] --window N --horizon H [--features a,b] [--ood-from TIME]
                [--hidden 64] [--layers 2] [--ranks r_ih,r_hh]
  Transformer:  --text COL [--max-len 128] [--vocab 8000] [--d-model 64] [--layers 2] [--heads 4] [--ff 128] [--rank 8]
                (--rank and --ranks apply to sbnn and lr-svd; the other methods ignore them)
  --epochs N --batch N --lr X --beta X --patience N
  --samples S                           Monte Carlo samples for prediction (default 100)
  --conformal-level L                   coverage of the conformal intervals and sets (default 0.9)
  --seed N                              same seed, same backend: same numbers
  --ood-where COL=VALUE                 rows matching are out-of-distribution (repeatable)
  --ood-file F                          every row of F is out-of-distribution
  --ignore a,b                          columns not used as inputs
  --name NAME --db PATH`;

/** Parsed flags, as node:util parseArgs returns them. */
export type FlagValues = Record<string, string | boolean | string[] | undefined>;

/** A run configuration from the command line, before its files are imported as datasets. */
export interface RunFlags {
  config: Omit<TrainConfigInput, 'datasetId' | 'oodDatasetId'>;
  method: Method;
  /** The file whose every row is out-of-distribution (--ood-file), when given. */
  oodFile: string | undefined;
}

/**
 * Turns the flags of RUN_CONFIG_OPTIONS into a run configuration. Rank flags of a method without
 * low-rank factors are left out (ignoredFlagNotes says so); everything else is checked by the
 * configuration's schema once the datasets are known.
 */
export function runFlags(command: string, values: FlagValues): RunFlags {
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const target = text('target');
  if (!target) throw new Error(`${command} needs --target COL, the column to predict (${seeHelp(command)}).`);
  const method = parseChoice('method', MethodSchema.options, text('method')) ?? 'sbnn';
  const lowRank = LOW_RANK_METHODS.includes(method);
  const oodWhere = (Array.isArray(values['ood-where']) ? values['ood-where'] : []).map((condition) => {
    const at = condition.indexOf('=');
    if (at <= 0) throw new Error(`--ood-where takes COL=VALUE, got "${condition}".`);
    return { column: condition.slice(0, at).trim(), value: condition.slice(at + 1).trim() };
  });
  return {
    method,
    oodFile: text('ood-file'),
    config: {
      target,
      task: parseChoice('task', TaskSchema.options, text('task')),
      arch: parseChoice('arch', ArchSchema.options, text('arch')),
      method,
      members: parseNumber('members', text('members')),
      pretrainEpochs: parseNumber('pretrain-epochs', text('pretrain-epochs')),
      conformalLevel: parseNumber('conformal-level', text('conformal-level')),
      epochs: parseNumber('epochs', text('epochs')),
      batchSize: parseNumber('batch', text('batch')),
      lr: parseNumber('lr', text('lr')),
      beta: parseNumber('beta', text('beta')),
      patience: parseNumber('patience', text('patience')),
      samples: parseNumber('samples', text('samples')),
      seed: parseNumber('seed', text('seed')),
      ignore: parseList(text('ignore')),
      oodWhere,
      name: text('name'),
      ...architectureOptions(text, lowRank)
    }
  };
}

/**
 * One line per flag given that the chosen method does not use: they are ignored, not refused, so
 * that one command line can be rerun with another --method.
 */
export function ignoredFlagNotes(values: FlagValues, method: Method): string[] {
  const given = (name: string): boolean => values[name] !== undefined;
  const notes: string[] = [];
  for (const flag of ['rank', 'ranks']) {
    if (given(flag) && !LOW_RANK_METHODS.includes(method))
      notes.push(`--${flag} is ignored: ranks apply to sbnn and lr-svd, not ${method}.`);
  }
  if (given('members') && method !== 'ensemble')
    notes.push(`--members is ignored: it applies to the ensemble, not ${method}.`);
  if (given('pretrain-epochs') && method !== 'lr-svd')
    notes.push(`--pretrain-epochs is ignored: it applies to lr-svd, not ${method}.`);
  return notes;
}

/** The architecture-specific part of the configuration, from the flags that apply to it. */
function architectureOptions(
  text: (name: string) => string | undefined,
  lowRank: boolean
): Partial<TrainConfigInput> {
  const number = (name: string): number | undefined => parseNumber(name, text(name));
  const list = (name: string): number[] | undefined => {
    const value = text(name);
    return value === undefined ? undefined : parseNumberList(name, value);
  };
  const rank = (name: string): number | undefined => (lowRank ? number(name) : undefined);
  const ranks = (name: string): number[] | undefined => (lowRank ? list(name) : undefined);
  const arch = text('arch') ?? 'mlp';
  if (arch === 'lstm') {
    const lstmRanks = ranks('ranks');
    if (lstmRanks && lstmRanks.length !== 2)
      throw new Error('For the LSTM, --ranks takes two values: r_ih,r_hh.');
    const hidden = list('hidden');
    if (hidden && hidden.length !== 1)
      throw new Error('For the LSTM, --hidden takes one value (the hidden size).');
    const time = text('time');
    return {
      series: time
        ? {
            time,
            group: text('group'),
            window: number('window'),
            horizon: number('horizon'),
            features: parseList(text('features')),
            oodFrom: text('ood-from')
          }
        : undefined,
      lstm: { hidden: hidden?.[0], layers: number('layers'), rankIh: lstmRanks?.[0], rankHh: lstmRanks?.[1] }
    };
  }
  if (arch === 'transformer') {
    const column = text('text');
    return {
      text: column ? { column, maxLen: number('max-len'), vocab: number('vocab') } : undefined,
      transformer: {
        dModel: number('d-model'),
        layers: number('layers'),
        heads: number('heads'),
        ff: number('ff'),
        rank: rank('rank')
      }
    };
  }
  if (lowRank && text('rank') !== undefined && text('ranks') !== undefined)
    throw new Error('Give either --rank or --ranks, not both.');
  return { rank: rank('rank'), ranks: ranks('ranks'), hidden: list('hidden') };
}

/** The one file a run learns from (the command's only positional argument). */
export function runFile(command: string, positionals: readonly string[]): string {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0)
    throw new Error(`${command} takes exactly one file, got ${positionals.length} (${seeHelp(command)}).`);
  return file;
}
