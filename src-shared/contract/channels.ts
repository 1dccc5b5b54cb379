import { z } from 'zod';
import { TrainConfigSchema } from '../domain/config';
import {
  BackendInfoSchema,
  DatasetDetailSchema,
  DatasetSummarySchema,
  RecordPredictionSchema,
  RunDetailSchema,
  RunStatusSchema,
  RunSummarySchema,
  SampleInfoSchema,
  SplitSchema
} from '../domain/records';

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
  'compute:backend': BackendInfoSchema
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
