import type { TrainConfig } from '@shared/domain/config';
import { resolveRanks } from '@shared/domain/config';
import type { RunDetail } from '@shared/domain/records';

/** One run of a rank sweep, as the sweep chart plots it against r (METHOD.md section 7). */
export interface SweepPoint {
  runId: number;
  rank: number;
  params: number | null;
  bound: number | null;
  oodAuroc: number | null;
  nll: number | null;
}

export interface SweepGroup {
  /** e.g. "Breast cancer: Rotterdam · mlp · sbnn". */
  label: string;
  /** Ascending rank, one point per rank. */
  points: SweepPoint[];
}

/**
 * The single rank r of a run, when every low-rank matrix has the same one (what a sweep sets):
 * MLP ranks all equal, LSTM r_ih = r_hh, the Transformer's one rank. null otherwise.
 */
export function uniformRank(config: TrainConfig): number | null {
  if (config.arch === 'lstm') return config.lstm.rankIh === config.lstm.rankHh ? config.lstm.rankIh : null;
  if (config.arch === 'transformer') return config.transformer.rank;
  const ranks = resolveRanks(config);
  const first = ranks[0];
  return first !== undefined && ranks.every((r) => r === first) ? first : null;
}

/** Key order must not matter when two configs are compared as text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Everything of a config but its name and ranks: runs with equal keys differ only in rank. */
export function sweepKey(config: TrainConfig): string {
  const { name: _name, rank: _rank, ranks: _ranks, lstm, transformer, ...rest } = config;
  const { rankIh: _ih, rankHh: _hh, ...lstmRest } = lstm;
  const { rank: _tr, ...transformerRest } = transformer;
  return canonical({ ...rest, lstm: lstmRest, transformer: transformerRest });
}

/**
 * The finished runs that form rank sweeps: same dataset, network, method and settings, each with
 * one uniform rank, at least two distinct ranks per group. A rank seen twice keeps its newest run.
 */
export function sweepGroups(runs: readonly RunDetail[]): SweepGroup[] {
  const groups = new Map<string, { label: string; byRank: Map<number, RunDetail> }>();
  for (const run of runs) {
    if (run.status !== 'finished') continue;
    const rank = uniformRank(run.config);
    if (rank === null) continue;
    const key = sweepKey(run.config);
    const group = groups.get(key) ?? {
      label: `${run.datasetName} · ${run.arch} · ${run.method}`,
      byRank: new Map<number, RunDetail>()
    };
    groups.set(key, group);
    const seen = group.byRank.get(rank);
    if (!seen || seen.id < run.id) group.byRank.set(rank, run);
  }
  return [...groups.values()]
    .filter((g) => g.byRank.size >= 2)
    .map((g) => ({
      label: g.label,
      points: [...g.byRank.entries()]
        .sort(([a], [b]) => a - b)
        .map(([rank, run]) => ({
          runId: run.id,
          rank,
          params: run.params,
          bound: run.metrics?.pacBayes?.bound ?? null,
          oodAuroc: run.metrics?.ood?.auroc ?? null,
          nll: run.metrics?.test.nll ?? null
        }))
    }));
}
