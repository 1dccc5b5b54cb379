import * as tf from '@tensorflow/tfjs-core';

/** Copies of a set of variables' values, to restore the best epoch after early stopping. */
export class VariableSnapshot {
  private values: tf.Tensor[] = [];

  constructor(private readonly variables: tf.Variable[]) {}

  get empty(): boolean {
    return this.values.length === 0;
  }

  capture(): void {
    this.dispose();
    this.values = this.variables.map((v) => tf.clone(v));
  }

  restore(): void {
    this.variables.forEach((v, i) => {
      const value = this.values[i];
      if (value) v.assign(value);
    });
  }

  dispose(): void {
    tf.dispose(this.values);
    this.values = [];
  }
}
