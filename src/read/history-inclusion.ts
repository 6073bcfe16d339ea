// Inclusion proofs in the history tree (docs/receipt-format.md §4, §13): block b's hash is leaf
// b − 1 of the tree over the hashes of blocks 1..H − 1, whose root header H carries. The ledger keeps
// only the tree's right border (enough to append), so a proof is rebuilt from stored headers.
//
// Cost. The roots of aligned groups of GROUP_LEAVES block hashes never change once committed, so
// they are kept per ledger in memory (32 bytes per 256 heights). A proof is the roots of O(log H)
// subtrees: those of whole groups come from the kept roots, the rest are read, at most about
// 2 × GROUP_LEAVES headers per proof once the groups below H are known. The first proof after a
// start reads every header below H once; one request reads at most LEAF_READS_MAX headers that are
// not covered by a kept root, and past that it answers HISTORY_PROOF_BUSY, keeping the groups it
// finished, so a retry goes on where it stopped and no request holds the node long. A persistent
// history tree written with each block would make every proof O(log H) reads: a later optimisation.
// The consistency proofs of read/history.ts keep roots of the same subtrees in a cache of their own;
// one store for both is part of that later step.
import type { Ledger } from '../ledger/index.js';
import { LedgerError } from '../ledger/index.js';
import { nodeHash, rootFromInclusion, rootFromLeafHashes } from '../merkle/index.js';
import { splitPoint } from '../merkle/tree.js';
import { TianpingError, assert, equalBytes } from '../types/index.js';

const GROUP_LEAVES = 256;
/** Headers one request may read beyond the kept group roots: ~65k reads, well under a second on a local disk. */
export const LEAF_READS_MAX = 2 ** 16;

type HeaderLedger = Pick<Ledger, 'header'>;

/** Kept group roots per ledger: index g holds the root over the hashes of heights 256g + 1 .. 256(g + 1). */
const groupRoots = new WeakMap<object, Uint8Array[]>();

interface Budget {
  left: number;
}

/** Hashes of the blocks at leaf indexes begin..end − 1 (heights begin + 1 .. end). */
async function leaves(ledger: HeaderLedger, begin: number, end: number, budget: Budget): Promise<Uint8Array[]> {
  if (end - begin > budget.left) {
    throw new TianpingError('HISTORY_PROOF_BUSY', 'the node is still reading the block hashes below the trusted height; '
      + 'what it read is kept, retry');
  }
  budget.left -= end - begin;
  const hashes: Uint8Array[] = [];
  for (let index = begin; index < end; index++) {
    const stored = await ledger.header(index + 1);
    if (stored === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: header ${index + 1} below the tip is missing`);
    hashes.push(stored.hash);
  }
  return hashes;
}

async function groupRoot(ledger: HeaderLedger, group: number, budget: Budget): Promise<Uint8Array> {
  let kept = groupRoots.get(ledger);
  if (kept === undefined) groupRoots.set(ledger, (kept = []));
  const known = kept[group];
  if (known !== undefined) return known;
  const root = rootFromLeafHashes(await leaves(ledger, group * GROUP_LEAVES, (group + 1) * GROUP_LEAVES, budget));
  kept[group] = root;
  return root;
}

/**
 * Root of the subtree over leaves begin..end − 1 as the history tree splits it. Every subtree of an
 * RFC 6962 tree starts at a multiple of the power of two its size rounds up to, so a perfect
 * subtree of at least a group is made of whole groups.
 */
async function subtreeRoot(ledger: HeaderLedger, begin: number, end: number, budget: Budget): Promise<Uint8Array> {
  const size = end - begin;
  const perfect = Number.isInteger(Math.log2(size)) && begin % size === 0;
  if (perfect && size >= GROUP_LEAVES) {
    const roots: Uint8Array[] = [];
    for (let g = begin / GROUP_LEAVES; g < end / GROUP_LEAVES; g++) roots.push(await groupRoot(ledger, g, budget));
    return rootFromLeafHashes(roots);
  }
  if (size <= GROUP_LEAVES) return rootFromLeafHashes(await leaves(ledger, begin, end, budget));
  const middle = begin + splitPoint(size);
  return nodeHash(await subtreeRoot(ledger, begin, middle, budget), await subtreeRoot(ledger, middle, end, budget));
}

/**
 * The audit path, bottom-up, of block `height` in the history of the committed header at
 * `trustedHeight` (> height), checked against that header's history root before it is returned.
 */
export async function historyInclusionProof(ledger: HeaderLedger, height: number, trustedHeight: number,
  leafReadsMax = LEAF_READS_MAX): Promise<Uint8Array[]> {
  const [block, trusted] = await Promise.all([ledger.header(height), ledger.header(trustedHeight)]);
  if (block === undefined || trusted === undefined || height >= trustedHeight) {
    throw new Error(`no history proof of block ${height} in header ${trustedHeight}`);
  }
  // Reads no kept root covers (the leaf's own group, the last partial group) come to under two
  // groups: a budget above that lets every retry finish at least one more group.
  assert(leafReadsMax > 3 * GROUP_LEAVES, 'the read budget covers the uncached reads of a proof and one group more');
  const index = height - 1;
  const budget = { left: leafReadsMax };
  const topDown: Uint8Array[] = [];
  let begin = 0;
  let end = trustedHeight - 1;
  while (end - begin > 1) {
    const middle = begin + splitPoint(end - begin);
    if (index < middle) {
      topDown.push(await subtreeRoot(ledger, middle, end, budget));
      end = middle;
    } else {
      topDown.push(await subtreeRoot(ledger, begin, middle, budget));
      begin = middle;
    }
  }
  const proof = topDown.reverse();
  // Kept roots and stored headers both vouch for the proof only if it leads to the header's root.
  const root = rootFromInclusion(block.hash, index, trustedHeight - 1, proof);
  if (root === undefined || !equalBytes(root, trusted.header.historyRoot)) {
    throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: the block hashes below ${trustedHeight} do not rebuild its history root`);
  }
  return proof;
}
