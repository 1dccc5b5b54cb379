import { ARCH_DEFAULTS } from '@shared/domain/config';
import { describeNetwork } from '../services/run-service';
import { formatSeconds } from '../cli/progress-bar';
import { aggregateColumns } from './paper-aggregate';
import { SWEEP_COLUMNS, columnsFor } from './paper-columns';
import { PAPER_DATASETS, PAPER_METHOD_LABELS, PAPER_METHODS, SWEEP_RANKS } from './paper-datasets';
import type { PaperDatasetId } from './paper-datasets';
import type { PaperDatasetRecord, PaperResults, PaperRunRecord } from './paper-bench';
import { oodOrderLines, paperComparisonTable } from './paper-reference';
import { methodsTable, rankSweepTable } from './paper-tables';
import type { MethodRow, SweepRow } from './paper-tables';
import { whereItLoses } from './paper-verdicts';

/** The methods table's rows of one dataset: every method with at least one finished run. */
export function methodRows(runs: readonly PaperRunRecord[], dataset: PaperDatasetId): MethodRow[] {
  const mine = runs.filter((r) => r.dataset === dataset && r.inMethodsTable);
  const columns = columnsFor(mine.find((r) => r.report.task !== null)?.report.task ?? null);
  return PAPER_METHODS.flatMap((method) => {
    const reports = mine
      .filter((r) => r.method === method && r.report.status === 'finished')
      .map((r) => r.report);
    return reports.length > 0 ? [{ method, cells: aggregateColumns(reports, columns) }] : [];
  });
}

/** The rank sweep's rows: every rank with at least one finished run. */
export function sweepRows(runs: readonly PaperRunRecord[]): SweepRow[] {
  return SWEEP_RANKS.flatMap((rank) => {
    const reports = runs
      .filter((r) => r.sweepRank === rank && r.report.status === 'finished')
      .map((r) => r.report);
    return reports.length > 0 ? [{ rank, cells: aggregateColumns(reports, SWEEP_COLUMNS) }] : [];
  });
}

/** The training settings of a dataset, as the runs used them. */
function settingsLine(dataset: PaperDatasetRecord, runs: readonly PaperRunRecord[]): string {
  const config = runs.find((r) => r.dataset === dataset.id)?.config;
  if (!config) return 'No run was planned.';
  const defaults = ARCH_DEFAULTS[config.arch];
  const note = (value: number, fallback: number): string => (value === fallback ? ' (app default)' : '');
  return [
    `Trained ${config.epochs} epochs at most${note(config.epochs, defaults.epochs)}`,
    `patience ${config.patience}`,
    `${config.samples} prediction samples${note(config.samples, defaults.samples)}`,
    `LR-SVD pre-fit ${config.pretrainEpochs} epoch${config.pretrainEpochs === 1 ? '' : 's'}`,
    `deep ensemble of ${config.members}`
  ].join(', ');
}

/** The records per split of a dataset, from its first run that got that far. */
function countsLine(dataset: PaperDatasetId, runs: readonly PaperRunRecord[]): string | null {
  const counts = runs.find((r) => r.dataset === dataset && r.counts !== null)?.counts;
  if (!counts) return null;
  return `Records: ${counts.train} train, ${counts.validation} validation, ${counts.test} test, ${counts.ood} OOD.`;
}

function failureLines(runs: readonly PaperRunRecord[]): string[] {
  return runs
    .filter((r) => r.error !== null)
    .map(
      (r) =>
        `- ${PAPER_METHOD_LABELS[r.method]}${r.sweepRank !== null ? ` r=${r.sweepRank}` : ''}, seed ${r.seed}: ${r.report.status} (${r.error})`
    );
}

function datasetSection(dataset: PaperDatasetRecord, results: PaperResults): string[] {
  const spec = PAPER_DATASETS.find((d) => d.id === dataset.id);
  const runs = results.runs.filter((r) => r.dataset === dataset.id);
  const rows = methodRows(results.runs, dataset.id);
  const columns = columnsFor(runs.find((r) => r.report.task !== null)?.report.task ?? null);
  const lowRank = runs.find((r) => r.method === 'sbnn' && r.inMethodsTable);
  const failures = failureLines(runs);
  return [
    `## ${dataset.title}`,
    '',
    `Data: ${dataset.subsample ?? `${dataset.fileName}, all ${dataset.rows} rows`}. OOD set: ${spec?.oodLabel ?? '-'}. ` +
      `Analogue in the paper: ${spec?.paperData ?? '-'}.`,
    [countsLine(dataset.id, runs), lowRank ? `Low-rank network: ${describeNetwork(lowRank.config)}.` : null]
      .filter((s) => s !== null)
      .join(' '),
    `${settingsLine(dataset, runs)}.`,
    '',
    ...methodsTable(rows, columns),
    '',
    whereItLoses(dataset.id, rows, columns),
    ...(failures.length > 0 ? ['', 'Runs that did not finish:', ...failures] : []),
    ''
  ];
}

function sweepSection(results: PaperResults): string[] {
  const rows = sweepRows(results.runs);
  if (rows.length === 0) return [];
  return [
    '## Rank sweep of the low-rank MLP (clinical)',
    '',
    'Every weight matrix at rank r, all else as in the clinical table (METHOD.md section 7: the bound against r).',
    '',
    ...rankSweepTable(rows, SWEEP_COLUMNS),
    ''
  ];
}

/** bench/results/paper.md: the tables of METHOD.md section 8 for the bundled samples, from the results. */
export function paperMarkdown(results: PaperResults): string {
  const m = results.machine;
  const mode = results.quick ? 'quick mode (`--quick`)' : 'full mode';
  const rowsByDataset = Object.fromEntries(
    results.datasets.map((d) => [d.id, methodRows(results.runs, d.id)])
  ) as Partial<Record<PaperDatasetId, MethodRow[]>>;
  const lines = [
    '# Paper benchmark',
    '',
    `Produced by \`npm run sbnn -- bench paper${results.quick ? ' --quick' : ''} --seeds ${results.seeds}\` on ${results.startedAt.slice(0, 10)}, ${mode}.`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.platform}, Node ${m.node}; compute backend ${m.backend ?? 'unknown'}, ` +
      `${results.computeProcesses} compute processes (one run per process at a time; each deep ensemble alone, its members in parallel).`,
    `Every cell is the mean ± standard deviation over ${results.seeds} seed${results.seeds === 1 ? '' : 's'} (1..${results.seeds}); ` +
      'params counts every mean and scale of the posterior, and every member of the ensemble (paper convention); ' +
      'train (s) is the training time the run recorded (the ensemble: the wall time of its members on all processes).',
    '',
    ...results.datasets.flatMap((d) => datasetSection(d, results)),
    ...sweepSection(results),
    '## Compared with the paper',
    '',
    'The paper (METHOD.md section 8) used larger data sets on a GPU; our datasets are its analogues, so compare the order of the methods, not the values.',
    '',
    ...paperComparisonTable(rowsByDataset),
    '',
    'The order by OOD AUROC, best first:',
    '',
    ...oodOrderLines(rowsByDataset),
    '',
    `Total wall time: ${formatSeconds(results.totalSeconds)} for ${results.runs.length} runs.`,
    ''
  ];
  return lines.join('\n');
}
