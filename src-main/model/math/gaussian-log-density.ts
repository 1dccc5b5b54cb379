import * as tf from '@tensorflow/tfjs-core';

export const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** log N(x; 0, sigma^2) per entry, for a fixed standard deviation; same shape as x. */
export function zeroMeanGaussianLogDensity(x: tf.Tensor, sigma: number): tf.Tensor {
  return tf.tidy(() =>
    tf.sub(-HALF_LOG_TWO_PI - Math.log(sigma), tf.mul(0.5 / (sigma * sigma), tf.square(x)))
  );
}

/**
 * log N(x; mu, sigma^2) per entry with tensor-valued mu and sigma (broadcast against x).
 * Written on (x - mu) / sigma so that the gradient flows through x, mu and sigma alike, as the
 * Monte Carlo KL of METHOD.md section 2 needs (x is itself mu + sigma * eps).
 */
export function gaussianLogDensity(x: tf.Tensor, mu: tf.Tensor, sigma: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const z = tf.div(tf.sub(x, mu), sigma);
    return tf.sub(tf.sub(-HALF_LOG_TWO_PI, tf.log(sigma)), tf.mul(0.5, tf.square(z)));
  });
}
