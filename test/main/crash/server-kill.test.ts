import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../../src-main/storage/storage';
import { startWebServer } from '../../e2e/support/web-server';
import type { RunningWebServer } from '../../e2e/support/web-server';

/** One contract call over HTTP, unwrapped; throws with the server's message on an error envelope. */
async function invoke<T>(server: RunningWebServer, channel: string, input: unknown): Promise<T> {
  const response = await fetch(`${server.origin}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input)
  });
  const envelope = (await response.json()) as { ok: boolean; result?: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message}`);
  return envelope.result as T;
}

interface RunView {
  status: string;
  error: string | null;
  epochs: unknown[];
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Condition not met within ${timeoutMs} ms.`);
}

describe('a server killed while it trains', () => {
  it('leaves a database that passes integrity_check, and the run reopens as interrupted', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'sbnn-crash-')), 'app.sqlite');
    const first = await startWebServer(dbPath);
    let runId = 0;
    try {
      const dataset = await invoke<{ id: number }>(first, 'datasets:import', {
        source: { kind: 'sample', sampleId: 'rotterdam' }
      });
      runId = (
        await invoke<{ runId: number }>(first, 'runs:start', {
          datasetId: dataset.id,
          target: 'event_3y',
          ignore: ['pid'],
          hidden: [16],
          rank: 4,
          epochs: 1000,
          patience: 1000
        })
      ).runId;
      // Killed with epochs already written, while more are being written.
      await waitFor(
        async () => (await invoke<RunView>(first, 'runs:get', { runId })).epochs.length >= 3,
        90_000
      );
    } finally {
      await first.kill();
    }

    const storage = openStorage(dbPath);
    try {
      expect(storage.integrityCheck()).toBe('ok');
      expect(storage.runs.get(runId)?.status).toBe('running');
      expect(storage.epochs.list(runId).length).toBeGreaterThanOrEqual(3);
    } finally {
      storage.close();
    }

    const second = await startWebServer(dbPath);
    try {
      const run = await invoke<RunView>(second, 'runs:get', { runId });
      expect(run.status).toBe('interrupted');
      expect(run.error).toMatch(/stopped/i);
      expect(run.epochs.length).toBeGreaterThanOrEqual(3);
      // The app keeps working on the same database.
      const next = await invoke<{ runId: number }>(second, 'runs:start', {
        datasetId: 1,
        target: 'event_3y',
        ignore: ['pid'],
        hidden: [8],
        rank: 2,
        epochs: 2,
        samples: 5
      });
      await waitFor(
        async () => (await invoke<RunView>(second, 'runs:get', { runId: next.runId })).status === 'finished',
        90_000
      );
    } finally {
      await second.stop();
    }
  });
});
