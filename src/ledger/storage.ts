// The storage contract the ledger needs, so the simulator and tests can swap LevelDB for a fake
// that models power loss. Keys are strings; values are bytes.

export type BatchOp =
  | { readonly type: 'put'; readonly key: string; readonly value: Uint8Array }
  | { readonly type: 'del'; readonly key: string };

export interface Storage {
  get(key: string): Promise<Uint8Array | undefined>;
  /**
   * Applies every op or none. With sync, the batch is on stable storage when the promise resolves
   * (and so is every earlier write); without it, a power loss may drop it.
   */
  batch(ops: readonly BatchOp[], options: { readonly sync: boolean }): Promise<void>;
  /** Keys and values with the prefix (and after `after`, exclusive, when given), in key order. */
  entries(prefix: string, options?: { readonly limit?: number; readonly reverse?: boolean; readonly after?: string }):
    AsyncIterable<[string, Uint8Array]>;
  /**
   * At most `limit` entries with the prefix (after `after`, exclusive, when given), in key order,
   * read in one go: a bounded range, for callers that want them all (block execution's scans).
   */
  range(prefix: string, options: { readonly limit: number; readonly after?: string | undefined }): Promise<[string, Uint8Array][]>;
  close(): Promise<void>;
}
