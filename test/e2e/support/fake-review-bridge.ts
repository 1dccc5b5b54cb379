import type { RecordPrediction } from '@shared/domain/records';
import type { ReviewItem, ReviewNote, ReviewReason } from '@shared/domain/review';
import type { FakeBridgeContext } from './fake-bridge';

/** How the review, scoring, report and model-file channels of the fake bridge behave. */
export interface FakeReviewOptions {
  /** What app:info says the app is: the desktop app prints reports to PDF, a browser does not. */
  mode: 'desktop' | 'web';
  /** Files at least this long report import progress (the real threshold, scaled down). */
  progressAbove: number;
  /** Where the desktop app "saves" the PDF report. */
  pdfPath: string;
  /** The run id an imported model file gets. */
  importedRunId: number;
  /** Records a scored file adds to the run (the first OOD records of the fixture, as 'scored'). */
  scoredCount: number;
}

export const FAKE_REVIEW_OPTIONS: FakeReviewOptions = {
  mode: 'desktop',
  progressAbove: 20_000,
  pdfPath: '/home/clinician/fixture-run-report.pdf',
  importedRunId: 301,
  scoredCount: 40
};

/**
 * Runs in the page after `installFakeBridge` (serialised by Playwright; it must not reference
 * anything outside its own body): serves the review queue, notes with their audit trail, the CSV
 * export, scoring of imported files, the run report, model files and import progress, over the
 * fake bridge's runs and records.
 */
export function installFakeReviewChannels(options: FakeReviewOptions): void {
  const fake = (window as unknown as { sbnnFake: FakeBridgeContext }).sbnnFake;
  const { handlers, emit, runs, datasets, ok, fail } = fake;
  const notes: ReviewNote[] = [];
  const scored = new Map<number, RecordPrediction[]>();
  let clock = Date.parse('2026-11-26T13:00:00.000Z');
  const later = (): string => {
    clock += 90_000;
    return new Date(clock).toISOString();
  };
  const keyOf = (split: unknown, rowIndex: unknown): string => `${String(split)}:${String(rowIndex)}`;
  const recordsOf = (runId: number): RecordPrediction[] => [
    ...fake.recordsOf(runId).filter((r) => r.split === 'test' || r.split === 'ood'),
    ...(scored.get(runId) ?? [])
  ];
  const historyOf = (runId: number, split: unknown, rowIndex: unknown): ReviewNote[] =>
    notes.filter((n) => n.runId === runId && keyOf(n.split, n.rowIndex) === keyOf(split, rowIndex));

  // The queue as the main side builds it: most uncertain first; OOD-flagged, wider than the
  // threshold or among the refer % most uncertain; retention from the labelled test records.
  const queueOf = (input: Record<string, unknown>) => {
    const runId = Number(input['runId']);
    const referPercent = Number(input['referPercent'] ?? 10);
    const widthAbove = (input['widthAbove'] as number | null | undefined) ?? null;
    const includeOod = input['includeOod'] !== false;
    const ordered = [...recordsOf(runId)].sort((a, b) => b.total - a.total);
    const referred = Math.ceil((referPercent / 100) * ordered.length - 1e-9);
    const counts = { ood: 0, wide: 0, uncertain: 0, reviewed: 0 };
    const items: ReviewItem[] = [];
    ordered.forEach((record, rank) => {
      const reasons: ReviewReason[] = [];
      if (includeOod && record.oodFlag) reasons.push('ood');
      if (widthAbove !== null && record.upper - record.lower > widthAbove) reasons.push('wide');
      if (rank < referred) reasons.push('uncertain');
      if (reasons.length === 0) return;
      for (const reason of reasons) counts[reason]++;
      const history = historyOf(runId, record.split, record.rowIndex);
      if (history.length > 0) counts.reviewed++;
      items.push({ ...record, reasons, review: history.at(-1) ?? null, versions: history.length });
    });
    const test = recordsOf(runId)
      .filter((r) => r.split === 'test' && r.correct !== null)
      .sort((a, b) => a.total - b.total);
    const points = Array.from({ length: 51 }, (_, p) => {
      const kept = Math.ceil((1 - p / 100) * test.length - 1e-9);
      const right = test.slice(0, kept).filter((r) => r.correct === true).length;
      return { referPercent: p, value: right / kept, kept };
    });
    return { items, counts, retention: { metric: 'accuracy', points } };
  };

  handlers['app:info'] = () =>
    ok({
      version: '0.1.0',
      dbPath: '/fake/sbnn.db',
      backend: { name: 'wasm', label: 'WebAssembly (SIMD, 1 thread)', unavailable: [] },
      mode: options.mode
    });
  handlers['review:queue'] = (input) => {
    const { items, counts, retention } = queueOf(input);
    const status = input['status'] ?? 'all';
    const selected = items.filter((item) =>
      status === 'all' ? true : status === 'reviewed' ? item.review !== null : item.review === null
    );
    const offset = Number(input['offset'] ?? 0);
    const limit = Number(input['limit'] ?? 200);
    return ok({ total: selected.length, records: selected.slice(offset, offset + limit), counts, retention });
  };
  handlers['review:add'] = (input) => {
    const runId = Number(input['runId']);
    const previous = historyOf(runId, input['split'], input['rowIndex']).at(-1);
    const note: ReviewNote = {
      id: notes.length + 1,
      runId,
      split: input['split'] as ReviewNote['split'],
      rowIndex: Number(input['rowIndex']),
      outcome: String(input['outcome']),
      note: String(input['note']),
      createdAt: later(),
      supersedesId: previous?.id ?? null
    };
    notes.push(note);
    return ok(note);
  };
  handlers['review:history'] = (input) =>
    ok(historyOf(Number(input['runId']), input['split'], input['rowIndex']));
  handlers['review:export'] = (input) => {
    const { items } = queueOf(input);
    const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;
    const lines = items.map((item) => {
      const history = historyOf(Number(input['runId']), item.split, item.rowIndex);
      const audit = history.map((n) => `${n.createdAt} ${n.outcome}: ${n.note}`).join(' | ');
      return [
        item.split,
        item.rowIndex + 1,
        item.review?.outcome ?? '',
        quote(item.review?.note ?? ''),
        history.length,
        quote(audit)
      ].join(',');
    });
    return ok({
      fileName: 'fixture-run-review.csv',
      csv: ['split,row,outcome,note,versions,audit', ...lines].join('\n') + '\n',
      rows: items.length
    });
  };
  handlers['datasets:import'] = (input) => {
    const source = input['source'] as { kind: string; fileName?: string; content?: string };
    const fileName = source.fileName ?? 'sample.csv';
    if (fileName.includes('broken'))
      return fail('BAD_DATA', 'Row 3 has 2 fields but the header has 7. Fix the file and import it again.', {
        file: fileName,
        row: 3,
        column: 'age'
      });
    const template = datasets[0];
    if (!template) return fail('INTERNAL', 'The fixture has no dataset.');
    const dataset = {
      ...template,
      id: Math.max(...datasets.map((d) => d.id)) + 1,
      name: fileName.replace(/\.[a-z]+$/, ''),
      fileName,
      sampleId: null,
      rowCount: (source.content ?? '').split('\n').length - 2
    };
    const large = (source.content ?? '').length >= options.progressAbove;
    const steps = large ? [0, 0.25, 0.5, 0.75, 1] : [];
    return new Promise((resolve) => {
      const step = (i: number): void => {
        const fraction = steps[i];
        if (fraction === undefined) {
          datasets.push(dataset);
          void ok(dataset).then(resolve);
          return;
        }
        emit('datasets:import-progress', { fileName, fraction });
        setTimeout(() => step(i + 1), 350);
      };
      setTimeout(() => step(0), 300);
    });
  };
  handlers['runs:score'] = (input) => {
    const runId = Number(input['runId']);
    const dataset = datasets.find((d) => d.id === input['datasetId']);
    if (!dataset) return fail('NOT_FOUND', 'No such dataset.');
    if (dataset.name.includes('missing'))
      return fail(
        'BAD_DATA',
        `The file ${dataset.fileName} has no column nodes, which run #${runId} was trained on.`
      );
    const start = scored.get(runId)?.length ?? 0;
    const added = fake
      .recordsOf(runId)
      .filter((r) => r.split === 'ood')
      .slice(0, options.scoredCount)
      .map((r, i) => ({ ...r, split: 'scored' as const, rowIndex: start + i }));
    scored.set(runId, [...(scored.get(runId) ?? []), ...added]);
    const flagged = added.filter((r) => r.oodFlag).length;
    const result = {
      fileName: dataset.fileName,
      scored: added.length,
      flagged,
      metrics: { accuracy: 0.675, nll: 0.612, brier: 0.214, ece: 0.063, auroc: 0.702 }
    };
    // Scoring is a compute job: long enough for a test to see the busy state.
    return new Promise((resolve) => setTimeout(() => void ok(result).then(resolve), 900));
  };
  handlers['runs:report'] = (input) =>
    ok({
      fileName: `fixture-run-${String(input['runId'])}-report.html`,
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Run #${String(input['runId'])} report</title></head><body><h1>Run #${String(input['runId'])} report</h1><p>Printable page.</p></body></html>`
    });
  handlers['runs:report-pdf'] = () =>
    options.mode === 'desktop'
      ? ok({ path: options.pdfPath })
      : fail(
          'CONFLICT',
          'PDF export is part of the desktop app. Here, open the report and print it to PDF with your browser (Ctrl+P).'
        );
  handlers['runs:export-model'] = (input) => {
    const run = runs.find((r) => r.id === input['runId']);
    if (!run || run.status !== 'finished')
      return fail('CONFLICT', 'Only a finished run has a model to export.');
    return ok({
      fileName: `run-${run.id}-model.json`,
      content: JSON.stringify({ format: 'sbnn-studio-model', name: run.name, config: run.config })
    });
  };
  handlers['runs:import-model'] = (input) => {
    let parsed: { format?: string; name?: string } = {};
    try {
      parsed = JSON.parse(String(input['content'])) as { format?: string; name?: string };
    } catch {
      return fail('BAD_DATA', `${String(input['fileName'])} is not JSON.`);
    }
    if (parsed.format !== 'sbnn-studio-model')
      return fail('BAD_DATA', `${String(input['fileName'])} is not an SBNN Studio model file.`);
    const template = runs.find((r) => r.status === 'finished' && r.id < 100);
    if (!template) return fail('INTERNAL', 'The fixture has no finished run.');
    const id = Math.max(options.importedRunId - 1, ...runs.map((r) => r.id)) + 1;
    runs.unshift({ ...template, id, name: `${parsed.name ?? 'model'} (imported)` });
    return ok({ runId: id });
  };
}
