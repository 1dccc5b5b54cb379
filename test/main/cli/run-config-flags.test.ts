import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TrainConfigSchema } from '@shared/domain/config';
import {
  RUN_CONFIG_OPTIONS,
  ignoredFlagNotes,
  runFile,
  runFlags
} from '../../../src-main/cli/run-config-flags';

/** The command line as train, sweep and advise-rank parse it. */
function values(argv: string[]) {
  return parseArgs({ args: argv, allowPositionals: true, strict: true, options: RUN_CONFIG_OPTIONS }).values;
}
const flags = (argv: string[]) => runFlags('train', values(argv));
/** The configuration the run would get, once its dataset is known. */
const config = (argv: string[]) => TrainConfigSchema.parse({ ...flags(argv).config, datasetId: 1 });

/** An error's message, which must fit on one line. */
function oneLineError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error('expected an error');
}

describe('the run configuration flags', () => {
  it('defaults to the sbnn method with the schema defaults', () => {
    const c = config(['--target', 'y']);
    expect(c).toMatchObject({ target: 'y', method: 'sbnn', arch: 'mlp', members: 5, conformalLevel: 0.9 });
    expect(flags(['--target', 'y']).method).toBe('sbnn');
  });

  it('reads every general flag into its field', () => {
    const c = config([
      '--target',
      'y',
      '--task',
      'binary',
      '--method',
      'lr-svd',
      '--pretrain-epochs',
      '7',
      '--conformal-level',
      '0.8',
      '--hidden',
      '16,8',
      '--ranks',
      '3,2,1',
      '--epochs',
      '12',
      '--batch',
      '32',
      '--lr',
      '0.01',
      '--beta',
      '0.5',
      '--patience',
      '4',
      '--samples',
      '25',
      '--seed',
      '9',
      '--ood-where',
      'site=B',
      '--ood-where',
      'year = 2020',
      '--ignore',
      'pid, name',
      '--name',
      'first'
    ]);
    expect(c).toMatchObject({
      target: 'y',
      task: 'binary',
      method: 'lr-svd',
      pretrainEpochs: 7,
      conformalLevel: 0.8,
      hidden: [16, 8],
      ranks: [3, 2, 1],
      epochs: 12,
      batchSize: 32,
      lr: 0.01,
      beta: 0.5,
      patience: 4,
      samples: 25,
      seed: 9,
      oodWhere: [
        { column: 'site', value: 'B' },
        { column: 'year', value: '2020' }
      ],
      ignore: ['pid', 'name'],
      name: 'first'
    });
  });

  it('reads --members for the ensemble and --ood-file as the OOD file', () => {
    const f = flags(['--target', 'y', '--method', 'ensemble', '--members', '3', '--ood-file', 'shift.csv']);
    expect(f.method).toBe('ensemble');
    expect(f.oodFile).toBe('shift.csv');
    expect(TrainConfigSchema.parse({ ...f.config, datasetId: 1 }).members).toBe(3);
  });

  it('reads --rank for every matrix of an sbnn MLP', () => {
    expect(config(['--target', 'y', '--rank', '4'])).toMatchObject({ rank: 4, ranks: undefined });
  });

  it('reads the LSTM flags, --ranks as r_ih,r_hh', () => {
    const c = config([
      '--target',
      't',
      '--arch',
      'lstm',
      '--time',
      'date',
      '--group',
      'city',
      '--window',
      '7',
      '--horizon',
      '2',
      '--features',
      'a,b',
      '--ood-from',
      '2020-01-01',
      '--hidden',
      '32',
      '--layers',
      '1',
      '--ranks',
      '5,6'
    ]);
    expect(c.series).toEqual({
      time: 'date',
      group: 'city',
      window: 7,
      horizon: 2,
      features: ['a', 'b'],
      oodFrom: '2020-01-01'
    });
    expect(c.lstm).toEqual({ hidden: 32, layers: 1, rankIh: 5, rankHh: 6 });
  });

  it('reads the Transformer flags, --rank for every matrix', () => {
    const c = config([
      '--target',
      'label',
      '--arch',
      'transformer',
      '--text',
      'body',
      '--max-len',
      '32',
      '--vocab',
      '500',
      '--d-model',
      '16',
      '--layers',
      '1',
      '--heads',
      '2',
      '--ff',
      '24',
      '--rank',
      '3'
    ]);
    expect(c.text).toEqual({ column: 'body', maxLen: 32, vocab: 500 });
    expect(c.transformer).toEqual({ dModel: 16, layers: 1, heads: 2, ff: 24, rank: 3 });
  });

  it('leaves out the ranks of methods without low-rank factors, and says so', () => {
    for (const method of ['bbb', 'rank1', 'deterministic', 'ensemble']) {
      const argv = ['--target', 'y', '--method', method, '--ranks', '3,2,1', '--rank', '2'];
      const f = flags(['--target', 'y', '--method', method, '--ranks', '3,2,1']);
      expect(f.config.ranks).toBeUndefined();
      expect(f.config.rank).toBeUndefined();
      const notes = ignoredFlagNotes(values(argv), f.method);
      expect(notes).toEqual([
        `--rank is ignored: ranks apply to sbnn and lr-svd, not ${method}.`,
        `--ranks is ignored: ranks apply to sbnn and lr-svd, not ${method}.`
      ]);
    }
    const lstm = flags([
      '--target',
      't',
      '--arch',
      'lstm',
      '--time',
      'd',
      '--method',
      'bbb',
      '--ranks',
      '1,2,3'
    ]);
    expect(lstm.config.lstm).toMatchObject({ rankIh: undefined, rankHh: undefined });
    const transformer = flags([
      '--target',
      'l',
      '--arch',
      'transformer',
      '--text',
      'x',
      '--method',
      'bbb',
      '--rank',
      '3'
    ]);
    expect(transformer.config.transformer).toMatchObject({ rank: undefined });
  });

  it('notes --members and --pretrain-epochs when the method does not use them', () => {
    const v = values(['--target', 'y', '--members', '3', '--pretrain-epochs', '4']);
    expect(ignoredFlagNotes(v, 'sbnn')).toEqual([
      '--members is ignored: it applies to the ensemble, not sbnn.',
      '--pretrain-epochs is ignored: it applies to lr-svd, not sbnn.'
    ]);
    expect(ignoredFlagNotes(v, 'ensemble')).toEqual([
      '--pretrain-epochs is ignored: it applies to lr-svd, not ensemble.'
    ]);
    expect(ignoredFlagNotes(v, 'lr-svd')).toEqual([
      '--members is ignored: it applies to the ensemble, not lr-svd.'
    ]);
    expect(ignoredFlagNotes(values(['--target', 'y', '--rank', '2']), 'sbnn')).toEqual([]);
  });

  it('refuses bad values with one line naming the flag', () => {
    expect(oneLineError(() => flags([]))).toBe(
      'train needs --target COL, the column to predict (see: npm run sbnn -- train --help).'
    );
    expect(oneLineError(() => flags(['--target', 'y', '--method', 'mc-dropout']))).toBe(
      '--method takes one of sbnn, lr-svd, bbb, rank1, deterministic, ensemble; got "mc-dropout".'
    );
    expect(oneLineError(() => flags(['--target', 'y', '--arch', 'cnn']))).toContain('--arch');
    expect(oneLineError(() => flags(['--target', 'y', '--task', 'ranking']))).toContain('--task');
    expect(oneLineError(() => flags(['--target', 'y', '--members', 'five']))).toBe(
      '--members takes a number, got "five".'
    );
    expect(oneLineError(() => flags(['--target', 'y', '--pretrain-epochs', '']))).toContain(
      '--pretrain-epochs'
    );
    expect(oneLineError(() => flags(['--target', 'y', '--conformal-level', '90%']))).toContain(
      '--conformal-level'
    );
    expect(oneLineError(() => flags(['--target', 'y', '--ranks', '4,x']))).toContain('--ranks');
    expect(oneLineError(() => flags(['--target', 'y', '--rank', '4', '--ranks', '4,4,4']))).toBe(
      'Give either --rank or --ranks, not both.'
    );
    expect(oneLineError(() => flags(['--target', 'y', '--ood-where', 'nocondition']))).toBe(
      '--ood-where takes COL=VALUE, got "nocondition".'
    );
    expect(
      oneLineError(() => flags(['--target', 't', '--arch', 'lstm', '--time', 'd', '--ranks', '1,2,3']))
    ).toBe('For the LSTM, --ranks takes two values: r_ih,r_hh.');
  });

  it('takes exactly one file', () => {
    expect(runFile('sweep', ['data.csv'])).toBe('data.csv');
    expect(oneLineError(() => runFile('sweep', []))).toBe(
      'sweep takes exactly one file, got 0 (see: npm run sbnn -- sweep --help).'
    );
    expect(oneLineError(() => runFile('train', ['a.csv', 'b.csv']))).toContain('got 2');
  });
});
