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

/**
 * Timers and elapsed time, injected wherever node/ waits: the node passes the runtime's timers, the
 * simulator its event queue, so one seed decides when every timeout, heartbeat and retry fires.
 */
export interface Timers {
  /** Calls `fn` once after `delayMs` (0: after the I/O already read in this turn); returns its cancel. */
  schedule(fn: () => void, delayMs: number): () => void;
  /** Monotonic milliseconds, for measuring elapsed work; not a wall clock. */
  elapsedMs(): number;
}

/** Resolves after `delayMs` of the given timers. */
export function sleepMs(timers: Timers, delayMs: number): Promise<void> {
  return new Promise((resolve) => { timers.schedule(resolve, delayMs); });
}
