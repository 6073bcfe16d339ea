// The ledger: blocks, commits, indexes and application state in one key space. A block lands with
// its commit, its indexes and its state writes in ONE atomic batch written with sync, so after any
// crash the ledger holds either all of height h or none of it, and restart resumes at the last
// committed height.
//
// The ledger owns its own keys (blocks, commits, headers, block hashes, the consensus WAL, tip,
// history, genesis hash). State keys are state/'s: the ledger stores state's writes under STATE_PREFIX
// as given, and offers reads and prefix scans of them (`state`) without knowing their layout. Queries
// over state and blocks (evidence pages, members, proposals, ...) are the read model's (src/read/).
import { pb, decodeBlock, decodeCommit, txHash, blockHashOfHeader, type HeaderMsg, type CommitMsg } from '../codec/index.js';
import { Frontier } from '../merkle/index.js';
import { genesisWrites, readAppHash, readTxLocation, type Genesis, type OrderedState, type ScannableState } from '../state/index.js';
import { LruCache, assert, equalBytes, heightKey, readU64be, toHex, u64be, type GaugeLike, type Hash32,
  type ObserverLike } from '../types/index.js';
import { batchIndexKey, batchIndexOps, decodeBatchIndexEntry, type BatchIndexEntry } from './batch-index.js';
import type { BatchOp, Storage } from './storage.js';

const KEY_GENESIS = 'meta/genesis-hash';
const KEY_TIP = 'meta/tip';
const KEY_HISTORY = 'meta/history';
const KEY_CONSENSUS_WAL = 'meta/consensus-wal';
/** The blocks the consensus WAL record names, by hex hash (see writeConsensusWal). */
const WAL_BLOCK_PREFIX = 'meta/consensus-wal-block/';
const STATE_PREFIX = 's/';
const blockKey = (height: number): string => `b/${heightKey(height)}`;
const commitKey = (height: number): string => `c/${heightKey(height)}`;
const headerKey = (height: number): string => `hd/${heightKey(height)}`;
const blockHashKey = (hash: Uint8Array): string => `bh/${toHex(hash)}`;

export interface Tip {
  readonly height: number;
  readonly blockHash: Hash32;
  readonly timeMs: number;
  readonly appHash: Uint8Array;
}

export interface StoredBlock {
  readonly height: number;
  readonly hash: Hash32;
  readonly header: HeaderMsg;
  readonly txs: readonly Uint8Array[];
  readonly commit: CommitMsg;
  readonly bytes: Uint8Array;
  /** The exact header bytes inside the block (what its hash is over). */
  readonly headerBytes: Uint8Array;
  readonly commitBytes: Uint8Array;
}

export interface BlockToCommit {
  readonly height: number;
  readonly hash: Hash32;
  readonly timeMs: number;
  readonly blockBytes: Uint8Array;
  /** The header inside blockBytes, kept apart so lookups need not decode whole blocks. */
  readonly headerBytes: Uint8Array;
  readonly commitBytes: Uint8Array;
  readonly appHash: Uint8Array;
  readonly stateWrites: readonly [string, Uint8Array][];
}

/**
 * Decoded committed blocks kept in memory: receipts and lookups of indexed-batch items read the
 * same recent blocks over and over (a block of 30 batches is ~1 MiB to read and decode).
 * Committed blocks never change, so the cache needs no invalidation.
 */
const BLOCK_CACHE_BLOCKS_MAX = 64;
const BLOCK_CACHE_BYTES_MAX = 32 * 1024 * 1024;

/**
 * Stable codes of the ledger's errors, for operators' tooling (messages may change): another
 * chain's data directory, or data this node wrote that is not there or not what it wrote.
 */
export type LedgerErrorCode = 'GENESIS_MISMATCH' | 'LEDGER_CORRUPT'
  /** Found at start or by `tianping ledger check`: damage the node cannot repair itself; it refuses to start. */
  | 'LEDGER_DAMAGED'
  /** The ledger holds a different block than the high-water mark at the mark's height: a fork on disk. */
  | 'HIGH_WATER_MISMATCH';

export class LedgerError extends Error {
  override name = 'LedgerError';

  /** `file`: the damaged file, when it can be known (a LevelDB log or table named by LevelDB). */
  constructor(readonly code: LedgerErrorCode, message: string, readonly file?: string) {
    super(message);
  }
}

/** What the ledger records when the node gives it metrics: its synced writes, timed where they happen. */
export interface LedgerMetrics {
  /** Seconds of each synced batch that commits a block (block, commit, indexes, state writes). */
  readonly blockSyncSeconds: ObserverLike;
  /** Seconds of each synced write of the consensus WAL record. */
  readonly walSyncSeconds: ObserverLike;
  /** Bytes of the consensus WAL as last written: the record and the blocks it names. */
  readonly walBytes: GaugeLike;
}

/** State's keys and values, stored under STATE_PREFIX; keys come back without it. */
function stateOf(storage: Storage): ScannableState & OrderedState {
  return {
    get: (key) => storage.get(STATE_PREFIX + key),
    entries: async function* (prefix, options = {}) {
      for await (const [key, value] of storage.entries(STATE_PREFIX + prefix, options)) yield [key.slice(STATE_PREFIX.length), value];
    },
    scan: async (prefix, options) => {
      const after = options.after === undefined ? undefined : STATE_PREFIX + options.after;
      const entries = await storage.range(STATE_PREFIX + prefix, { after, limit: options.limit });
      for (const entry of entries) entry[0] = entry[0].slice(STATE_PREFIX.length);
      return entries;
    },
  };
}

export class Ledger {
  private tipNow: Tip;
  private history: Frontier;
  /** Hex hashes of the WAL blocks in storage, once read (see writeConsensusWal). */
  private walBlocks: Set<string> | undefined;
  private readonly blocks = new LruCache<number, StoredBlock>(BLOCK_CACHE_BLOCKS_MAX, BLOCK_CACHE_BYTES_MAX);
  /** Committed state: reads, prefix scans and ordered range scans by state's own keys. */
  readonly state: ScannableState & OrderedState;

  private constructor(private readonly storage: Storage, tip: Tip, history: Frontier, private readonly metrics?: LedgerMetrics) {
    this.tipNow = tip;
    this.history = history;
    this.state = stateOf(storage);
  }

  /** Opens the ledger, writing the genesis state on first use; refuses a different genesis later. */
  static async open(storage: Storage, genesis: Genesis, genesisHash: Hash32, metrics?: LedgerMetrics): Promise<Ledger> {
    const stored = await storage.get(KEY_GENESIS);
    if (stored === undefined) {
      const ops: BatchOp[] = [{ type: 'put', key: KEY_GENESIS, value: genesisHash },
        { type: 'put', key: KEY_TIP, value: u64be(0) },
        { type: 'put', key: KEY_HISTORY, value: Frontier.empty().encode() }];
      for (const [key, value] of genesisWrites(genesis)) ops.push({ type: 'put', key: STATE_PREFIX + key, value });
      await storage.batch(ops, { sync: true });
    } else if (!equalBytes(stored, genesisHash)) {
      throw new LedgerError('GENESIS_MISMATCH', 'the data directory holds a chain of another genesis: refusing to start');
    }
    const tipBytes = await storage.get(KEY_TIP);
    const historyBytes = await storage.get(KEY_HISTORY);
    if (tipBytes === undefined || historyBytes === undefined) {
      throw new LedgerError('LEDGER_CORRUPT', 'ledger corrupt: tip or history missing');
    }
    const height = readU64be(tipBytes);
    const history = Frontier.decode(historyBytes);
    if (history.size !== height) {
      throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: history covers ${history.size} blocks, tip is ${height}`);
    }
    const appHash = await readAppHash(stateOf(storage));
    if (height === 0) {
      return new Ledger(storage, { height: 0, blockHash: new Uint8Array(32) as Hash32, timeMs: genesis.genesisTimeMs, appHash }, history,
        metrics);
    }
    const bytes = await storage.get(blockKey(height));
    if (bytes === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: tip ${height} has no block`);
    const { header, hash } = decodeBlock(bytes);
    if (header.height !== height) {
      throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: the block stored as ${height} is of height ${header.height}`);
    }
    return new Ledger(storage, { height, blockHash: hash, timeMs: header.timeMs, appHash }, history, metrics);
  }

  get tip(): Tip {
    return this.tipNow;
  }

  /** Root over the hashes of blocks 1..tip, each a leaf node as is (no 0x00 leaf hash): the next header's history root. */
  historyRoot(): Hash32 {
    return this.history.root() as Hash32;
  }

  async commitBlock(block: BlockToCommit): Promise<void> {
    assert(block.height === this.tipNow.height + 1, () => `commit height ${block.height} follows tip ${this.tipNow.height}`);
    const history = this.history.clone();
    history.append(block.hash);
    const ops: BatchOp[] = [
      { type: 'put', key: blockKey(block.height), value: block.blockBytes },
      { type: 'put', key: commitKey(block.height), value: block.commitBytes },
      { type: 'put', key: headerKey(block.height), value: block.headerBytes },
      { type: 'put', key: blockHashKey(block.hash), value: u64be(block.height) },
      { type: 'put', key: KEY_TIP, value: u64be(block.height) },
      { type: 'put', key: KEY_HISTORY, value: history.encode() },
    ];
    ops.push(...batchIndexOps(block.height, block.timeMs, block.blockBytes));
    for (const [key, value] of block.stateWrites) ops.push({ type: 'put', key: STATE_PREFIX + key, value });
    await this.syncedBatch(ops, this.metrics?.blockSyncSeconds);
    this.history = history;
    this.tipNow = { height: block.height, blockHash: block.hash, timeMs: block.timeMs, appHash: block.appHash };
  }

  async block(height: number): Promise<StoredBlock | undefined> {
    if (!Number.isSafeInteger(height) || height < 1 || height > this.tipNow.height) return undefined;
    const cached = this.blocks.get(height);
    if (cached !== undefined) return cached;
    const [bytes, commitBytes] = await Promise.all([this.storage.get(blockKey(height)), this.storage.get(commitKey(height))]);
    if (bytes === undefined || commitBytes === undefined) {
      throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: block ${height} missing`);
    }
    const { block, header, hash } = decodeBlock(bytes);
    const stored: StoredBlock = {
      height, hash, header, txs: block.txs, commit: decodeCommit(commitBytes), bytes, headerBytes: block.header, commitBytes,
    };
    // Weighed twice over: decoded fields sit beside the raw bytes.
    this.blocks.set(height, stored, 2 * (bytes.length + commitBytes.length));
    return stored;
  }

  /**
   * The lookup entry of an indexed batch tx (batch-index.ts), when its block was committed with
   * one: undefined otherwise, and the caller reads the block.
   */
  async batchIndexEntry(height: number, txIndex: number): Promise<BatchIndexEntry | undefined> {
    if (!Number.isSafeInteger(height) || height < 1 || height > this.tipNow.height) return undefined;
    const bytes = await this.storage.get(batchIndexKey(height, txIndex));
    return bytes === undefined ? undefined : decodeBatchIndexEntry(bytes);
  }

  /** Header and hash of a committed height, without reading the block's txs. */
  async header(height: number): Promise<{ header: HeaderMsg; hash: Hash32 } | undefined> {
    if (!Number.isSafeInteger(height) || height < 1 || height > this.tipNow.height) return undefined;
    const bytes = await this.storage.get(headerKey(height));
    if (bytes === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: header ${height} missing`);
    return { header: pb.Header.decode(bytes), hash: blockHashOfHeader(bytes) };
  }

  /** The exact stored bytes of a block and its commit, for serving block sync. */
  async rawBlock(height: number): Promise<{ block: Uint8Array; commit: Uint8Array } | undefined> {
    if (!Number.isSafeInteger(height) || height < 1 || height > this.tipNow.height) return undefined;
    const cached = this.blocks.get(height);
    if (cached !== undefined) return { block: cached.bytes, commit: cached.commitBytes };
    const [block, commit] = await Promise.all([this.storage.get(blockKey(height)), this.storage.get(commitKey(height))]);
    if (block === undefined || commit === undefined) {
      throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: block ${height} missing`);
    }
    return { block, commit };
  }

  /**
   * The consensus WAL record (the double-sign guard and lock), written synced before the node's own
   * votes leave it. One record, replaced each time: only the latest matters. `blocks` are the blocks
   * it names: one not stored yet is written in the same batch, and one no longer named is deleted
   * there, so each block of a height is written once however often the record changes, and the
   * record is never without them.
   */
  async writeConsensusWal(record: Uint8Array, blocks: readonly { readonly hash: Uint8Array; readonly bytes: Uint8Array }[]):
    Promise<void> {
    const stored = this.walBlocks ?? new Set((await this.readWalBlocks()).keys());
    const named = new Set<string>();
    const ops: BatchOp[] = [];
    let walBytes = record.length;
    for (const block of blocks) {
      const id = toHex(block.hash);
      if (named.has(id)) continue;
      named.add(id);
      walBytes += block.bytes.length;
      if (!stored.has(id)) ops.push({ type: 'put', key: WAL_BLOCK_PREFIX + id, value: block.bytes });
    }
    for (const id of stored) if (!named.has(id)) ops.push({ type: 'del', key: WAL_BLOCK_PREFIX + id });
    ops.push({ type: 'put', key: KEY_CONSENSUS_WAL, value: record });
    await this.syncedBatch(ops, this.metrics?.walSyncSeconds);
    this.walBlocks = named;
    this.metrics?.walBytes.set(walBytes);
  }

  /** One batch written with sync, timed into `seconds` when given: what the disk's flush costs. */
  private async syncedBatch(ops: readonly BatchOp[], seconds: ObserverLike | undefined): Promise<void> {
    if (seconds === undefined) return this.storage.batch(ops, { sync: true });
    const startMs = performance.now();
    await this.storage.batch(ops, { sync: true });
    seconds.observe((performance.now() - startMs) / 1000);
  }

  /** The consensus WAL record and the blocks stored beside it (hex hash → bytes), if any record. */
  async readConsensusWal(): Promise<{ record: Uint8Array; blocks: Map<string, Uint8Array> } | undefined> {
    const blocks = await this.readWalBlocks();
    const record = await this.storage.get(KEY_CONSENSUS_WAL);
    return record === undefined ? undefined : { record, blocks };
  }

  private async readWalBlocks(): Promise<Map<string, Uint8Array>> {
    const blocks = new Map<string, Uint8Array>();
    for await (const [key, value] of this.storage.entries(WAL_BLOCK_PREFIX)) blocks.set(key.slice(WAL_BLOCK_PREFIX.length), value);
    this.walBlocks = new Set(blocks.keys());
    return blocks;
  }

  async heightOfBlock(hash: Uint8Array): Promise<number | undefined> {
    const bytes = await this.storage.get(blockHashKey(hash));
    return bytes === undefined ? undefined : readU64be(bytes);
  }

  /** Checks that every height up to the tip has its block, commit and hash index, linked by hashes. */
  async checkConsistency(): Promise<void> {
    let prevHash: Uint8Array = new Uint8Array(32);
    const history = Frontier.empty();
    for (let height = 1; height <= this.tipNow.height; height++) {
      const stored = await this.block(height);
      if (stored === undefined) throw new LedgerError('LEDGER_CORRUPT', `block ${height} missing`);
      if (!equalBytes(stored.header.prevBlockHash, prevHash)) {
        throw new LedgerError('LEDGER_CORRUPT', `block ${height} does not link to ${height - 1}`);
      }
      if (!equalBytes(stored.header.historyRoot, history.root())) {
        throw new LedgerError('LEDGER_CORRUPT', `block ${height} history root differs`);
      }
      if (!equalBytes(stored.commit.blockHash, stored.hash)) {
        throw new LedgerError('LEDGER_CORRUPT', `commit ${height} is for another block`);
      }
      if ((await this.heightOfBlock(stored.hash)) !== height) {
        throw new LedgerError('LEDGER_CORRUPT', `hash index of ${height} wrong`);
      }
      for (const tx of stored.txs) {
        const location = await readTxLocation(this.state, txHash(tx));
        if (location?.height !== height) throw new LedgerError('LEDGER_CORRUPT', `tx index of a tx in block ${height} wrong`);
      }
      history.append(stored.hash);
      prevHash = stored.hash;
    }
  }

  async close(): Promise<void> {
    await this.storage.close();
  }
}
