// In-memory storage that models a power loss: writes made without sync sit in a volatile buffer
// until a synced write flushes them (as LevelDB's log does), and crash() throws that buffer away.
// The simulator and the durability tests use it; kill -9 alone would not show the difference,
// since the OS page cache survives a process kill.
import type { BatchOp, Storage } from './storage.js';
import { assert } from '../types/index.js';

export class MemStorage implements Storage {
  private durable = new Map<string, Uint8Array>();
  /** Unsynced writes by key, in write order: the value, or null for a delete. */
  private volatile = new Map<string, Uint8Array | null>();
  private closed = false;
  /** Counts synced batches, so tests can crash at a chosen point. */
  syncedBatches = 0;
  /** When set, the next synced batch fails as a full disk would, writing nothing. */
  failNextSync = false;

  async get(key: string): Promise<Uint8Array | undefined> {
    this.assertOpen();
    const pending = this.volatile.get(key);
    return pending === undefined ? this.durable.get(key) : pending ?? undefined;
  }

  async batch(ops: readonly BatchOp[], options: { readonly sync: boolean }): Promise<void> {
    this.assertOpen();
    if (!options.sync) {
      for (const op of ops) this.volatile.set(op.key, op.type === 'put' ? op.value : null);
      return;
    }
    if (this.failNextSync) {
      this.failNextSync = false;
      throw new Error('ENOSPC: simulated disk full');
    }
    for (const [key, value] of this.volatile) {
      if (value === null) this.durable.delete(key);
      else this.durable.set(key, value);
    }
    this.volatile.clear();
    apply(this.durable, ops);
    this.syncedBatches++;
  }

  async *entries(prefix: string, options: { readonly limit?: number; readonly reverse?: boolean; readonly after?: string } = {}):
    AsyncIterable<[string, Uint8Array]> {
    for (const entry of this.snapshotRange(prefix, options)) yield entry;
  }

  async range(prefix: string, options: { readonly limit: number; readonly after?: string | undefined }): Promise<[string, Uint8Array][]> {
    return this.snapshotRange(prefix, options);
  }

  private snapshotRange(prefix: string, options: { readonly limit?: number; readonly reverse?: boolean; readonly after?: string | undefined }):
    [string, Uint8Array][] {
    this.assertOpen();
    // A snapshot of the matching entries, as LevelDB's iterator reads one.
    const snapshot = new Map<string, Uint8Array>();
    for (const [key, value] of this.durable) if (key.startsWith(prefix)) snapshot.set(key, value);
    for (const [key, value] of this.volatile) {
      if (!key.startsWith(prefix)) continue;
      if (value === null) snapshot.delete(key);
      else snapshot.set(key, value);
    }
    const after = options.after;
    const keys = [...snapshot.keys()].filter((key) => after === undefined || key > after).sort();
    if (options.reverse === true) keys.reverse();
    const limited = options.limit !== undefined && options.limit >= 0 ? keys.slice(0, options.limit) : keys;
    return limited.map((key) => [key, snapshot.get(key)!]);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Power loss: every unsynced write is gone. The storage can be reopened afterwards. */
  crash(): void {
    this.volatile.clear();
    this.closed = true;
  }

  reopen(): void {
    this.closed = false;
  }

  private assertOpen(): void {
    assert(!this.closed, 'storage used after close or crash');
  }
}

function apply(target: Map<string, Uint8Array>, ops: readonly BatchOp[]): void {
  for (const op of ops) {
    if (op.type === 'put') target.set(op.key, op.value);
    else target.delete(op.key);
  }
}
