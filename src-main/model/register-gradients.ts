/**
 * tfjs-core registers no gradient functions by itself (tf.grad and the optimizers fail with
 * "gradient function not found"). The '@tensorflow/tfjs' entry registers all of them into tfjs's
 * global registry, shared with tfjs-core. Unlike '@tensorflow/tfjs-core/dist/register_all_gradients'
 * (ES modules with extensionless imports) it is CommonJS, so it also loads from the externalized
 * node_modules of the built app. Importing it more than once is harmless.
 */
import '@tensorflow/tfjs';
