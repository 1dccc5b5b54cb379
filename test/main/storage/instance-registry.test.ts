import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerInstance } from '../../../src-main/storage/instance-registry';
import { openStorage } from '../../../src-main/storage/storage';
import { seedRun, tempDir } from './storage-fixtures';
import { createAppCore } from '../../../src-main/core/app-core';
import { ScriptedLauncher } from '../compute/scripted-launcher';

describe('registerInstance', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  /** A live process standing in for another app instance on the same database. */
  function otherInstance(dbPath: string): { pid: number; stop: () => Promise<void> } {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const pid = child.pid ?? -1;
    mkdirSync(`${dbPath}.instances`, { recursive: true });
    writeFileSync(join(`${dbPath}.instances`, String(pid)), 'test');
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    cleanups.push(() => child.kill('SIGKILL'));
    return {
      pid,
      stop: async () => {
        child.kill('SIGKILL');
        await exited;
      }
    };
  }

  it('is alone without another live instance, and removes the file of one that was killed', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const db = join(tmp.dir, 'app.db');
    const other = otherInstance(db);
    const first = registerInstance(db);
    expect(first.alone).toBe(false);
    first.release();
    await other.stop();
    const second = registerInstance(db);
    expect(second.alone).toBe(true);
    expect(existsSync(join(`${db}.instances`, String(other.pid)))).toBe(false);
    second.release();
    expect(existsSync(join(`${db}.instances`, String(process.pid)))).toBe(false);
  });

  it("an app core leaves another live instance's running run alone, and marks it interrupted once that instance is gone", async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const db = join(tmp.dir, 'app.db');
    const storage = openStorage(db);
    const { runId } = seedRun(storage);
    storage.runs.markRunning(runId, {
      backend: 'wasm',
      dataHash: 'h',
      startedAt: '2026-01-02T03:04:07.000Z'
    });
    storage.close();
    const other = otherInstance(db);
    const open = () =>
      createAppCore({ dbPath: db, resourcesDir: tmp.dir, launcher: new ScriptedLauncher(), mode: 'cli' });

    const beside = open();
    expect(beside.storage.runs.get(runId)?.status).toBe('running');
    await beside.close();

    await other.stop();
    const after = open();
    expect(after.storage.runs.get(runId)?.status).toBe('interrupted');
    await after.close();
  });
});
