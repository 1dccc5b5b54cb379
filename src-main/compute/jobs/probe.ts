import * as tf from '@tensorflow/tfjs-core';
import { yieldToEventLoop } from '../yield';
import type { JobDefinition, JobHandler } from './job-handler';
import { ProbeJobSchema } from './job-types';

/**
 * Keeps the backend busy with size x size matrix products for durationMs, one product per step,
 * reporting progress after each and stopping promptly when cancelled.
 */
export const runProbe: JobHandler<'probe'> = async (input, ctx) => {
  const start = performance.now();
  const a = tf.randomUniform([input.size, input.size], -1, 1, 'float32', 1);
  const b = tf.randomUniform([input.size, input.size], -1, 1, 'float32', 2);
  let steps = 0;
  let elapsedMs = 0;
  try {
    do {
      ctx.throwIfCancelled();
      const c = tf.matMul(a, b);
      try {
        // Reading back forces the product to finish on backends that run asynchronously.
        await c.data();
      } finally {
        c.dispose();
      }
      steps++;
      elapsedMs = performance.now() - start;
      ctx.progress({ steps, elapsedMs });
      await yieldToEventLoop();
    } while (elapsedMs < input.durationMs);
  } finally {
    a.dispose();
    b.dispose();
  }
  ctx.throwIfCancelled();
  return { steps, backend: tf.getBackend() };
};

export const probeJob: JobDefinition<'probe'> = { input: ProbeJobSchema, run: runProbe };
