// A least-recently-used cache bounded both in entries and in total weight (bytes, usually): for
// immutable things that are costly to rebuild, such as decoded committed blocks or batch trees.
import { assert } from './brand.js';

export class LruCache<K, V> {
  // Map iteration order is insertion order; a hit re-inserts, so the first key is the least recent.
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private weightTotal = 0;

  constructor(private readonly entriesMax: number, private readonly weightMax: number) {
    assert(entriesMax >= 1 && weightMax >= 1, 'a cache holds at least one entry and one unit of weight');
  }

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.weightTotal;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps value unless it alone outweighs the whole cache; evicts the least recent to make room. */
  set(key: K, value: V, weight = 1): void {
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.weightTotal -= old.weight;
    }
    if (weight > this.weightMax) return;
    while (this.entries.size >= this.entriesMax || this.weightTotal + weight > this.weightMax) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.weightTotal -= (this.entries.get(oldest.value) as { weight: number }).weight;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, weight });
    this.weightTotal += weight;
  }

  clear(): void {
    this.entries.clear();
    this.weightTotal = 0;
  }
}
