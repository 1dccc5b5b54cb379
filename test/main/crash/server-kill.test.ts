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
  epochs: Array<{ epoch: number }>;
  checkpointEpoch: number | null;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Condition not met within ${timeoutMs} ms.`);
}

interface NoteView {
  note: string;
}

describe('a server killed while it trains', () => {
  it('leaves a database that passes integrity_check, finished runs and notes intact, and the run reopens as interrupted and resumes', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'sbnn-crash-')), 'app.sqlite');
    const first = await startWebServer(dbPath);
    let runId = 0;
    let finishedId = 0;
    let finishedRecords = 0;
    try {
      const dataset = await invoke<{ id: number }>(first, 'datasets:import', {
        source: { kind: 'sample', sampleId: 'rotterdam' }
      });
      // A finished run with a reviewed record (two versions of its note) before the crash.
      finishedId = (
        await invoke<{ runId: number }>(first, 'runs:start', {
          datasetId: dataset.id,
          target: 'event_3y',
          ignore: ['pid'],
          hidden: [8],
          rank: 2,
          epochs: 2,
          samples: 5
        })
      ).runId;
      await waitFor(
        async () => (await invoke<RunView>(first, 'runs:get', { runId: finishedId })).status === 'finished',
        90_000
      );
      const records = await invoke<{ total: number; records: Array<{ split: string; rowIndex: number }> }>(
        first,
        'records:list',
        { runId: finishedId, splits: ['test'], limit: 1 }
      );
      finishedRecords = records.total;
      const rowIndex = records.records[0]?.rowIndex ?? 0;
      for (const note of ['first look', 'checked again']) {
        await invoke(first, 'review:add', {
          runId: finishedId,
          split: 'test',
          rowIndex,
          outcome: 'confirmed',
          note
        });
      }
      runId = (
        await invoke<{ runId: number }>(first, 'runs:start', {
          datasetId: dataset.id,
          target: 'event_3y',
          ignore: ['pid'],
          hidden: [16],
          rank: 4,
          epochs: 40,
          patience: 40
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
      expect(storage.runs.get(finishedId)?.status).toBe('finished');
      expect(
        storage.predictions.query({ runId: finishedId, splits: ['test'], sort: 'row', offset: 0, limit: 1 })
          .total
      ).toBe(finishedRecords);
      expect(storage.notes.all(finishedId).map((n) => n.note)).toEqual(['first look', 'checked again']);
    } finally {
      storage.close();
    }

    const second = await startWebServer(dbPath);
    try {
      const run = await invoke<RunView>(second, 'runs:get', { runId });
      expect(run.status).toBe('interrupted');
      expect(run.error).toMatch(/stopped.*Resume it/i);
      expect(run.epochs.length).toBeGreaterThanOrEqual(3);
      // Resumable from its last checkpoint: the epochs after it are trained again, once each.
      const from = run.checkpointEpoch ?? 0;
      expect(from).toBeGreaterThanOrEqual(1);
      expect(from).toBeLessThanOrEqual(run.epochs.length);
      expect(await invoke(second, 'runs:resume', { runId })).toEqual({ runId, fromEpoch: from });
      await waitFor(
        async () => (await invoke<RunView>(second, 'runs:get', { runId })).status === 'finished',
        120_000
      );
      const resumed = await invoke<RunView>(second, 'runs:get', { runId });
      expect(resumed.epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(resumed.checkpointEpoch).toBeNull();
      expect((await invoke<RunView>(second, 'runs:get', { runId: finishedId })).status).toBe('finished');
      const queue = await invoke<{ records: Array<{ review: NoteView | null; versions: number }> }>(
        second,
        'review:queue',
        { runId: finishedId, referPercent: 100 }
      );
      const reviewed = queue.records.filter((r) => r.review !== null);
      expect(reviewed.map((r) => r.versions)).toEqual([2]);
      const note = reviewed[0]?.review;
      expect(note?.note).toBe('checked again');
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
