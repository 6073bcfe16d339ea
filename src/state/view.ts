// Read access to committed state, and the overlay that makes a block's own writes visible to its
// later transactions. The ledger implements StateView over LevelDB; tests use a Map.
import { assert } from '../types/index.js';

export interface StateView {
  get(key: string): Promise<Uint8Array | undefined>;
}

/**
 * Committed state with a scan by key prefix (keys come back as state keys, in key order): what the
 * read model needs to list members, proposals or the items of indexed batches. The ledger offers
 * it over its storage without knowing any of these prefixes.
 */
export interface ScannableState extends StateView {
  entries(prefix: string): AsyncIterable<[string, Uint8Array]>;
}

export class Overlay implements StateView {
  readonly writes = new Map<string, Uint8Array>();
  /** Values decoded from a key's bytes (or its absence), until this overlay writes the key. */
  private readonly decodedValues = new Map<string, { value: unknown }>();

  constructor(private readonly base: StateView) {}

  async get(key: string): Promise<Uint8Array | undefined> {
    return this.writes.get(key) ?? (await this.base.get(key));
  }

  set(key: string, value: Uint8Array): void {
    assert(key.length > 0, 'state key must not be empty');
    this.writes.set(key, value);
    this.decodedValues.delete(key);
  }

  /**
   * The key's bytes passed through `decode` (undefined when absent), read and decoded once per
   * value: every tx of a block reads its signer's record and its category, mostly the same few.
   * Callers get one shared object and must not change it.
   */
  async decoded<T>(key: string, decode: (bytes: Uint8Array) => T): Promise<T | undefined> {
    const known = this.decodedValues.get(key);
    if (known !== undefined) return known.value as T | undefined;
    const bytes = await this.get(key);
    const value = bytes === undefined ? undefined : decode(bytes);
    this.decodedValues.set(key, { value });
    return value;
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
