import { z } from 'zod';
import { AppError } from '@shared/contract/errors';
import { EpochMetricsSchema } from '@shared/domain/records';
import type { EpochMetrics } from '@shared/domain/records';

/**
 * The state of a training after a finished epoch: enough to continue it as if it had never
 * stopped. Bayes by Backprop (METHOD.md section 2) is a function of the variables, Adam's moments
 * and step count, the random stream that orders the mini-batches and seeds every weight draw, and
 * the early-stopping bookkeeping (the best epoch, its loss and its variables).
 */
export interface TrainCheckpoint {
  /** The last finished epoch (1-based); training resumes at epoch + 1. */
  epoch: number;
  /** Rng.state() of the trainer's generator after that epoch. */
  rngState: number;
  /** 0 when no epoch has improved the validation loss yet. */
  bestEpoch: number;
  bestLoss: number | null;
  /** Training wall time so far. */
  seconds: number;
  /** Every finished epoch's metrics, in order. */
  history: EpochMetrics[];
  /** Adam's step count t (its bias corrections use beta^t). */
  optimizerIterations: number;
  /** The trainer's variables (the model's, then the likelihood's), in its order. */
  current: Float32Array[];
  /** The best epoch's values of the same variables, or null when there is none. */
  best: Float32Array[] | null;
  /** Adam's first and second moments, one per variable. */
  firstMoment: Float32Array[];
  secondMoment: Float32Array[];
}

/** Version of the stored layout; an older app refuses a newer one. */
export const CHECKPOINT_VERSION = 1;

/** Everything of a checkpoint but its float arrays, as JSON. */
export const CheckpointMetaSchema = z
  .object({
    version: z.number().int().min(1),
    epoch: z.number().int().min(1),
    rngState: z.number().int().min(0).max(0xffffffff),
    bestEpoch: z.number().int().min(0),
    bestLoss: z.number().nullable(),
    seconds: z.number().min(0),
    history: z.array(EpochMetricsSchema),
    optimizerIterations: z.number().int().min(0),
    /** Floats of each variable, in the trainer's order. */
    sizes: z.array(z.number().int().min(0)),
    hasBest: z.boolean()
  })
  .strict();
export type CheckpointMeta = z.infer<typeof CheckpointMetaSchema>;

/**
 * A checkpoint as stored and sent between processes: the JSON part and one buffer of float32
 * values (platform byte order) holding, variable by variable, the current values, then the best
 * values (when hasBest), then Adam's first and then second moments.
 */
export interface EncodedCheckpoint {
  meta: CheckpointMeta;
  data: Uint8Array;
}

export const EncodedCheckpointSchema = z.object({
  meta: CheckpointMetaSchema,
  data: z.instanceof(Uint8Array)
});

export function encodeCheckpoint(checkpoint: TrainCheckpoint): EncodedCheckpoint {
  const sizes = checkpoint.current.map((v) => v.length);
  const blocks = [
    ...checkpoint.current,
    ...(checkpoint.best ?? []),
    ...checkpoint.firstMoment,
    ...checkpoint.secondMoment
  ];
  const floats = new Float32Array(blocks.reduce((sum, b) => sum + b.length, 0));
  let offset = 0;
  for (const block of blocks) {
    floats.set(block, offset);
    offset += block.length;
  }
  return {
    meta: {
      version: CHECKPOINT_VERSION,
      epoch: checkpoint.epoch,
      rngState: checkpoint.rngState,
      bestEpoch: checkpoint.bestEpoch,
      bestLoss: checkpoint.bestLoss,
      seconds: checkpoint.seconds,
      history: checkpoint.history,
      optimizerIterations: checkpoint.optimizerIterations,
      sizes,
      hasBest: checkpoint.best !== null
    },
    data: new Uint8Array(floats.buffer)
  };
}

function damaged(why: string): AppError {
  return new AppError(
    'BAD_DATA',
    `The training checkpoint is damaged (${why}); start a new run with the same settings.`
  );
}

/**
 * The checkpoint of an encoded one, checked against the variable sizes of the network it will be
 * loaded into (BAD_DATA when it belongs to another network or is damaged).
 */
export function decodeCheckpoint(encoded: EncodedCheckpoint, sizes: readonly number[]): TrainCheckpoint {
  const parsed = EncodedCheckpointSchema.safeParse(encoded);
  if (!parsed.success) throw damaged(parsed.error.issues[0]?.message ?? 'unreadable');
  const { meta, data } = parsed.data;
  if (meta.version > CHECKPOINT_VERSION) {
    throw new AppError(
      'BAD_DATA',
      `The training checkpoint was written by a newer version (layout ${meta.version}); update the app.`
    );
  }
  if (meta.sizes.length !== sizes.length || meta.sizes.some((n, i) => n !== sizes[i])) {
    throw damaged('its variables do not match the network of the run');
  }
  if (meta.history.length !== meta.epoch || meta.history.some((m, i) => m.epoch !== i + 1)) {
    throw damaged(`its history does not hold epochs 1 to ${meta.epoch}`);
  }
  const total = sizes.reduce((sum, n) => sum + n, 0);
  const copies = meta.hasBest ? 4 : 3;
  if (data.byteLength !== copies * total * 4) {
    throw damaged(`${data.byteLength} bytes where ${copies * total * 4} were expected`);
  }
  // Copy out of the (possibly unaligned, shared) buffer, one block per variable.
  const floats = new Float32Array(data.slice().buffer);
  if (!floats.every(Number.isFinite)) throw damaged('it holds values that are not finite');
  let offset = 0;
  const take = (): Float32Array[] =>
    sizes.map((n) => {
      const block = floats.slice(offset, offset + n);
      offset += n;
      return block;
    });
  const current = take();
  const best = meta.hasBest ? take() : null;
  const firstMoment = take();
  const secondMoment = take();
  return {
    epoch: meta.epoch,
    rngState: meta.rngState,
    bestEpoch: meta.bestEpoch,
    bestLoss: meta.bestLoss,
    seconds: meta.seconds,
    history: meta.history,
    optimizerIterations: meta.optimizerIterations,
    current,
    best,
    firstMoment,
    secondMoment
  };
}
