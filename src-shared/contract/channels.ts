import { z } from 'zod';
import { TrainConfigSchema } from '../domain/config';
import {
  BackendInfoSchema,
  ClassificationMetricsSchema,
  RegressionMetricsSchema,
  RankAdviceResultSchema,
  RunCurvesSchema,
  WeightCorrelationSchema,
  DatasetDetailSchema,
  DatasetSummarySchema,
  RecordPredictionSchema,
  RunDetailSchema,
  RunStatusSchema,
  RunSummarySchema,
  SampleInfoSchema,
  SplitSchema
} from '../domain/records';
import {
  ReviewFilterSchema,
  ReviewNoteSchema,
  ReviewOutcomeSchema,
  ReviewQueueSchema
} from '../domain/review';

/** Largest file the app imports through the contract (bytes of text). */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

const id = z.number().int().positive();

/**
 * Every request the renderer (or any other client) may make of the main side: channel name
 * `domain:verb`, the input schema checked on the main side, and the output schema. This object is
 * the contract; the Electron IPC bridge, the web server and the CLI all serve exactly these.
 */
export const channels = {
  'app:health': {
    input: z.object({}).strict(),
    output: z.object({ ok: z.literal(true), backend: BackendInfoSchema.nullable(), version: z.string() })
  },
  'app:info': {
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      dbPath: z.string(),
      backend: BackendInfoSchema.nullable(),
      mode: z.enum(['desktop', 'web', 'cli'])
    })
  },
  'samples:list': { input: z.object({}).strict(), output: z.array(SampleInfoSchema) },
  'datasets:import': {
    input: z
      .object({
        source: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('sample'), sampleId: z.string().min(1).max(100) }),
          z.object({
            kind: z.literal('text'),
            fileName: z.string().min(1).max(500),
            content: z.string().max(MAX_IMPORT_BYTES)
          })
        ]),
        name: z.string().max(200).optional()
      })
      .strict(),
    output: DatasetSummarySchema
  },
  'datasets:list': { input: z.object({}).strict(), output: z.array(DatasetSummarySchema) },
  'datasets:get': { input: z.object({ datasetId: id }).strict(), output: DatasetDetailSchema },
  'datasets:delete': {
    input: z.object({ datasetId: id }).strict(),
    output: z.object({ deleted: z.boolean() })
  },
  'runs:start': { input: TrainConfigSchema, output: z.object({ runId: id }) },
  'runs:cancel': { input: z.object({ runId: id }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'runs:list': { input: z.object({}).strict(), output: z.array(RunSummarySchema) },
  'runs:get': { input: z.object({ runId: id }).strict(), output: RunDetailSchema },
  'runs:delete': { input: z.object({ runId: id }).strict(), output: z.object({ deleted: z.boolean() }) },
  /** Continues an interrupted or cancelled run from its last checkpoint (from the start when it has none). */
  'runs:resume': {
    input: z.object({ runId: id }).strict(),
    output: z.object({ runId: id, fromEpoch: z.number().int().min(0) })
  },
  /** Finished runs side by side with their curves (Compare view). */
  'runs:compare': {
    input: z.object({ runIds: z.array(id).min(1).max(12) }).strict(),
    output: z.object({ runs: z.array(RunDetailSchema), curves: z.array(RunCurvesSchema) })
  },
  /** One run per rank (sbnn or lr-svd), trained in parallel compute processes. */
  'runs:sweep': {
    input: z
      .object({
        config: TrainConfigSchema,
        ranks: z.array(z.number().int().min(1).max(4096)).min(1).max(16)
      })
      .strict(),
    output: z.object({ runIds: z.array(id) })
  },
  /** A short deterministic pre-fit, then per-layer ranks keeping `energy` of each spectrum. */
  'runs:advise-rank': {
    input: z.object({ config: TrainConfigSchema, energy: z.number().gt(0).lt(1).default(0.9) }).strict(),
    output: RankAdviceResultSchema
  },
  /** One printable page about a finished run (HTML; the desktop app also prints it to PDF). */
  'runs:report': {
    input: z.object({ runId: id }).strict(),
    output: z.object({ fileName: z.string(), html: z.string() })
  },
  /** Scores an imported dataset with a finished run; the records join the run's review queue. */
  'runs:score': {
    input: z.object({ runId: id, datasetId: id }).strict(),
    output: z.object({
      fileName: z.string(),
      scored: z.number().int(),
      flagged: z.number().int(),
      metrics: z.union([ClassificationMetricsSchema, RegressionMetricsSchema]).nullable()
    })
  },
  /** A portable model file of a finished run (posterior, prior, preprocessing, config, seed, data hash). */
  'runs:export-model': {
    input: z.object({ runId: id }).strict(),
    output: z.object({ fileName: z.string(), content: z.string() })
  },
  /** Imports a portable model file as a finished run, ready to score files. */
  'runs:import-model': {
    input: z
      .object({ fileName: z.string().min(1).max(500), content: z.string().max(MAX_IMPORT_BYTES) })
      .strict(),
    output: z.object({ runId: id })
  },
  /** Desktop app: prints the run report to a PDF file the user chooses; path null when cancelled. */
  'runs:report-pdf': {
    input: z.object({ runId: id }).strict(),
    output: z.object({ path: z.string().nullable() })
  },
  /** Analytic posterior correlation of a slice of one layer's W entries (low-rank runs). */
  'runs:correlation': {
    input: z
      .object({
        runId: id,
        layer: z.string().min(1).max(200),
        rowOffset: z.number().int().min(0).default(0),
        colOffset: z.number().int().min(0).default(0),
        rows: z.number().int().min(1).max(8).default(4),
        cols: z.number().int().min(1).max(8).default(4)
      })
      .strict(),
    output: WeightCorrelationSchema
  },
  'records:list': {
    input: z
      .object({
        runId: id,
        splits: z.array(SplitSchema).max(5).optional(),
        flaggedOnly: z.boolean().optional(),
        sort: z.enum(['row', 'uncertainty', 'oodScore']).default('uncertainty'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(200)
      })
      .strict(),
    output: z.object({ total: z.number().int(), records: z.array(RecordPredictionSchema) })
  },
  /** The review queue: flagged, wide-interval and most-uncertain records, with their notes. */
  'review:queue': {
    input: ReviewFilterSchema.extend({
      status: z.enum(['all', 'pending', 'reviewed']).default('all'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(200)
    }).strict(),
    output: ReviewQueueSchema
  },
  /** Marks a record reviewed; a second note on the same record supersedes the first (both kept). */
  'review:add': {
    input: z
      .object({
        runId: id,
        split: SplitSchema,
        rowIndex: z.number().int().min(0),
        outcome: ReviewOutcomeSchema,
        note: z.string().max(10_000)
      })
      .strict(),
    output: ReviewNoteSchema
  },
  /** Every version of one record's note, oldest first (the audit trail). */
  'review:history': {
    input: z.object({ runId: id, split: SplitSchema, rowIndex: z.number().int().min(0) }).strict(),
    output: z.array(ReviewNoteSchema)
  },
  /** The whole queue (every status) as CSV with predictions, flags, notes and the audit trail. */
  'review:export': {
    input: ReviewFilterSchema.strict(),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() })
  }
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Channels[C]['output']>;

export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** Progress of a training run, streamed while it runs. */
export const RunProgressSchema = z.object({
  runId: id,
  phase: z.enum(['preparing', 'training', 'predicting', 'saving']),
  epoch: z.number().int(),
  epochs: z.number().int(),
  /** Overall fraction done, 0..1. */
  fraction: z.number(),
  etaSeconds: z.number().nullable(),
  loss: z.number().nullable(),
  nll: z.number().nullable(),
  kl: z.number().nullable(),
  klWeight: z.number().nullable(),
  valLoss: z.number().nullable(),
  valMetric: z.number().nullable()
});
export type RunProgress = z.infer<typeof RunProgressSchema>;

/** Events pushed from the main side to every client. */
export const events = {
  'run:progress': RunProgressSchema,
  'run:status': z.object({ runId: id, status: RunStatusSchema, error: z.string().nullable() }),
  'compute:backend': BackendInfoSchema,
  /** Progress of a large file's import (parsing and summarizing its columns), 0..1. */
  'datasets:import-progress': z.object({ fileName: z.string(), fraction: z.number() })
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** The single client surface every view uses, whatever the transport (Electron IPC or HTTP). */
export interface ContractClient {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
