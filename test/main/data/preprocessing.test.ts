import { describe, expect, it } from 'vitest';
import {
  featureNames,
  fitPreprocessor,
  targetToOriginal,
  transformFeatures,
  transformTarget,
  type NumericFeature,
  type CategoricalFeature
} from '../../../src-main/data/preprocessing';
import { randomSplit } from '../../../src-main/data/splits';
import { appErrorOf, expectWhere, loadSample, table } from './helpers';

// Rows 0-3 train, rows 4-5 held out. The held-out rows carry values no training row has
// (x = 1000, colour = purple) that must not move the fitted statistics.
const small = table(
  ['id', 'x', 'colour', 'y'],
  [
    ['a', '1', 'red', 'no'],
    ['b', '2', 'blue', 'yes'],
    ['c', '4', 'red', 'yes'],
    ['d', 'NA', 'blue', 'no'],
    ['e', '1000', 'purple', 'yes'],
    ['f', '3', '', 'maybe']
  ],
  'small.csv'
);
const TRAIN = [0, 1, 2, 3];
const spec = { target: 'y', roles: {}, ignore: [] };

describe('fitPreprocessor', () => {
  const pre = fitPreprocessor(small, TRAIN, spec);
  const x = pre.features[0] as NumericFeature;
  const colour = pre.features[1] as CategoricalFeature;

  it('fits on training rows only: x observed 1, 2, 4 -> mean 7/3, population std, median 2', () => {
    const mean = 7 / 3;
    const std = Math.sqrt(((1 - mean) ** 2 + (2 - mean) ** 2 + (4 - mean) ** 2) / 3);
    expect(x).toEqual({ name: 'x', role: 'numeric', mean, std, fill: 2 });
    expect(colour).toEqual({
      name: 'colour',
      role: 'categorical',
      categories: ['blue', 'red'],
      fill: 'blue'
    });
  });

  it('encodes the binary target with the positive class second', () => {
    expect(pre).toMatchObject({ task: 'binary', classes: ['no', 'yes'], positiveClass: 'yes' });
    expect(pre.idColumns).toEqual(['id']);
    expect(pre.inputColumns).toEqual(['x', 'colour']);
    expect(featureNames(pre)).toEqual(['x', 'colour=blue', 'colour=red']);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(pre))).toEqual(pre);
  });

  it('puts yes/true/1/spam-like labels second whatever their sort order', () => {
    const t = table(
      ['f', 'label'],
      [
        ['1', 'spam'],
        ['2', 'ham'],
        ['3', 'spam']
      ]
    );
    expect(fitPreprocessor(t, [0, 1, 2], { target: 'label', roles: {}, ignore: [] }).classes).toEqual([
      'ham',
      'spam'
    ]);
    const u = table(
      ['f', 'label'],
      [
        ['1', 'Y'],
        ['2', 'Z']
      ]
    );
    expect(fitPreprocessor(u, [0, 1], { target: 'label', roles: {}, ignore: [] }).positiveClass).toBe('Y');
  });

  it('standardizes a regression target and notes constant columns', () => {
    const t = table(
      ['c', 'v', 'target'],
      [
        ['5', '1', '10'],
        ['5', '2', '20'],
        ['5', '3', '30'],
        ['5', '4', '40']
      ]
    );
    const p = fitPreprocessor(t, [0, 1, 2, 3], {
      target: 'target',
      task: 'regression',
      roles: {},
      ignore: []
    });
    expect(p.targetMean).toBe(25);
    expect(p.targetStd).toBeCloseTo(Math.sqrt(125), 12);
    expect(p.constantColumns).toEqual(['c']);
    expect((p.features[0] as NumericFeature).std).toBe(1);
    const { y } = transformTarget(p, t);
    expect(Array.from(y)).toEqual([-15, -5, 5, 15].map((d) => Math.fround(d / Math.sqrt(125))));
    expect(targetToOriginal(p, y[0] as number)).toBeCloseTo(10, 5);
  });

  it('honours roles and ignore: an ignored id is still carried, an ignored input is dropped', () => {
    const p = fitPreprocessor(small, TRAIN, {
      target: 'y',
      roles: { x: 'categorical' },
      ignore: ['id', 'colour']
    });
    expect(p.idColumns).toEqual(['id']);
    expect(p.features.map((f) => [f.name, f.role])).toEqual([['x', 'categorical']]);
  });
});

describe('fitPreprocessor errors', () => {
  it('a missing target column lists the available columns', () => {
    const e = appErrorOf(() => fitPreprocessor(small, TRAIN, { ...spec, target: 'outcome' }));
    expect(e.message).toMatch(/no column "outcome".*id, x, colour, y/);
    expectWhere(e, { file: 'small.csv', column: 'outcome' });
  });

  it('a single-class target', () => {
    const e = appErrorOf(() => fitPreprocessor(small, [1, 2], spec));
    expect(e.message).toMatch(/single/);
  });

  it('a target that is all missing', () => {
    const t = table(
      ['x', 'y'],
      [
        ['1', ''],
        ['2', 'NA']
      ]
    );
    expect(appErrorOf(() => fitPreprocessor(t, [0, 1], spec)).message).toMatch(
      /missing in every training row/
    );
  });

  it('a missing target in a training row names its line', () => {
    const t = table(
      ['x', 'y'],
      [
        ['1', 'a'],
        ['2', 'b'],
        ['3', '?']
      ],
      't.csv'
    );
    expectWhere(
      appErrorOf(() => fitPreprocessor(t, [0, 1, 2], spec)),
      { file: 't.csv', row: 4, column: 'y' }
    );
  });
});

describe('transformFeatures', () => {
  const pre = fitPreprocessor(small, TRAIN, spec);
  const x = pre.features[0] as NumericFeature;
  const out = transformFeatures(pre, small);

  it('standardizes, one-hots and imputes row-major n x dim', () => {
    expect([out.n, out.dim]).toEqual([6, 3]);
    const z = (v: number): number => Math.fround((v - x.mean) / x.std);
    expect(Array.from(out.x.subarray(0, 3))).toEqual([z(1), 0, 1]);
    expect(Array.from(out.x.subarray(9, 12))).toEqual([z(2), 1, 0]); // NA -> train median 2
    expect(out.imputed[3]).toEqual(['x']);
    expect(out.imputed[5]).toEqual(['colour']); // empty -> mode "blue"
    expect(Array.from(out.x.subarray(15, 18))).toEqual([z(3), 1, 0]);
  });

  it('encodes an unseen category as zeros and records it', () => {
    expect(Array.from(out.x.subarray(13, 15))).toEqual([0, 0]);
    expect(out.unseen[4]).toEqual(['colour']);
    expect(out.unseen[0]).toEqual([]);
  });

  it('carries the id columns', () => {
    expect(out.ids.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('never lets text, NaN, Inf or huge numbers through', () => {
    const bad = table(
      ['id', 'x', 'colour', 'y'],
      [
        ['g', 'abc', 'red', 'no'],
        ['h', 'Infinity', 'red', 'no'],
        ['i', '1e309', 'red', 'no'],
        ['j', '-1e301', 'red', 'no'],
        ['k', '1e299', 'red', 'no'],
        ['l', 'NaN', 'red', 'no']
      ]
    );
    const t = transformFeatures(pre, bad);
    expect(Array.from(t.x).every(Number.isFinite)).toBe(true);
    expect(t.imputed.map((r) => r.length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(t.x[0]).toBe(Math.fround((2 - x.mean) / x.std));
  });

  it('a table missing input columns fails naming each of them and the unexpected extras', () => {
    const other = table(['id', 'colour', 'weight'], [['z', 'red', '3']], 'other.csv');
    const e = appErrorOf(() => transformFeatures(pre, other));
    expect(e.message).toMatch(/"x"/);
    expect(e.message).toMatch(/"weight"/);
    expectWhere(e, { file: 'other.csv', column: 'x' });
    const none = table(['id'], [['z']], 'none.csv');
    expect(appErrorOf(() => transformFeatures(pre, none)).message).toMatch(/"x", "colour"/);
  });
});

describe('transformTarget', () => {
  const pre = fitPreprocessor(small, TRAIN, spec);

  it('gives class indices, and null / NaN for unseen classes in evaluation rows', () => {
    const { y, raw } = transformTarget(pre, small);
    expect(Array.from(y.subarray(0, 5))).toEqual([0, 1, 1, 0, 1]);
    expect(y[5]).toBeNaN();
    expect(raw).toEqual(['no', 'yes', 'yes', 'no', 'yes', null]);
  });

  it('fails on an unseen class or a missing target in strict (training) mode, naming the line', () => {
    const e = appErrorOf(() => transformTarget(pre, small, [4, 5], { strict: true }));
    expectWhere(e, { file: 'small.csv', row: 7, column: 'y' });
    expect(e.message).toMatch(/"maybe"/);
  });

  it('gives all-null targets for a table without the target column', () => {
    const t = transformTarget(pre, table(['x'], [['1']]));
    expect(t.raw).toEqual([null]);
  });
});

describe('the Rotterdam preprocessor on GBSG (same columns, shifted cohort)', () => {
  const rotterdam = loadSample('breast-cancer-rotterdam.csv');
  const gbsg = loadSample('breast-cancer-gbsg.csv');
  const split = randomSplit(
    rotterdam.rows.map((_, i) => i),
    { validation: 0.15, test: 0.15 },
    7
  );
  const pre = fitPreprocessor(rotterdam, split.train, { target: 'event_3y', roles: {}, ignore: ['pid'] });

  it('detects a binary event_3y with positive class "yes" and pid as the id', () => {
    expect(pre).toMatchObject({
      task: 'binary',
      classes: ['no', 'yes'],
      positiveClass: 'yes',
      idColumns: ['pid']
    });
    expect(featureNames(pre)).toEqual([
      'age',
      'meno',
      'size=20-50',
      'size=<=20',
      'size=>50',
      'grade',
      'nodes',
      'pgr',
      'er',
      'hormon'
    ]);
  });

  it('transforms all 555 GBSG rows without imputation, and their targets', () => {
    const f = transformFeatures(pre, gbsg);
    expect([f.n, f.dim]).toEqual([555, 10]);
    expect(Array.from(f.x).every(Number.isFinite)).toBe(true);
    expect(f.imputed.every((r) => r.length === 0)).toBe(true);
    expect(f.ids[0]).toEqual({ pid: '132' });
    const t = transformTarget(pre, gbsg, undefined, { strict: true });
    const positives = Array.from(t.y).filter((v) => v === 1).length;
    expect(positives / 555).toBeCloseTo(0.404, 3); // the documented GBSG base rate
  });

  it('a GBSG file missing a column fails naming it', () => {
    const col = gbsg.columns.indexOf('nodes');
    const cut = {
      ...gbsg,
      columns: gbsg.columns.filter((_, i) => i !== col),
      rows: gbsg.rows.map((r) => r.filter((_, i) => i !== col))
    };
    const e = appErrorOf(() => transformFeatures(pre, cut));
    expect(e.message).toMatch(/the column "nodes"/);
  });
});
