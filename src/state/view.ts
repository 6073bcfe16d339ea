// Read access to committed state, and the overlay that makes a block's own writes visible to its
// later transactions. The ledger implements StateView over LevelDB; tests use a Map.
import { assert } from '../types/index.js';

export interface StateView {
  get(key: string): Promise<Uint8Array | undefined>;
}

/**
 * Options of a prefix scan of ScannableState: `reverse` reads from the greatest key down, `limit`
 * stops after that many entries. A read that lists "the newest N" of a growing set (a light
 * client's trusted headers) reads N entries this way, not the whole set.
 */
export interface EntriesOptions {
  readonly reverse?: boolean;
  readonly limit?: number;
}

/**
 * Committed state with a scan by key prefix (keys come back as state keys, in key order, or the
 * reverse of it when asked): what the read model needs to list members, proposals or the items of
 * indexed batches. The ledger offers it over its storage without knowing any of these prefixes.
 */
export interface ScannableState extends StateView {
  entries(prefix: string, options?: EntriesOptions): AsyncIterable<[string, Uint8Array]>;
}

/** Options of an ordered scan: only keys after `after` (exclusive), at most `limit` of them. */
export interface ScanOptions {
  readonly after?: string | undefined;
  readonly limit: number;
}

/**
 * State with an ordered range scan: the keys with a prefix, after a given key, in key order, at
 * most `limit` of them, read at once. Block execution needs it for the judgment contracts' due
 * queue, which it walks from a cursor on, thousands of entries a block: an array read in one go
 * costs a fraction of an async iterator's promises per entry through every layer.
 */
export interface OrderedState extends StateView {
  scan(prefix: string, options: ScanOptions): Promise<[string, Uint8Array][]>;
}

/** The keys of `keys` (sorted) with the prefix and after `after`, from a binary search on. */
function sortedRange(keys: readonly string[], prefix: string, after: string | undefined): string[] {
  const start = after !== undefined && after >= prefix ? after : prefix;
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const key = keys[middle] as string;
    if (key < start || (key === start && start === after)) low = middle + 1;
    else high = middle;
  }
  const out: string[] = [];
  for (let i = low; i < keys.length && (keys[i] as string).startsWith(prefix); i++) out.push(keys[i] as string);
  return out;
}

export class Overlay implements OrderedState {
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

  /**
   * The base's entries merged with this overlay's writes (a write replaces the base's value), in
   * key order. The base must scan (executeBlock is given an OrderedState). The base's first `limit`
   * entries are enough: a merged entry beyond them would follow `limit` others.
   */
  async scan(prefix: string, options: ScanOptions): Promise<[string, Uint8Array][]> {
    const base = this.base as Partial<OrderedState>;
    assert(typeof base.scan === 'function', 'the overlay\'s base state has no ordered scan');
    const { limit } = options;
    const own = sortedRange([...this.writes.keys()].filter((key) => key.startsWith(prefix)).sort(), prefix, options.after);
    const fromBase = await base.scan(prefix, options);
    const out: [string, Uint8Array][] = [];
    let next = 0;
    for (const [key, value] of fromBase) {
      while (next < own.length && (own[next] as string) < key && out.length < limit) {
        const ownKey = own[next++] as string;
        out.push([ownKey, this.writes.get(ownKey) as Uint8Array]);
      }
      if (out.length >= limit) return out;
      if (next < own.length && own[next] === key) next++;
      out.push([key, this.writes.get(key) ?? value]);
      if (out.length >= limit) return out;
    }
    while (next < own.length && out.length < limit) {
      const ownKey = own[next++] as string;
      out.push([ownKey, this.writes.get(ownKey) as Uint8Array]);
    }
    return out;
  }

  /** Writes in key order: the order every node hashes them in. */
  sortedWrites(): [string, Uint8Array][] {
    // Sorting the keys alone with the default order (UTF-16 code units, the same order as `<`)
    // is several times faster than sorting pairs with a comparator, for blocks of many writes.
    const keys = [...this.writes.keys()].sort();
    return keys.map((key) => [key, this.writes.get(key) as Uint8Array]);
  }
}

export class MapStateView implements OrderedState {
  constructor(readonly entries: Map<string, Uint8Array> = new Map()) {}
  get(key: string): Promise<Uint8Array | undefined> {
    return Promise.resolve(this.entries.get(key));
  }
  scan(prefix: string, options: ScanOptions): Promise<[string, Uint8Array][]> {
    const keys = sortedRange([...this.entries.keys()].sort(), prefix, options.after).slice(0, options.limit);
    return Promise.resolve(keys.map((key) => [key, this.entries.get(key) as Uint8Array]));
  }
  apply(writes: Iterable<[string, Uint8Array]>): void {
    for (const [k, v] of writes) this.entries.set(k, v);
  }
}
