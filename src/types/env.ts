// Injected sources of time and randomness: below node/, nothing reads Date.now() or Math.random(),
// so the simulator can drive every component from one seed.
import type { TimeMs } from './brand.js';

export interface Clock {
  nowMs(): TimeMs;
}

export interface Rng {
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  bytes(length: number): Uint8Array;
}
