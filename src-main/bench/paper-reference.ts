import type { Method } from '@shared/domain/config';
import type { Spread } from './paper-aggregate';
import {
  CLASSIFICATION_COLUMNS,
  OOD_AUROC,
  PARAMS,
  REGRESSION_COLUMNS,
  TRAIN_SECONDS,
  isBetter
} from './paper-columns';
import type { PaperColumn } from './paper-columns';
import { PAPER_DATASETS, PAPER_METHOD_LABELS } from './paper-datasets';
import type { PaperDatasetId } from './paper-datasets';
import { formatNumber, formatSpread, markdownTable } from './paper-tables';
import type { MethodRow } from './paper-tables';

/** The three methods METHOD.md section 8 puts side by side. */
export const HEADLINE_METHODS = ['sbnn', 'bbb', 'ensemble'] as const satisfies readonly Method[];
type Headline = (typeof HEADLINE_METHODS)[number];

/** One row of METHOD.md section 8, tied to the column of our tables that measures the same thing. */
export interface PaperReference {
  dataset: PaperDatasetId;
  /** How the paper names the metric. */
  metric: string;
  column: PaperColumn;
  /** Our value is multiplied by this before it is printed (seconds to minutes for training time). */
  scale: number;
  digits: number;
  paper: Record<Headline, number>;
}

const column = (columns: readonly PaperColumn[], key: string): PaperColumn => {
  const found = columns.find((c) => c.key === key);
  if (!found) throw new Error(`No paper column "${key}".`);
  return found;
};

/** METHOD.md section 8, with the parameter counts of its last column as rows of their own. */
export const PAPER_REFERENCE: readonly PaperReference[] = [
  {
    dataset: 'clinical',
    metric: 'AUROC-OOD',
    column: OOD_AUROC,
    scale: 1,
    digits: 3,
    paper: { sbnn: 0.802, bbb: 0.77, ensemble: 0.738 }
  },
  {
    dataset: 'clinical',
    metric: 'AUPR-In',
    column: column(CLASSIFICATION_COLUMNS, 'auprIn'),
    scale: 1,
    digits: 3,
    paper: { sbnn: 0.824, bbb: 0.807, ensemble: 0.721 }
  },
  {
    dataset: 'clinical',
    metric: 'NLL',
    column: column(CLASSIFICATION_COLUMNS, 'nll'),
    scale: 1,
    digits: 3,
    paper: { sbnn: 0.433, bbb: 0.401, ensemble: 0.3 }
  },
  {
    dataset: 'clinical',
    metric: 'params',
    column: PARAMS,
    scale: 1,
    digits: 0,
    paper: { sbnn: 13_600, bbb: 44_800, ensemble: 112_000 }
  },
  {
    dataset: 'weather',
    metric: 'PICP (95% target)',
    column: column(REGRESSION_COLUMNS, 'picp'),
    scale: 1,
    digits: 3,
    paper: { sbnn: 0.79, bbb: 0.788, ensemble: 0.31 }
  },
  {
    dataset: 'weather',
    metric: 'AUROC-OOD',
    column: OOD_AUROC,
    scale: 1,
    digits: 3,
    paper: { sbnn: 0.71, bbb: 0.492, ensemble: 0.73 }
  },
  {
    dataset: 'weather',
    metric: 'params',
    column: PARAMS,
    scale: 1,
    digits: 0,
    paper: { sbnn: 47_000, bbb: 132_000, ensemble: 330_000 }
  },
  {
    dataset: 'spam',
    metric: 'accuracy',
    column: column(CLASSIFICATION_COLUMNS, 'accuracy'),
    scale: 1,
    digits: 3,
    paper: { sbnn: 0.806, bbb: 0.752, ensemble: 0.825 }
  },
  {
    dataset: 'spam',
    metric: 'AUROC-OOD',
    column: OOD_AUROC,
    scale: 1,
    digits: 3,
    paper: { sbnn: 0.64, bbb: 0.622, ensemble: 0.657 }
  },
  {
    dataset: 'spam',
    metric: 'training time (min; paper: H100, ours: CPU)',
    column: TRAIN_SECONDS,
    scale: 1 / 60,
    digits: 1,
    paper: { sbnn: 8.2, bbb: 23.1, ensemble: 64.7 }
  },
  {
    dataset: 'spam',
    metric: 'params',
    column: PARAMS,
    scale: 1,
    digits: 0,
    paper: { sbnn: 1_500_000, bbb: 19_800_000, ensemble: 49_600_000 }
  }
];

const scaled = (s: Spread | null, scale: number): Spread | null =>
  s === null ? null : { mean: s.mean * scale, sd: s.sd * scale, n: s.n };

/**
 * The paper's numbers beside ours, one row per metric: for each of low-rank, full-rank BBB and
 * the deep ensemble, "paper / ours". The rows are our dataset's analogue of the paper's, so the
 * numbers compare the methods' order, not their values.
 */
export function paperComparisonTable(
  rowsByDataset: Partial<Record<PaperDatasetId, readonly MethodRow[]>>
): string[] {
  const cells = (dataset: PaperDatasetId, method: Headline) =>
    rowsByDataset[dataset]?.find((r) => r.method === method)?.cells ?? {};
  return markdownTable(
    [
      'data: ours vs paper',
      'metric',
      'low-rank: paper / ours',
      'full-rank BBB: paper / ours',
      'deep ensemble: paper / ours'
    ],
    PAPER_DATASETS.flatMap((dataset) =>
      PAPER_REFERENCE.filter((ref) => ref.dataset === dataset.id).map((ref) => [
        `${dataset.id} vs ${dataset.paperData}`,
        ref.metric,
        ...HEADLINE_METHODS.map((method) => {
          const ours = scaled(cells(dataset.id, method)[ref.column.key] ?? null, ref.scale);
          return `${formatNumber(ref.paper[method], ref.digits)} / ${formatSpread(ours, ref.digits)}`;
        })
      ])
    ),
    ['left', 'left', 'right', 'right', 'right']
  );
}

/** "a 0.802 > b 0.770 > c 0.738": the methods from best to worst by a column's direction. */
function order(
  values: readonly { method: Headline; value: number }[],
  column: PaperColumn,
  digits: number
): string {
  return [...values]
    .sort((a, b) =>
      isBetter(column.better, a.value, b.value) ? -1 : isBetter(column.better, b.value, a.value) ? 1 : 0
    )
    .map((v) => `${PAPER_METHOD_LABELS[v.method]} ${formatNumber(v.value, digits)}`)
    .join(' > ');
}

/** The low-rank model's place by OOD AUROC: 1 + how many methods beat it; null when it is absent. */
function lowRankPlace(values: readonly { method: Headline; value: number }[]): number | null {
  const own = values.find((v) => v.method === 'sbnn');
  if (!own) return null;
  return 1 + values.filter((v) => isBetter(OOD_AUROC.better, v.value, own.value)).length;
}

/**
 * One line per dataset on the headline question of METHOD.md section 8, generated from the
 * numbers: the order of low-rank, full-rank BBB and the deep ensemble by OOD AUROC in the paper
 * and in ours, and whether the low-rank model keeps its place.
 */
export function oodOrderLines(
  rowsByDataset: Partial<Record<PaperDatasetId, readonly MethodRow[]>>
): string[] {
  return PAPER_DATASETS.flatMap((dataset) => {
    const ref = PAPER_REFERENCE.find((r) => r.dataset === dataset.id && r.column.key === OOD_AUROC.key);
    if (!ref) return [];
    const paper = HEADLINE_METHODS.map((method) => ({ method, value: ref.paper[method] }));
    const ours = HEADLINE_METHODS.flatMap((method) => {
      const value = rowsByDataset[dataset.id]?.find((r) => r.method === method)?.cells[OOD_AUROC.key];
      return value ? [{ method, value: value.mean }] : [];
    });
    const ourPlace = lowRankPlace(ours);
    const paperPlace = lowRankPlace(paper);
    const verdict =
      ours.length < HEADLINE_METHODS.length || ourPlace === null || paperPlace === null
        ? 'not all three have a finished run'
        : ourPlace === paperPlace
          ? `the low-rank model keeps its place (${ourPlace} of 3)`
          : `the low-rank model is ${ourPlace} of 3 here, ${paperPlace} of 3 in the paper`;
    return [
      `- ${dataset.id} (OOD AUROC): paper ${order(paper, OOD_AUROC, ref.digits)}; ours ${
        ours.length > 0 ? order(ours, OOD_AUROC, ref.digits) : 'no finished run'
      }; ${verdict}.`
    ];
  });
}
