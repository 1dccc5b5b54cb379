import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../../src-main/storage/storage';
import { BUILT_CLI, REPO_ROOT, requireBuilt } from '../../support/paths';
import { cliWorkspace } from './cli-workspace';

const SAMPLE = resolve(REPO_ROOT, 'resources/samples/breast-cancer-rotterdam.csv');

/** The run's status and checkpoint epoch, read from the database file (null before the run exists). */
function runState(db: string): { status: string; checkpoint: number | null; epochs: number } | null {
  const storage = openStorage(db);
  try {
    const run = storage.runs.list()[0];
    if (!run) return null;
    return {
      status: run.status,
      checkpoint: storage.runs.get(run.id)?.checkpointEpoch ?? null,
      epochs: storage.epochs.list(run.id).length
    };
  } finally {
    storage.close();
  }
}

describe('sbnn resume', () => {
  it('continues a run whose CLI was killed (kill -9) mid-training from its checkpoint', async () => {
    const { db, cli } = cliWorkspace('sbnn-cli-resume-');
    const epochs = 30;
    const args = [
      'train',
      SAMPLE,
      '--target',
      'event_3y',
      '--ignore',
      'pid',
      '--hidden',
      '16',
      '--rank',
      '4'
    ];
    const flags = ['--epochs', String(epochs), '--patience', String(epochs), '--samples', '5'];
    const child = spawn(process.execPath, [requireBuilt(BUILT_CLI), ...args, ...flags, '--db', db], {
      env: { ...process.env, SBNN_DB: '' },
      stdio: 'ignore'
    });
    let running = true;
    const exited = new Promise<void>((done) =>
      child.on('exit', () => {
        running = false;
        done();
      })
    );
    const deadline = Date.now() + 120_000;
    let state = runState(db);
    while (running && Date.now() < deadline && !(state && state.checkpoint !== null && state.epochs >= 2)) {
      await new Promise((r) => setTimeout(r, 200));
      state = runState(db);
    }
    child.kill('SIGKILL');
    await exited;
    expect(state?.status).toBe('running');
    expect(state?.checkpoint).toBeGreaterThanOrEqual(1);

    const shown = cli(['show', '1']);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/status interrupted/);
    expect(shown.stdout).toContain(`resume it from its checkpoint after epoch ${state?.checkpoint}`);

    const resumed = cli(['resume', '1', '--json']);
    expect(resumed.stderr).toContain(`Resuming run 1 after epoch ${state?.checkpoint}`);
    expect(resumed.status).toBe(0);
    const report = JSON.parse(resumed.stdout) as { runId: number; status: string };
    expect(report).toMatchObject({ runId: 1, status: 'finished' });
    const after = runState(db);
    expect(after).toEqual({ status: 'finished', checkpoint: null, epochs });

    const again = cli(['resume', '1']);
    expect(again.status).toBe(1);
    expect(again.stderr.trim().split('\n')).toEqual([
      'Error: Run 1 (breast-cancer-rotterdam.csv · MLP r=4) is finished; only an interrupted or cancelled run can be resumed.'
    ]);
    expect(cli(['resume', '7']).stderr).toMatch(/^Error: Run 7 does not exist/);
  }, 240_000);
});
