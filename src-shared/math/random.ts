/**
 * Seeded pseudo-random numbers for everything that must repeat exactly for the same seed:
 * splits, mini-batch order and the seeds handed to tfjs's random ops. mulberry32: 32-bit state,
 * fast, and good enough for shuffling (it is not used for cryptography).
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A fresh 31-bit seed, for seeding a tfjs random op or a child generator. */
  seed(): number;
  /** The generator's whole state: rngFromState(state()) continues the same sequence (training checkpoints). */
  state(): number;
}

export function createRng(seed: number): Rng {
  return rngFromState(seed >>> 0 || 0x9e3779b9);
}

/** A generator that resumes from a saved Rng.state(). */
export function rngFromState(saved: number): Rng {
  let state = saved >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    seed: () => Math.floor(next() * 2147483647),
    state: () => state
  };
}

/** Fisher-Yates shuffle in place; returns the array. */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}
