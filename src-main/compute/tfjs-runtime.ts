/**
 * Loads the parts of tfjs the compute process needs, on one engine. tfjs-core's Node entry
 * registers neither the gradient functions (tf.grad / optimizers fail with "gradient function not
 * found for Sum") nor the chained tensor methods (x.add(y)); the '@tensorflow/tfjs' Node entry
 * registers both on the same tfjs-core module, at a load cost of about 0.1 s. Its layers and
 * converter code is unused. Import this module (or backend.ts, which does) before any tfjs work.
 */
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs';
