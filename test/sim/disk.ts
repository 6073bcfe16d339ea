// A simulated node's disk: the ledger's own power-loss storage (MemStorage: unsynced writes vanish at
// a crash), seen by each incarnation of the node through a handle that goes dead with it. A dead
// handle's calls never settle, as a process that died mid-write never learns how its write ended,
// so nothing of an old incarnation can write into the disk its successor reopened.
//
// A crash may also be armed to strike at the node's next synced write: the write is either lost or
// made durable, and the node dies there, before it acts on it (say after the WAL persist and before
// the vote leaves).
import { MemStorage, type BatchOp, type Storage } from '../../src/ledger/index.js';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

export class SimDisk {
  readonly storage = new MemStorage();
  private generation = 0;
  /** Set by the simulator: die at the next synced write, keeping it (true) or losing it (false). */
  private armed: { keepWrite: boolean; onDeath: () => void } | undefined;

  /** Power loss: unsynced writes are gone, and every handle opened so far is dead. */
  crash(): void {
    this.generation += 1;
    this.armed = undefined;
    this.storage.crash();
    this.storage.reopen();
  }

  armCrashAtNextSync(keepWrite: boolean, onDeath: () => void): void {
    this.armed = { keepWrite, onDeath };
  }

  get crashArmed(): boolean {
    return this.armed !== undefined;
  }

  /** The storage as one incarnation sees it. */
  open(): Storage {
    const generation = this.generation;
    const storage = this.storage;
    const alive = (): boolean => generation === this.generation;
    return {
      get: (key) => (alive() ? storage.get(key) : never()),
      batch: async (ops: readonly BatchOp[], options) => {
        if (!alive()) return never();
        const armed = this.armed;
        if (options.sync && armed !== undefined) {
          if (armed.keepWrite) await storage.batch(ops, options);
          armed.onDeath();
          return never();
        }
        return storage.batch(ops, options);
      },
      entries: (prefix, options) => {
        if (!alive()) return { [Symbol.asyncIterator]: () => ({ next: never }) };
        return storage.entries(prefix, options);
      },
      range: (prefix, options) => (alive() ? storage.range(prefix, options) : never()),
      close: async () => undefined,
    };
  }
}
