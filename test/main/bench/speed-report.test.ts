import { describe, expect, it } from 'vitest';
import { evaluateTargets, roundedReport, speedText } from '../../../src-main/bench/speed-report';
import type { SpeedReport, StepRow } from '../../../src-main/bench/speed-report';

function step(method: StepRow['method'], width: number, rank: number | null, msPerStep: number): StepRow {
  return { arch: 'mlp', width, rank, method, msPerStep, peakMB: 10 };
}

/** The MLP rows at 512 with hand-picked times: sbnn r 16 takes 30 ms, bbb 80 ms, deterministic 40 ms. */
const steps: StepRow[] = [
  step('deterministic', 512, null, 40),
  step('bbb', 512, null, 80),
  step('ensemble', 512, null, 200),
  step('sbnn', 512, 4, 25),
  step('sbnn', 512, 16, 30),
  step('sbnn', 512, 64, 45),
  // Another width must not be read for the 512 targets.
  step('sbnn', 128, 16, 1),
  step('deterministic', 128, null, 1000)
];

describe('the speed targets', () => {
  it('reads the ratios at width 512, r 16 and the lag p99 against their limits', () => {
    const [overBbb, overDeterministic, lag] = evaluateTargets(steps, 12);
    // 30 / 80 = 0.375 <= 0.5; 30 / 40 = 0.75 <= 1; 12 ms < 50 ms.
    expect(overBbb).toMatchObject({ measured: 0.375, limit: 0.5, holds: true });
    expect(overDeterministic).toMatchObject({ measured: 0.75, limit: 1, holds: true });
    expect(lag).toMatchObject({ measured: 12, limit: 50, holds: true });
  });

  it('fails a target that is missed, at the limit for the lag, and when a figure is missing', () => {
    const slow = steps.map((s) =>
      s.method === 'sbnn' && s.width === 512 && s.rank === 16 ? { ...s, msPerStep: 41 } : s
    );
    const [overBbb, overDeterministic, lag] = evaluateTargets(slow, 50);
    // 41 / 80 = 0.5125 > 0.5; 41 / 40 = 1.025 > 1; a lag of exactly 50 ms is not under 50.
    expect(overBbb?.holds).toBe(false);
    expect(overBbb?.measured).toBeCloseTo(0.5125, 12);
    expect(overDeterministic?.holds).toBe(false);
    expect(lag?.holds).toBe(false);
    const withoutBbb = evaluateTargets(
      steps.filter((s) => s.method !== 'bbb'),
      1
    );
    expect(withoutBbb[0]?.measured).toBeNaN();
    expect(withoutBbb[0]?.holds).toBe(false);
  });

  it('holds exactly at the ratio limits', () => {
    const atLimits = [
      step('deterministic', 512, null, 30),
      step('bbb', 512, null, 60),
      step('sbnn', 512, 16, 30)
    ];
    const [overBbb, overDeterministic] = evaluateTargets(atLimits, 0);
    expect(overBbb).toMatchObject({ measured: 0.5, holds: true });
    expect(overDeterministic).toMatchObject({ measured: 1, holds: true });
  });
});

describe('the speed report', () => {
  const report: SpeedReport = {
    backend: { name: 'wasm', label: 'WebAssembly (SIMD, 1 thread)' },
    machine: { cpu: 'Test CPU', cores: 2, memoryGB: 8, node: '20.20.0', loadAverage: 0.5 },
    quick: true,
    seconds: 123.456,
    batch: 64,
    steps,
    predict: {
      samples: 100,
      records: 1000,
      rows: [{ arch: 'mlp', width: 512, rank: 16, method: 'sbnn', ms: 1234.56 }]
    },
    eventLoopLagMs: { p50: 1.234, p99: 12.345, max: 30.1, samples: 500, job: 'a run', jobSeconds: 9.87 },
    targets: evaluateTargets(steps, 12.345)
  };

  it('rounds its figures for printing and keeps the issue JSON shape', () => {
    const rounded = roundedReport({ ...report, steps: [step('sbnn', 512, 16, 30.12345)] });
    expect(rounded.steps[0]).toEqual({
      arch: 'mlp',
      width: 512,
      rank: 16,
      method: 'sbnn',
      msPerStep: 30.12,
      peakMB: 10
    });
    expect(rounded.predict.rows[0]?.ms).toBe(1235);
    expect(rounded.eventLoopLagMs).toMatchObject({ p50: 1.23, p99: 12.35, jobSeconds: 9.9 });
    expect(rounded.seconds).toBe(123.5);
    const json = JSON.parse(JSON.stringify(rounded)) as Record<string, unknown>;
    for (const key of ['backend', 'steps', 'predict', 'eventLoopLagMs', 'targets'])
      expect(json).toHaveProperty(key);
  });

  it('prints every step, the prediction, the lag and a verdict per target', () => {
    const text = speedText(report);
    expect(text).toContain('WebAssembly (SIMD, 1 thread)');
    expect(text.split('\n').filter((line) => line.startsWith('mlp'))).toHaveLength(steps.length + 1);
    expect(text).toMatch(/p50 1\.23 ms, p99 12\.35 ms/);
    expect(text).toContain('holds  sbnn / bbb step, MLP 512, r 16: 0.375 (limit 0.5)');
    expect(text).toContain('holds  sbnn / deterministic step, MLP 512, r 16: 0.750 (limit 1)');
  });
});
