// The bulk anchor's state in memory, rebuilt from the journal on resume: items, batches and which
// item holds which digest. Every journal record is checked as it is replayed; a journal that does
// not add up is refused rather than guessed around, because guessing could anchor items twice.
import { fromBase64 } from '../../types/index.js';
import { JournalError, fromRuns, type BatchRecord, type ItemRecord, type JournalRecord, type RunRecord } from './journal.js';

export interface Item {
  readonly n: number;
  readonly name: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  /** Anchored digest, hex. */
  readonly digest: string;
  readonly fileDigest: string;
  readonly salt?: string;
  /** The open or committed batch that carries it. */
  batch?: Batch;
  /** Position in that batch. */
  indexInBatch?: number;
  receiptDone: boolean;
}

export type BatchState = 'open' | 'committed' | 'superseded';

export interface Batch {
  readonly b: number;
  readonly txHash: string;
  readonly tx: Uint8Array;
  readonly expiresAtMs: number;
  readonly items: readonly Item[];
  state: BatchState;
  height?: number;
  txIndex?: number;
  /** Committed before this process started: its receipts may already be on disk. */
  committedEarlier: boolean;
}

const HEX64 = /^[0-9a-f]{64}$/;

export class BulkState {
  readonly items: Item[] = [];
  readonly batches: Batch[] = [];
  /** The latest item record of each name. */
  readonly byName = new Map<string, Item>();
  /** Unsalted runs: the item that carries each digest (anchors it once for every file that has it). */
  readonly byDigest = new Map<string, Item>();
  /** Items that share a carrier's digest, by carrier. */
  readonly followers = new Map<Item, Item[]>();

  constructor(readonly run: RunRecord) {}

  static replay(records: readonly JournalRecord[], path: string): BulkState {
    const first = records[0];
    if (first?.type !== 'run') throw new JournalError(`${path}: the first record is not a run record`);
    const state = new BulkState(first);
    for (const [i, record] of records.entries()) {
      if (i === 0) continue;
      const where = `${path}: record ${i + 1}`;
      switch (record.type) {
        case 'item': state.replayItem(record, where); break;
        case 'batch': state.replayBatch(record, where); break;
        case 'committed': {
          const batch = state.openBatch(record.b, where);
          batch.state = 'committed';
          batch.height = record.height;
          batch.txIndex = record.txIndex;
          batch.committedEarlier = true;
          break;
        }
        case 'superseded': state.supersede(state.openBatch(record.b, where)); break;
        default: throw new JournalError(`${where}: a second run record`);
      }
    }
    // Only items in a batch that may still commit carry a digest; the others are claimed again,
    // or not, as the listing finds them.
    state.byDigest.clear();
    for (const batch of state.batches) if (batch.state !== 'superseded') for (const item of batch.items) state.claim(item);
    return state;
  }

  addItem(record: Omit<ItemRecord, 'type' | 'n'>): { item: Item; record: ItemRecord } {
    const full: ItemRecord = { type: 'item', n: this.items.length, ...record };
    return { item: this.replayItem(full, 'new item'), record: full };
  }

  addBatch(record: BatchRecord, items: readonly Item[]): Batch {
    const batch: Batch = { b: record.b, txHash: record.txHash, tx: fromBase64(record.tx) ?? new Uint8Array(),
      expiresAtMs: record.expiresAtMs, items, state: 'open', committedEarlier: false };
    items.forEach((item, index) => {
      item.batch = batch;
      item.indexInBatch = index;
    });
    this.batches.push(batch);
    return batch;
  }

  /** The batch can never commit: its items are free for a new batch. */
  supersede(batch: Batch): void {
    batch.state = 'superseded';
    for (const item of batch.items) {
      delete item.batch;
      delete item.indexInBatch;
    }
  }

  /** The items no longer carry their digests (their batch was superseded before the listing was read). */
  release(items: readonly Item[]): void {
    for (const item of items) if (this.byDigest.get(item.digest) === item) this.byDigest.delete(item.digest);
  }

  /** Makes `item` the carrier of its digest, or a follower of the existing carrier (unsalted only). */
  claim(item: Item): Item | undefined {
    if (this.run.salted) return undefined;
    const carrier = this.byDigest.get(item.digest);
    if (carrier === undefined || carrier === item) {
      this.byDigest.set(item.digest, item);
      return undefined;
    }
    const list = this.followers.get(carrier);
    if (list === undefined) this.followers.set(carrier, [item]);
    else list.push(item);
    return carrier;
  }

  followersOf(item: Item): readonly Item[] {
    return this.followers.get(item) ?? [];
  }

  private replayItem(record: ItemRecord, where: string): Item {
    if (record.n !== this.items.length) throw new JournalError(`${where}: item number ${record.n}, expected ${this.items.length}`);
    if (typeof record.path !== 'string' || record.path === '' || !Number.isSafeInteger(record.sizeBytes)
      || typeof record.mtimeMs !== 'number' || !HEX64.test(record.digest)) {
      throw new JournalError(`${where}: malformed item record`);
    }
    // The name becomes a path under the receipts directory: it must stay inside it.
    if (record.path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
      throw new JournalError(`${where}: item path "${record.path}" is not a plain relative path`);
    }
    const salted = this.run.salted;
    if (salted !== (record.salt !== undefined) || (salted && (!HEX64.test(record.salt ?? '') || !HEX64.test(record.fileDigest ?? '')))) {
      throw new JournalError(`${where}: an item of a ${salted ? 'salted' : 'unsalted'} run must ${salted ? '' : 'not '}carry a salt and file digest`);
    }
    const item: Item = {
      n: record.n, name: record.path, sizeBytes: record.sizeBytes, mtimeMs: record.mtimeMs, digest: record.digest,
      fileDigest: record.fileDigest ?? record.digest, ...(record.salt === undefined ? {} : { salt: record.salt }), receiptDone: false,
    };
    this.items.push(item);
    this.byName.set(item.name, item);
    return item;
  }

  private replayBatch(record: BatchRecord, where: string): void {
    if (record.b !== this.batches.length) throw new JournalError(`${where}: batch number ${record.b}, expected ${this.batches.length}`);
    if (!HEX64.test(record.txHash) || fromBase64(record.tx) === undefined || !Number.isSafeInteger(record.expiresAtMs)
      || !Array.isArray(record.items)) {
      throw new JournalError(`${where}: malformed batch record`);
    }
    const items = fromRuns(record.items).map((n) => {
      const item = this.items[n];
      if (item === undefined) throw new JournalError(`${where}: names item ${n}, which the journal does not hold`);
      if (item.batch !== undefined) throw new JournalError(`${where}: item ${n} is already in batch ${item.batch.b}`);
      return item;
    });
    if (items.length === 0) throw new JournalError(`${where}: a batch without items`);
    this.addBatch(record, items);
  }

  private openBatch(b: number, where: string): Batch {
    const batch = this.batches[b];
    if (batch?.state !== 'open') throw new JournalError(`${where}: batch ${b} is not an open batch`);
    return batch;
  }
}
