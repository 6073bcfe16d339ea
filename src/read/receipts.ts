// Builds receipts (docs/receipt-format.md) from the ledger: the item's place in its batch, the tx's
// place in its block, the header and its commit, and every validator-set change from the genesis
// set to the set that signed the block, so that a court can check it offline from the genesis.
import { pb, txHash, type EvidenceRecordMsg } from '../codec/index.js';
import { leafHash, MerkleBuilder, verifyInclusion } from '../merkle/index.js';
import { LedgerError, type Ledger } from '../ledger/index.js';
import { RECEIPT_VERSION_TRUSTED } from '../client/receipt.js';
import { historyTreeOf } from './history.js';
import { encodeValidatorSet, readValidatorHistory } from '../state/index.js';
import { storedBlockEvents } from './block-events.js';
import { LruCache, TianpingError, assert, equalBytes, toHex } from '../types/index.js';

export type ReceiptMsg = InstanceType<typeof pb.Receipt>;
export type EventReceiptMsg = InstanceType<typeof pb.EventReceipt>;

// Receipts of one batch's items share the batch's Merkle tree (1,000 items: 2,000 hashes) and
// those of one block its tx tree: both built once and kept. A tree depends only on the tx's (or
// block's) content, so keys by hash are valid across ledgers and never go stale.
const TREES_MAX = 256;
const TREE_BYTES_MAX = 32 * 1024 * 1024;
const batchTrees = new LruCache<string, MerkleBuilder>(TREES_MAX, TREE_BYTES_MAX);
const txTrees = new LruCache<string, MerkleBuilder>(TREES_MAX, TREE_BYTES_MAX);
const eventTrees = new LruCache<string, MerkleBuilder>(TREES_MAX, TREE_BYTES_MAX);
/** A tree of n leaves keeps about 2n hashes of 32 bytes. */
const treeBytes = (leaves: number): number => 64 * leaves;

function cachedTree(cache: LruCache<string, MerkleBuilder>, key: string, leaves: () => Uint8Array[]): MerkleBuilder {
  let tree = cache.get(key);
  if (tree === undefined) {
    const hashes = leaves();
    tree = new MerkleBuilder(hashes);
    cache.set(key, tree, treeBytes(hashes.length));
  }
  return tree;
}

/**
 * The receipt parts every item of a tx shares: the tx, its inclusion proof, header, and (unless
 * `withCommit` is false, for a receipt proved against a trusted header) commit and set changes.
 */
export async function txInclusion(ledger: Ledger, height: number, txIndex: number, withCommit = true): Promise<ReceiptMsg> {
  const stored = await ledger.block(height);
  const tx = stored?.txs[txIndex];
  if (stored === undefined || tx === undefined) throw new TianpingError('TX_NOT_FOUND');
  const tree = cachedTree(txTrees, toHex(stored.hash), () => stored.txs.map((t) => leafHash(txHash(t))));
  // The item fields (digest, batch path) are the caller's to fill, but the algorithm and salted
  // flag are the tx's own: the JSON form must name an algorithm, and a platform completing a
  // root-only item receipt then only adds what it alone knows. Non-anchor txs say SHA-256.
  const body = pb.TxBody.decode(pb.SignedTx.decode(tx).body);
  const anchor = body.anchorBatch ?? body.anchorEvidence;
  const receipt = pb.Receipt.create({
    version: 1, chainId: stored.header.chainId, algorithm: anchor?.algorithm || 1, salted: anchor?.salted ?? false,
    tx, txIndex, txCount: stored.txs.length, txProof: tree.proof(txIndex),
    header: stored.headerBytes,
    ...(withCommit ? { commit: stored.commitBytes, setChanges: await setChangesUpTo(ledger, height) } : {}),
  });
  return receipt;
}

/** Each change of the validator set that took effect at a height h' in 2..height: block h' - 1 announces it. */
function setChangesUpTo(ledger: Ledger, height: number): Promise<InstanceType<typeof pb.ValidatorSetChange>[]> {
  return setChangesBetween(ledger, 2, height);
}

/**
 * Each change of the validator set that took effect at a height h' in from..height (from at least
 * 2): what a light client trusting the set of height from - 1 walks (docs/crosschain.md §5).
 */
export async function setChangesBetween(ledger: Ledger, from: number, height: number): Promise<InstanceType<typeof pb.ValidatorSetChange>[]> {
  const lowest = Math.max(2, from);
  const history = [...(await readValidatorHistory(ledger.state)).entries()].filter(([since]) => since >= lowest && since <= height)
    .sort(([a], [b]) => a - b);
  const changes: InstanceType<typeof pb.ValidatorSetChange>[] = [];
  for (const [since, validators] of history) {
    const raw = await ledger.rawBlock(since - 1);
    assert(raw !== undefined, `block ${since - 1} before a set change exists`);
    changes.push(pb.ValidatorSetChange.create({ header: pb.Block.decode(raw.block).header, commit: raw.commit,
      nextValidators: pb.ValidatorSet.decode(encodeValidatorSet(validators)) }));
  }
  return changes;
}

/**
 * The receipt of one anchor record (single or indexed-batch item): version 1, or with
 * `trustedHeight` version 2, proved against the committed header at that height (§13).
 * TRUSTED_HEIGHT_UNKNOWN when none is committed there, TRUSTED_HEIGHT_NOT_ABOVE when it is not
 * above the anchor's block.
 */
export async function receiptOf(ledger: Ledger, record: EvidenceRecordMsg, trustedHeight?: number): Promise<ReceiptMsg> {
  const trusted = trustedHeight === undefined ? undefined : await trustedPart(ledger, record.height, trustedHeight);
  const receipt = await txInclusion(ledger, record.height, record.txIndex, trusted === undefined);
  if (trusted !== undefined) {
    receipt.version = RECEIPT_VERSION_TRUSTED;
    receipt.trusted = trusted;
  }
  assert(equalBytes(txHash(receipt.tx), record.txHash), 'the record points at its tx');
  receipt.algorithm = record.algorithm;
  receipt.digest = record.digest;
  receipt.salted = record.salted;
  if (record.inBatch) {
    const tree = cachedTree(batchTrees, toHex(record.txHash), () => {
      const body = pb.TxBody.decode(pb.SignedTx.decode(receipt.tx).body);
      return (body.anchorBatch?.indexed?.digests ?? []).map((d) => leafHash(d));
    });
    receipt.batch = pb.BatchPath.create({ itemIndex: record.batchItemIndex, itemCount: tree.size,
      path: tree.proof(record.batchItemIndex) });
  }
  return receipt;
}

async function trustedPart(ledger: Ledger, height: number, trustedHeight: number): Promise<InstanceType<typeof pb.TrustedHistory>> {
  // Block `height` is committed, so a trusted height at or below it is committed too: refused before any read.
  if (trustedHeight <= height) {
    throw new TianpingError('TRUSTED_HEIGHT_NOT_ABOVE', `the anchor is in block ${height}: it is proved against a later header only`);
  }
  const trusted = await ledger.block(trustedHeight);
  if (trusted === undefined) throw new TianpingError('TRUSTED_HEIGHT_UNKNOWN', `no block of height ${trustedHeight} is committed`);
  const hashes = await historyTreeOf(ledger).inclusion(height, trustedHeight);
  return pb.TrustedHistory.create({
    header: trusted.headerBytes, historyProof: { leafIndex: height - 1, treeSize: trustedHeight - 1, hashes },
  });
}

/**
 * The receipt of event `index` of the block at `height` (docs/receipt-format.md, "Event receipts"):
 * the event bytes, their audit path to the header's events root, the header, its commit and the
 * set changes. The events come from state (the block's bev/ key, written by executeBlock): the header's count
 * says how many there are. EVENT_NOT_FOUND for a height not committed or an index beyond the count.
 */
export async function eventReceipt(ledger: Ledger, height: number, index: number): Promise<EventReceiptMsg> {
  const stored = height >= 1 ? await ledger.block(height) : undefined;
  const count = stored?.header.eventCount ?? 0;
  if (stored === undefined || !Number.isSafeInteger(index) || index < 0 || index >= count) {
    throw new TianpingError('EVENT_NOT_FOUND', stored === undefined ? `no block at height ${height}`
      : `block ${height} holds ${count} case event(s); there is no event ${index}`);
  }
  // One read of the block's events (one state key) serves both the tree and the event.
  const events = await blockEvents(ledger, height, count);
  let tree = eventTrees.get(toHex(stored.hash));
  if (tree === undefined) {
    tree = new MerkleBuilder(events.map((event) => leafHash(event)));
    // The tree must be the one the header commits to: state and header were written by one block.
    if (!equalBytes(tree.root, stored.header.eventsRoot)) {
      throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: the events of block ${height} in state do not rebuild its events root`);
    }
    eventTrees.set(toHex(stored.hash), tree, treeBytes(count));
  }
  const event = events[index]!;
  const eventProof = tree.proof(index);
  // A tree kept from an earlier read does not vouch for this read of the one event.
  if (!verifyInclusion(leafHash(event), index, count, eventProof, stored.header.eventsRoot)) {
    throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: event ${index} of block ${height} in state is not under its events root`);
  }
  return pb.EventReceipt.create({
    kind: 'event', version: 1, chainId: stored.header.chainId, event, eventIndex: index, eventCount: count,
    eventProof, header: stored.headerBytes, commit: stored.commitBytes,
    setChanges: await setChangesUpTo(ledger, height),
  });
}

/** The events of the block at `height`, in order, from state: as many as its header counts. */
async function blockEvents(ledger: Ledger, height: number, count: number): Promise<Uint8Array[]> {
  const events = await storedBlockEvents(ledger, height);
  if (events.length !== count) {
    throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: the events of block ${height} in state are not the ${count} its header counts`);
  }
  return events;
}
