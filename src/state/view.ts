// Read access to committed state, and the overlay that makes a block's own writes visible to its
// later transactions. The ledger implements StateView over LevelDB; tests use a Map.
import { assert } from '../types/index.js';

export interface StateView {
  get(key: string): Promise<Uint8Array | undefined>;
}

export class Overlay implements StateView {
  readonly writes = new Map<string, Uint8Array>();

  constructor(private readonly base: StateView) {}

  async get(key: string): Promise<Uint8Array | undefined> {
    return this.writes.get(key) ?? (await this.base.get(key));
  }

  set(key: string, value: Uint8Array): void {
    assert(key.length > 0, 'state key must not be empty');
    this.writes.set(key, value);
  }

  /** Writes in key order: the order every node hashes them in. */
  sortedWrites(): [string, Uint8Array][] {
    // Sorting the keys alone with the default order (UTF-16 code units, the same order as `<`)
    // is several times faster than sorting pairs with a comparator, for blocks of many writes.
    const keys = [...this.writes.keys()].sort();
    return keys.map((key) => [key, this.writes.get(key) as Uint8Array]);
  }
}

export class MapStateView implements StateView {
  constructor(readonly entries: Map<string, Uint8Array> = new Map()) {}
  get(key: string): Promise<Uint8Array | undefined> {
    return Promise.resolve(this.entries.get(key));
  }
  apply(writes: Iterable<[string, Uint8Array]>): void {
    for (const [k, v] of writes) this.entries.set(k, v);
  }
}
