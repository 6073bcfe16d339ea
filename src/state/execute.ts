// Deterministic block execution: the same state, context and txs give the same writes, results and
// app hash on every node. No clock, no randomness, no I/O: state is read through StateView.
import { pb } from '../codec/proto.js';
import { anchorOf, type DecodedTx } from '../codec/tx.js';
import { sha256 } from '../crypto/hash.js';
import { rootFromLeafHashes, rootOfEqualLeaves, leafHash, emptyRoot } from '../merkle/index.js';
import { concatBytes, isTianpingError, utf8, u32be, TianpingError, assert, toHex, type Hash32 } from '../types/index.js';
import { checkTxStateful, checkTxStateless, type CheckedAction } from './tx-rules.js';
import type { TxCheckContext } from './check-context.js';
import { overlayMemberReader } from './members.js';
import { encodeEquivocationRecord, equivocationKey, reportOf } from './equivocation.js';
import { BLOCK_EVENTS_MAX, KEY_APP_HASH, blockEventsKey, evidenceCountKey, evidenceKey, readCounter, submitterAnchorKey, submitterCountKey, txKey } from './keys.js';
import { applyGovernance } from './governance.js';
import { batchItemKey, batchOf } from './batch.js';

const EMPTY = new Uint8Array();
import { rotateValidatorSet } from './validators.js';
import { Overlay, type OrderedState, type StateView } from './view.js';
import { applyCasePlan, caseEventLocationWrite, checkEventRoom, encodeBlockEvents, runCaseClock, type BlockEvent } from './cases/index.js';
import { applyCrossChainPlan } from './crosschain/index.js';

const APP_DOMAIN = utf8('tianping/app/v1');
/** Every included tx succeeded: the leaf of result code 0. */
const RESULT_OK_LEAF = leafHash(u32be(0));
export const GENESIS_APP_HASH = new Uint8Array(32) as Hash32;

/** The app hash after the last executed block (the genesis one before block 1). */
export async function readAppHash(view: StateView): Promise<Uint8Array> {
  return (await view.get(KEY_APP_HASH)) ?? GENESIS_APP_HASH;
}

/** Where a committed tx sits (written by the block that included it); undefined when not committed. */
export async function readTxLocation(view: StateView, hash: Uint8Array | string): Promise<{ height: number; index: number } | undefined> {
  const bytes = await view.get(txKey(hash));
  if (bytes === undefined) return undefined;
  const location = pb.TxLocation.decode(bytes);
  return { height: location.height, index: location.index };
}

export interface BlockContext extends TxCheckContext {
  readonly height: number;
}

/**
 * 'propose': invalid txs are left out (the proposer reports them so the mempool drops them).
 * 'validate': any invalid tx makes the block invalid: an honest proposer never includes one.
 */
export type ExecuteMode = 'propose' | 'validate';

export interface ExecuteResult {
  readonly included: DecodedTx[];
  readonly rejected: { tx: DecodedTx; error: TianpingError }[];
  readonly writes: [string, Uint8Array][];
  readonly txRoot: Hash32;
  readonly resultsHash: Hash32;
  readonly appHash: Hash32;
  /** The set that signs this block, and the set of the next height (after changes taking effect). */
  readonly validatorsHash: Hash32;
  readonly nextValidatorsHash: Hash32;
  /**
   * This block's case events (encoded), in the order they happened: first those of its txs, then
   * those its clock made after the txs. The header commits to them (an RFC 6962 tree of leaves).
   */
  readonly events: readonly Uint8Array[];
  /** RFC 6962 root over leafHash(event) of `events`; empty (absent from the header) when there is none. */
  readonly eventsRoot: Uint8Array;
}

export async function executeBlock(view: OrderedState, ctx: BlockContext, txs: readonly DecodedTx[],
  mode: ExecuteMode): Promise<ExecuteResult> {
  const overlay = new Overlay(view);
  // Signer records and categories through the overlay's decoded values: read and decoded once per
  // block, and again only after the block itself changed them.
  const checkCtx = { ...ctx, members: overlayMemberReader(overlay) };
  const included: DecodedTx[] = [];
  const rejected: { tx: DecodedTx; error: TianpingError }[] = [];
  const events: BlockEvent[] = [];
  for (const tx of txs) {
    let action: CheckedAction;
    try {
      checkTxStateless(tx, ctx);
      action = await checkTxStateful(tx, overlay, checkCtx);
      if (action.kind === 'case' || action.kind === 'payout') checkEventRoom(events.length, action.plan, ctx.params);
    } catch (error) {
      if (!isTianpingError(error)) throw error;
      if (mode === 'validate') throw new TianpingError(error.code, `block tx ${included.length}: ${error.message}`);
      rejected.push({ tx, error });
      continue;
    }
    await applyTx(overlay, ctx, tx, included.length, action);
    if (action.kind === 'case' || action.kind === 'payout') events.push(...applyCasePlan(overlay, action.plan, ctx.height, tx));
    included.push(tx);
  }
  // The judgment contracts' clock: due instalments after the txs, before the set rotates.
  events.push(...await runCaseClock(overlay, ctx));
  const { validatorsHash, nextValidatorsHash } = await rotateValidatorSet(overlay, ctx.height);
  writeEvents(overlay, ctx.height, events);
  const prevAppHash = await readAppHash(view);
  // The app hash is itself a write: it sorts into the list once, after the digest of the others.
  const writes = overlay.sortedWrites();
  const appHash = sha256(concatBytes(APP_DOMAIN, prevAppHash, writesDigest(writes)));
  overlay.set(KEY_APP_HASH, appHash);
  insertSorted(writes, KEY_APP_HASH, appHash);
  return {
    included, rejected, writes, appHash, validatorsHash, nextValidatorsHash, events: events.map((event) => event.bytes),
    eventsRoot: events.length === 0 ? EMPTY : rootFromLeafHashes(events.map((event) => leafHash(event.bytes))),
    txRoot: rootFromLeafHashes(included.map((tx) => leafHash(tx.hash))) as Hash32,
    // Every included tx succeeded (result code 0); the tree still commits to their order and count.
    resultsHash: (included.length === 0 ? emptyRoot() : rootOfEqualLeaves(RESULT_OK_LEAF, included.length)) as Hash32,
  };
}

async function applyTx(overlay: Overlay, ctx: BlockContext, tx: DecodedTx, index: number, action: CheckedAction):
  Promise<void> {
  overlay.set(txKey(tx.id), pb.TxLocation.encode({ height: ctx.height, index, resultCode: 0 }).finish());
  // A case or payout plan is written by the caller, which collects its events.
  if (action.kind === 'case' || action.kind === 'payout') return;
  if (action.kind === 'governance') {
    await applyGovernance(overlay, ctx, tx, action.check);
    return;
  }
  if (action.kind === 'crosschain') {
    applyCrossChainPlan(overlay, action.plan);
    return;
  }
  if (action.kind === 'equivocation') {
    const report = reportOf(tx);
    assert(report !== undefined, 'checked equivocation tx has a report');
    overlay.set(equivocationKey(action.offence), encodeEquivocationRecord(action.offence, tx, report, ctx.height));
    return;
  }
  const batch = batchOf(tx);
  if (batch !== undefined) {
    // Root-only batches write nothing but the tx index: the chain keeps only the root, in the tx.
    const digests = batch.kind === 'indexed' ? batch.indexed?.digests ?? [] : [];
    digests.forEach((digest, item) => overlay.set(batchItemKey(batch.algorithm, digest, ctx.height, index, item), EMPTY));
    return;
  }
  const anchor = anchorOf(tx.body);
  assert(anchor !== undefined, 'checked tx has an anchor action');
  const digestHex = toHex(anchor.digest);
  const signerHex = toHex(tx.body.signer);
  const countKey = evidenceCountKey(anchor.algorithm, digestHex);
  const seq = await readCounter(overlay, countKey);
  const recordKey = evidenceKey(anchor.algorithm, digestHex, seq);
  overlay.set(recordKey, pb.EvidenceRecord.encode({
    algorithm: anchor.algorithm, digest: anchor.digest, category: anchor.category, submitter: tx.body.signer,
    externalRef: anchor.externalRef, metadataDigest: anchor.metadataDigest, salted: anchor.salted,
    height: ctx.height, timeMs: ctx.timeMs, txHash: tx.hash, txIndex: index,
  }).finish());
  overlay.set(countKey, u32be(seq + 1));
  // The submitter's own index: "every anchor of this platform", for members allowed to enumerate.
  const submitterSeq = await readCounter(overlay, submitterCountKey(signerHex));
  overlay.set(submitterAnchorKey(signerHex, submitterSeq), utf8(recordKey));
  overlay.set(submitterCountKey(signerHex), u32be(submitterSeq + 1));
}

/**
 * The block's events under one key (part of the app hash like every write), so that any node can
 * rebuild the block's events tree and prove one event (docs/receipt-format.md), and each case
 * event's place under case/ev/<case>/<seq>. One key, not one per event: the clock makes thousands
 * a block, and every key is a sort, a digest entry and a LevelDB write.
 */
function writeEvents(overlay: Overlay, height: number, events: readonly BlockEvent[]): void {
  assert(events.length <= BLOCK_EVENTS_MAX, () => `a block's ${events.length} events exceed ${BLOCK_EVENTS_MAX}`);
  if (events.length === 0) return;
  overlay.set(blockEventsKey(height), encodeBlockEvents(events.map((event) => event.bytes)));
  events.forEach((event, index) => {
    // The case's own index of its events: its feed and each event's receipt without a scan of blocks.
    const located = caseEventLocationWrite(event, height, index);
    if (located !== undefined) overlay.set(located[0], located[1]);
  });
}

/** Length-prefixed (key, value) pairs in key order, hashed: what the app hash commits to. */
function writesDigest(writes: readonly [string, Uint8Array][]): Uint8Array {
  // One buffer, hashed once: a block of indexed batches writes tens of thousands of keys, and one
  // hash call over it is several times faster than as many incremental updates (the bytes hashed
  // are the same). Sized for the worst case of 3 UTF-8 bytes per UTF-16 unit, then trimmed.
  let bytesMax = 0;
  for (const [key, value] of writes) bytesMax += 8 + 3 * key.length + value.length;
  const buffer = new Uint8Array(bytesMax);
  const view = new DataView(buffer.buffer);
  const encoder = new TextEncoder();
  let at = 0;
  for (const [key, value] of writes) {
    const { written } = encoder.encodeInto(key, buffer.subarray(at + 4));
    view.setUint32(at, written);
    at += 4 + written;
    view.setUint32(at, value.length);
    buffer.set(value, at + 4);
    at += 4 + value.length;
  }
  return sha256(buffer.subarray(0, at));
}

/** Puts (key, value) into key-ordered writes, replacing an entry of the same key. */
function insertSorted(writes: [string, Uint8Array][], key: string, value: Uint8Array): void {
  let low = 0;
  let high = writes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((writes[middle] as [string, Uint8Array])[0] < key) low = middle + 1;
    else high = middle;
  }
  if (low < writes.length && (writes[low] as [string, Uint8Array])[0] === key) writes[low] = [key, value];
  else writes.splice(low, 0, [key, value]);
}
