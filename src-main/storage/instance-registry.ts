import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The app instances that have a database open. Several clients may open one database at once (the
 * desktop app, the web server, the CLI); SQLite serializes their writes, but a run marked 'running'
 * may belong to another live instance. Each instance registers a file named by its process id in
 * `<db>.instances/`; a run left 'running' is known to be cut short only when no other registered
 * instance is alive (one that was killed leaves a file whose process is gone, which is removed).
 */
export interface InstanceRegistration {
  /** True when no other live instance has the database open. */
  readonly alone: boolean;
  release(): void;
}

/** Whether a process with this id is alive (EPERM: alive, owned by another user). */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function registerInstance(dbPath: string): InstanceRegistration {
  const dir = `${dbPath}.instances`;
  mkdirSync(dir, { recursive: true });
  const own = join(dir, String(process.pid));
  let others = 0;
  for (const name of readdirSync(dir)) {
    const pid = Number(name);
    if (pid === process.pid) continue;
    if (isAlive(pid)) others++;
    else rmSync(join(dir, name), { force: true });
  }
  writeFileSync(own, new Date().toISOString());
  let released = false;
  return {
    alone: others === 0,
    release: () => {
      if (released) return;
      released = true;
      rmSync(own, { force: true });
    }
  };
}
