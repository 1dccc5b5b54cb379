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

  /** Sets the copies from saved values, one array per variable (a training checkpoint's best epoch). */
  load(values: readonly Float32Array[]): void {
    this.dispose();
    this.values = this.variables.map((v, i) => tf.tensor(values[i] ?? new Float32Array(v.size), v.shape));
  }

  /** The copies' values, one array per variable (empty when nothing was captured). */
  read(): Float32Array[] {
    return this.values.map((t) => Float32Array.from(t.dataSync()));
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
