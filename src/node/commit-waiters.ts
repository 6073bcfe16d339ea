// Callers of ?wait=commit park here until their tx commits, is dropped, or their time runs out.
// Bounded by the number of pending txs, and every waiter has a timer that removes it.
import { TianpingError, hexOf, toHex, type Timers } from '../types/index.js';

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: Error): void;
  cancel(): void;
}

export class CommitWaiters<T> {
  private readonly waiters = new Map<string, Set<Waiter<T>>>();

  constructor(private readonly timers: Timers) {}

  /** Txs waited for now. */
  get size(): number {
    return this.waiters.size;
  }

  /** Whether someone waits for the tx with this id (its hash in hex). */
  has(id: string): boolean {
    return this.waiters.has(id);
  }

  wait(hash: Uint8Array, timeoutMs: number): Promise<T> {
    const id = toHex(hash);
    return new Promise<T>((resolve, reject) => {
      const set = this.waiters.get(id) ?? new Set<Waiter<T>>();
      const waiter: Waiter<T> = {
        resolve, reject,
        cancel: this.timers.schedule(() => {
          set.delete(waiter);
          if (set.size === 0) this.waiters.delete(id);
          reject(new TianpingError('COMMIT_TIMEOUT', `not committed within ${timeoutMs} ms; the tx may still commit later`));
        }, timeoutMs),
      };
      set.add(waiter);
      this.waiters.set(id, set);
    });
  }

  resolve(hash: Uint8Array | string, value: T): void {
    this.settle(hash, (w) => w.resolve(value));
  }

  reject(hash: Uint8Array | string, error: Error): void {
    this.settle(hash, (w) => w.reject(error));
  }

  rejectAll(error: Error): void {
    for (const set of this.waiters.values()) for (const w of set) { w.cancel(); w.reject(error); }
    this.waiters.clear();
  }

  private settle(hash: Uint8Array | string, action: (waiter: Waiter<T>) => void): void {
    const id = hexOf(hash);
    const set = this.waiters.get(id);
    if (set === undefined) return;
    this.waiters.delete(id);
    for (const w of set) {
      w.cancel();
      action(w);
    }
  }
}
