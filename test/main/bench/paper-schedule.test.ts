import { describe, expect, it } from 'vitest';
import { runScheduled } from '../../../src-main/bench/paper-schedule';

/** Tasks that log their start and end and finish when the test releases them. */
function harness() {
  const log: string[] = [];
  const release = new Map<string, () => void>();
  const task = (name: string, exclusive = false) => ({
    exclusive,
    run: () =>
      new Promise<void>((resolve) => {
        log.push(`start ${name}`);
        release.set(name, () => {
          log.push(`end ${name}`);
          resolve();
        });
      })
  });
  const finish = async (name: string) => {
    release.get(name)?.();
    // Let the scheduler react to the task's end.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { log, task, finish };
}

describe('the benchmark schedule', () => {
  it('keeps at most one run per compute process and starts the next as soon as one ends', async () => {
    const { log, task, finish } = harness();
    const done = runScheduled([task('a'), task('b'), task('c')], 2);
    await finish('none');
    expect(log).toEqual(['start a', 'start b']);
    await finish('b');
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);
    await finish('a');
    await finish('c');
    await done;
    expect(log.slice(-2)).toEqual(['end a', 'end c']);
  });

  it('runs an exclusive task alone: after everything before it, before anything after it', async () => {
    const { log, task, finish } = harness();
    const done = runScheduled([task('a'), task('ensemble', true), task('b'), task('c')], 2);
    await finish('none');
    expect(log).toEqual(['start a']);
    await finish('a');
    expect(log).toEqual(['start a', 'end a', 'start ensemble']);
    await finish('ensemble');
    expect(log).toEqual(['start a', 'end a', 'start ensemble', 'end ensemble', 'start b', 'start c']);
    await finish('b');
    await finish('c');
    await done;
  });
});
