// Storage on LevelDB through classic-level. Durability: LevelDB's write-ahead log is fsynced only
// for writes made with sync: true, and a synced write also makes every earlier write durable.
import { ClassicLevel } from 'classic-level';
import type { BatchOp, Storage } from './storage.js';

export class LevelStorage implements Storage {
  private constructor(private readonly db: ClassicLevel<string, Uint8Array>) {}

  /**
   * `openFilesMax`: LevelDB's max_open_files (74..50,000; LevelDB's own default 1,000). Each open
   * table is mapped into memory, and the pages reads touched stay in RSS until the table closes.
   */
  static async open(path: string, options: { readonly openFilesMax?: number } = {}): Promise<LevelStorage> {
    const db = new ClassicLevel<string, Uint8Array>(path, { keyEncoding: 'utf8', valueEncoding: 'view',
      ...(options.openFilesMax === undefined ? {} : { maxOpenFiles: options.openFilesMax }) });
    await db.open();
    return new LevelStorage(db);
  }

  // Synchronous: LevelDB answers from its cache or an mmapped table in a few µs, while the async
  // get is a thread-pool round trip (~55 µs) that queues behind every other read; block execution
  // awaits its reads one after another, so under load the async path starved it.
  get(key: string): Promise<Uint8Array | undefined> {
    try {
      return Promise.resolve(this.db.getSync(key) ?? undefined);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  async batch(ops: readonly BatchOp[], options: { readonly sync: boolean }): Promise<void> {
    const chained = this.db.batch();
    for (const op of ops) {
      if (op.type === 'put') chained.put(op.key, op.value);
      else chained.del(op.key);
    }
    await chained.write({ sync: options.sync });
  }

  async *entries(prefix: string, options: { readonly limit?: number; readonly reverse?: boolean; readonly after?: string } = {}):
    AsyncIterable<[string, Uint8Array]> {
    // '\xff' sorts after every character a key of ours contains (keys are ASCII).
    const lower = options.after !== undefined && options.after >= prefix ? { gt: options.after } : { gte: prefix };
    const iterator = this.db.iterator({ ...lower, lt: prefix + '\xff', limit: options.limit ?? -1,
      reverse: options.reverse ?? false });
    try {
      for await (const [key, value] of iterator) yield [key, value];
    } finally {
      await iterator.close();
    }
  }

  range(prefix: string, options: { readonly limit: number; readonly after?: string | undefined }): Promise<[string, Uint8Array][]> {
    const lower = options.after !== undefined && options.after >= prefix ? { gt: options.after } : { gte: prefix };
    // all() reads the entries in batches (a native call per batch, not per entry) and closes the iterator.
    return this.db.iterator({ ...lower, lt: prefix + '\xff', limit: options.limit }).all();
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
