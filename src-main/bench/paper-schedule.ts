/** A unit of benchmark work: one run to train. An exclusive one has every compute process to itself. */
export interface ScheduledTask {
  exclusive: boolean;
  run: () => Promise<void>;
}

/**
 * Runs the tasks in order, at most `slots` at once (one per compute process), so that each
 * process always has the next run and no run waits in a queue while its training clock runs. An
 * exclusive task (a deep ensemble, whose members fill every process themselves) starts once
 * everything before it has ended, and nothing starts until it ends: its recorded training time is
 * then its own members' and not the runs' beside it.
 */
export async function runScheduled(tasks: readonly ScheduledTask[], slots: number): Promise<void> {
  const running = new Set<Promise<void>>();
  for (const task of tasks) {
    while (running.size >= Math.max(1, slots) || (task.exclusive && running.size > 0)) {
      await Promise.race(running);
    }
    const done: Promise<void> = task.run().finally(() => running.delete(done));
    running.add(done);
    if (task.exclusive) await done;
  }
  await Promise.all(running);
}
