// The runtime's clock and timers: what the composition root hands to every component that waits.
// The simulator passes its own (test/sim), so nothing below reads the runtime's directly.
import { asTimeMs, type Clock, type Timers } from '../types/index.js';

export const systemClock: Clock = { nowMs: () => asTimeMs(Date.now()) };

export const systemTimers: Timers = {
  schedule(fn, delayMs) {
    // A zero delay runs after the I/O callbacks already due (setImmediate), not 1 ms later.
    if (delayMs <= 0) {
      const immediate = setImmediate(fn);
      return () => clearImmediate(immediate);
    }
    const timer = setTimeout(fn, delayMs);
    return () => clearTimeout(timer);
  },
  elapsedMs: () => performance.now(),
};
