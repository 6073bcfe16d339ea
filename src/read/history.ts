// The chain's history tree, served: RFC 9162 consistency proofs between two of its sizes, inclusion
// proofs of a block in a later header's tree (receipts against a trusted header, docs/receipt-format.md
// §13), and the checkpoint of the latest header (src/checkpoint/). Tree size s is the tree over the
// block hashes of heights 1..s, each hash a leaf node as is; header s+1 carries its root. One tree
// per ledger (historyTreeOf), so that both kinds of proof share the subtree roots kept.
//
// Cost. A proof from m to n is the roots of O(log n) subtrees that together cover leaves 0..n−1,
// so a proof from leaves alone reads n block hashes. The roots of aligned perfect subtrees of
// TILE_LEAVES or more leaves never change once the chain has them, so they are kept (an LRU of
// NODES_CACHED_MAX entries of 32 bytes: a chain of n blocks has about n/128 such subtrees, so
// 2^17 entries cover ~16 million blocks in a few MiB); a warm proof then reads only the leaves of
// its ranges smaller than a tile, which lie in the tile holding leaf `from` and the last partial
// tile: fewer than 3 × 256 block hashes. One request reads at
// most LEAF_READS_MAX uncached hashes: past that it answers HISTORY_PROOF_BUSY, keeping the
// subtrees it finished, so that retries make progress and no one request holds the node long.
// A persistent history tree written with each block would make every proof O(log n) reads from
// the first: a later optimisation.
import type { ConsistencyProofView } from '../api/components.js';
import { checkpointOfHeader, type Checkpoint } from '../checkpoint/index.js';
import type { Ledger } from '../ledger/index.js';
import { LedgerError } from '../ledger/index.js';
import { consistencyProofRanges, inclusionProofRanges, nodeHash, rootFromInclusion, rootFromLeafHashes } from '../merkle/index.js';
import { HASH_BYTES, LruCache, TianpingError, equalBytes, toHex, type Hash32 } from '../types/index.js';

/** Leaves under the smallest subtree whose root is kept: 2^8, one read of 256 headers at a time. */
const TILE_LEVEL = 8;
const TILE_LEAVES = 2 ** TILE_LEVEL;
const NODES_CACHED_MAX = 2 ** 17;
/** Uncached block hashes one request may read: ~65k header reads, well under a second on a local disk. */
export const LEAF_READS_MAX = 2 ** 16;

type HistoryLedger = Pick<Ledger, 'header' | 'tip'>;

const trees = new WeakMap<HistoryLedger, HistoryTree>();

/** The one history tree of a ledger: the node's consistency proofs and its receipts share its kept roots. */
export function historyTreeOf(ledger: HistoryLedger): HistoryTree {
  let tree = trees.get(ledger);
  if (tree === undefined) trees.set(ledger, (tree = new HistoryTree(ledger)));
  return tree;
}

export class HistoryTree {
  private readonly nodes = new LruCache<string, Uint8Array>(NODES_CACHED_MAX, NODES_CACHED_MAX * HASH_BYTES);

  constructor(private readonly ledger: HistoryLedger, private readonly leafReadsMax: number = LEAF_READS_MAX) {}

  /** The largest size a committed header carries: that of the latest header's checkpoint; −1 before block 1. */
  latestSize(): number {
    return this.ledger.tip.height - 1;
  }

  /** The checkpoint of the latest header (origin: the chain id), or undefined before block 1. */
  async latestCheckpoint(chainId: string): Promise<{ checkpoint: Checkpoint; height: number } | undefined> {
    const height = this.ledger.tip.height;
    if (height < 1) return undefined;
    const header = await this.ledger.header(height);
    if (header === undefined) return undefined;
    return { checkpoint: checkpointOfHeader(chainId, header.header), height };
  }

  /**
   * The audit path, bottom-up, of block `height` in the history of the committed header at
   * `trustedHeight` (> height): leaf height − 1 of the tree of size trustedHeight − 1, the sibling
   * of each subtree on the way down as the tree splits. Checked against that header's history root
   * before it is returned: kept roots and stored headers vouch for the proof only if it leads there.
   */
  async inclusion(height: number, trustedHeight: number): Promise<Uint8Array[]> {
    const [block, trusted] = await Promise.all([this.ledger.header(height), this.ledger.header(trustedHeight)]);
    if (block === undefined || trusted === undefined || height >= trustedHeight) {
      throw new Error(`no history proof of block ${height} in header ${trustedHeight}`);
    }
    const index = height - 1;
    const budget = { left: this.leafReadsMax };
    const proof: Uint8Array[] = [];
    for (const [begin, end] of inclusionProofRanges(index, trustedHeight - 1)) proof.push(await this.rangeRoot(begin, end, budget));
    const root = rootFromInclusion(block.hash, index, trustedHeight - 1, proof);
    if (root === undefined || !equalBytes(root, trusted.header.historyRoot)) {
      throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: the block hashes below ${trustedHeight} do not rebuild its history root`);
    }
    return proof;
  }

  async consistency(from: number, to: number): Promise<ConsistencyProofView> {
    const latest = this.latestSize();
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to) {
      throw new TianpingError('HISTORY_SIZE_INVALID', `sizes must be integers with 0 <= from <= to; got from=${from}, to=${to}`);
    }
    if (to > latest) {
      throw new TianpingError('HISTORY_SIZE_BEYOND_TIP', latest < 0 ? 'no block has committed yet'
        : `the latest header's tree has ${latest} leaves; to=${to} is beyond it`);
    }
    const budget = { left: this.leafReadsMax };
    const proof: string[] = [];
    for (const [begin, end] of consistencyProofRanges(from, to)) proof.push(toHex(await this.rangeRoot(begin, end, budget)));
    const [fromRoot, toRoot] = await Promise.all([this.rootAt(from), this.rootAt(to)]);
    return { from, fromRoot, to, toRoot, proof };
  }

  /** The root of tree size s, as header s+1 carries it (the chain's own statement of it). */
  private async rootAt(size: number): Promise<string> {
    const header = await this.ledger.header(size + 1);
    if (header === undefined) throw new TianpingError('HISTORY_SIZE_BEYOND_TIP', `no header at height ${size + 1}`);
    return toHex(header.header.historyRoot);
  }

  /** Root of the node over leaves [begin, end): its perfect subtrees, largest first, folded from the right. */
  private async rangeRoot(begin: number, end: number, budget: { left: number }): Promise<Uint8Array> {
    const border: Uint8Array[] = [];
    for (let at = begin; at < end;) {
      let size = 1;
      while (size * 2 <= end - at && at % (size * 2) === 0) size *= 2;
      border.push(await this.perfectRoot(at, size, budget));
      at += size;
    }
    let root = border.pop() as Uint8Array;
    while (border.length > 0) root = nodeHash(border.pop() as Uint8Array, root);
    return root;
  }

  /** Root of the aligned perfect subtree of `size` leaves (a power of two) starting at leaf `start`. */
  private async perfectRoot(start: number, size: number, budget: { left: number }): Promise<Uint8Array> {
    if (size < TILE_LEAVES) return rootFromLeafHashes(await this.leaves(start, start + size, budget));
    const key = `${start}/${size}`;
    const cached = this.nodes.get(key);
    if (cached !== undefined) return cached;
    const half = size / 2;
    const root = size === TILE_LEAVES ? rootFromLeafHashes(await this.leaves(start, start + size, budget))
      : nodeHash(await this.perfectRoot(start, half, budget), await this.perfectRoot(start + half, half, budget));
    this.nodes.set(key, root, HASH_BYTES);
    return root;
  }

  /** Block hashes of leaves [begin, end): heights begin+1..end. */
  private async leaves(begin: number, end: number, budget: { left: number }): Promise<Hash32[]> {
    budget.left -= end - begin;
    if (budget.left < 0) {
      throw new TianpingError('HISTORY_PROOF_BUSY', `the proof needs more than ${this.leafReadsMax} block hashes read in one request; `
        + 'the subtrees already computed are kept, so a retry goes further');
    }
    const heights = Array.from({ length: end - begin }, (_, i) => begin + i + 1);
    const headers = await Promise.all(heights.map((height) => this.ledger.header(height)));
    return headers.map((header, i) => {
      if (header === undefined) throw new Error(`history: no header at committed height ${heights[i]}`);
      return header.hash;
    });
  }
}
