import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/errors';
import { JobRunner } from '../../../src-main/compute/job-runner';
import type { JobDefinitions } from '../../../src-main/compute/job-runner';
import { ProbeJobSchema } from '../../../src-main/compute/jobs/job-types';
import type { JobHandler } from '../../../src-main/compute/jobs/job-handler';
import type { FromCompute } from '../../../src-main/compute/protocol';
import { yieldToEventLoop } from '../../../src-main/compute/yield';

/** A runner whose only kind ('probe') runs `run`, recording every message it sends. */
function setup(run: JobHandler<'probe'>): { runner: JobRunner; sent: FromCompute[]; logged: string[] } {
  const sent: FromCompute[] = [];
  const logged: string[] = [];
  const definitions: JobDefinitions = { probe: { input: ProbeJobSchema, run } };
  const runner = new JobRunner(
    (m) => sent.push(m),
    definitions,
    (line) => logged.push(line)
  );
  return { runner, sent, logged };
}

const input = { durationMs: 0, size: 2 };

/** Waits until the predicate holds, yielding to the event loop in between (at most ~2 s). */
async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !predicate(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(predicate()).toBe(true);
}

/** A handler that steps until cancelled, reporting progress each step. */
const untilCancelled: JobHandler<'probe'> = async (_input, ctx) => {
  for (let steps = 1; ; steps++) {
    ctx.throwIfCancelled();
    ctx.progress({ steps, elapsedMs: 0 });
    await yieldToEventLoop();
  }
};

describe('JobRunner', () => {
  it('runs jobs one at a time in arrival order', async () => {
    const events: string[] = [];
    const { runner, sent } = setup(async (job) => {
      events.push(`start ${job.size}`);
      await new Promise((r) => setTimeout(r, 5));
      events.push(`end ${job.size}`);
      return { steps: job.size, backend: 'test' };
    });
    runner.handle({ type: 'start', jobId: 'a', kind: 'probe', input: { durationMs: 0, size: 1 } });
    runner.handle({ type: 'start', jobId: 'b', kind: 'probe', input: { durationMs: 0, size: 2 } });
    runner.handle({ type: 'start', jobId: 'c', kind: 'probe', input: { durationMs: 0, size: 3 } });
    await until(() => sent.length === 3);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    expect(sent).toEqual([
      { type: 'result', jobId: 'a', result: { steps: 1, backend: 'test' } },
      { type: 'result', jobId: 'b', result: { steps: 2, backend: 'test' } },
      { type: 'result', jobId: 'c', result: { steps: 3, backend: 'test' } }
    ]);
  });

  it('forwards progress, then answers CANCELLED when the running job is cancelled', async () => {
    const { runner, sent } = setup(untilCancelled);
    runner.handle({ type: 'start', jobId: 'j', kind: 'probe', input });
    await until(() => sent.length >= 3);
    runner.handle({ type: 'cancel', jobId: 'j' });
    await runner.idle();
    const last = sent[sent.length - 1];
    expect(last).toEqual({
      type: 'error',
      jobId: 'j',
      error: { code: 'CANCELLED', message: 'The job was cancelled.' }
    });
    expect(sent.slice(0, -1).every((m) => m.type === 'progress' && m.jobId === 'j')).toBe(true);
  });

  it('cancels a queued job without running it', async () => {
    const started: string[] = [];
    const { runner, sent } = setup(async (job, ctx) => {
      started.push(String(job.size));
      if (job.size === 1) await untilCancelled(job, ctx);
      return { steps: 0, backend: 'test' };
    });
    runner.handle({ type: 'start', jobId: 'first', kind: 'probe', input: { durationMs: 0, size: 1 } });
    runner.handle({ type: 'start', jobId: 'second', kind: 'probe', input: { durationMs: 0, size: 2 } });
    runner.handle({ type: 'cancel', jobId: 'second' });
    expect(sent.filter((m) => m.type === 'error')).toEqual([
      { type: 'error', jobId: 'second', error: { code: 'CANCELLED', message: 'The job was cancelled.' } }
    ]);
    runner.handle({ type: 'cancel', jobId: 'first' });
    await runner.idle();
    expect(started).toEqual(['1']);
  });

  it('answers CANCELLED even when the handler ignores the cancel and returns a result', async () => {
    const { runner, sent } = setup(async () => {
      await new Promise((r) => setTimeout(r, 20));
      return { steps: 1, backend: 'test' };
    });
    runner.handle({ type: 'start', jobId: 'j', kind: 'probe', input });
    await yieldToEventLoop();
    runner.handle({ type: 'cancel', jobId: 'j' });
    await runner.idle();
    expect(sent).toEqual([
      { type: 'error', jobId: 'j', error: { code: 'CANCELLED', message: 'The job was cancelled.' } }
    ]);
  });

  it('keeps the code of a thrown AppError and turns other errors into COMPUTE_FAILED', async () => {
    const { runner, sent, logged } = setup(async (job) => {
      if (job.size === 1) throw new AppError('TRAINING_DIVERGED', 'The loss became NaN at epoch 3.');
      throw new TypeError('Cannot read properties of undefined');
    });
    runner.handle({ type: 'start', jobId: 'app', kind: 'probe', input: { durationMs: 0, size: 1 } });
    runner.handle({ type: 'start', jobId: 'other', kind: 'probe', input: { durationMs: 0, size: 2 } });
    await until(() => sent.length === 2);
    expect(sent).toEqual([
      {
        type: 'error',
        jobId: 'app',
        error: { code: 'TRAINING_DIVERGED', message: 'The loss became NaN at epoch 3.' }
      },
      {
        type: 'error',
        jobId: 'other',
        error: {
          code: 'COMPUTE_FAILED',
          message: 'The computation failed: Cannot read properties of undefined'
        }
      }
    ]);
    // The stack goes to the log for whoever debugs it.
    expect(logged.some((l) => l.includes('TypeError'))).toBe(true);
  });

  it('rejects invalid input, unknown kinds and malformed messages', async () => {
    let ran = 0;
    const { runner, sent, logged } = setup(async () => {
      ran++;
      return { steps: 0, backend: 'test' };
    });
    runner.handle({ type: 'start', jobId: 'bad-input', kind: 'probe', input: { durationMs: 10, size: 0 } });
    runner.handle({ type: 'start', jobId: 'bad-kind', kind: 'nonsense', input: {} });
    runner.handle({ type: 'start', jobId: 'no-kind', input: {} });
    runner.handle({ type: 'launch', jobId: 'bad-type' });
    runner.handle('not even an object');
    runner.handle({ type: 'start', jobId: 42, kind: 'probe', input });
    await runner.idle();
    expect(ran).toBe(0);
    const errors = new Map(
      sent.map((m) => [m.type === 'error' ? m.jobId : '', m.type === 'error' ? m.error : null])
    );
    expect([...errors.keys()].sort()).toEqual(['bad-input', 'bad-kind', 'bad-type', 'no-kind']);
    for (const error of errors.values()) expect(error?.code).toBe('BAD_REQUEST');
    expect(errors.get('bad-input')?.message).toMatch(/^Invalid input for the probe job: size: /);
    expect(errors.get('bad-kind')?.message).toBe('Unknown compute job kind "nonsense" (known: probe).');
    // Without a usable jobId there is nobody to answer; the problem is logged.
    expect(logged.filter((l) => l.startsWith('Malformed message to the compute process'))).toHaveLength(2);
  });

  it('cancels the running and the queued jobs on shutdown', async () => {
    const { runner, sent } = setup(untilCancelled);
    runner.handle({ type: 'start', jobId: 'running', kind: 'probe', input });
    runner.handle({ type: 'start', jobId: 'queued', kind: 'probe', input });
    await yieldToEventLoop();
    expect(runner.handle({ type: 'shutdown' })).toBe('shutdown');
    await runner.idle();
    const errors = sent.filter((m) => m.type === 'error');
    expect(errors.map((m) => (m.type === 'error' ? [m.jobId, m.error.code] : null))).toEqual([
      ['queued', 'CANCELLED'],
      ['running', 'CANCELLED']
    ]);
  });
});
