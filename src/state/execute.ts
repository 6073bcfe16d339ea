// Deterministic block execution: the same state, context and txs give the same writes, results and
// app hash on every node. No clock, no randomness, no I/O: state is read through StateView.
import { pb } from '../codec/proto.js';
import { anchorOf, type DecodedTx } from '../codec/tx.js';
import { createHasher, sha256 } from '../crypto/hash.js';
import { rootFromLeafHashes, leafHash } from '../merkle/index.js';
import { concatBytes, isTianpingError, utf8, u32be, TianpingError, assert, type Hash32 } from '../types/index.js';
import { checkTxStateful, checkTxStateless, type CheckedAction, type TxCheckContext } from './tx-rules.js';
import { encodeEquivocationRecord, equivocationKey, reportOf } from './equivocation.js';
import { KEY_APP_HASH, evidenceCountKey, evidenceKey, submitterAnchorKey, submitterCountKey, txKey } from './keys.js';
import { applyGovernance } from './governance.js';
import { batchItemKey, batchOf } from './batch.js';

const EMPTY = new Uint8Array();
import { rotateValidatorSet } from './validators.js';
import { Overlay, type StateView } from './view.js';

const APP_DOMAIN = utf8('tianping/app/v1');
export const GENESIS_APP_HASH = new Uint8Array(32) as Hash32;

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
}

export async function executeBlock(view: StateView, ctx: BlockContext, txs: readonly DecodedTx[],
  mode: ExecuteMode): Promise<ExecuteResult> {
  const overlay = new Overlay(view);
  const included: DecodedTx[] = [];
  const rejected: { tx: DecodedTx; error: TianpingError }[] = [];
  for (const tx of txs) {
    let action: CheckedAction;
    try {
      checkTxStateless(tx, ctx);
      action = await checkTxStateful(tx, overlay, ctx);
    } catch (error) {
      if (!isTianpingError(error)) throw error;
      if (mode === 'validate') throw new TianpingError(error.code, `block tx ${included.length}: ${error.message}`);
      rejected.push({ tx, error });
      continue;
    }
    await applyTx(overlay, ctx, tx, included.length, action);
    included.push(tx);
  }
  const { validatorsHash, nextValidatorsHash } = await rotateValidatorSet(overlay, ctx.height);
  const prevAppHash = (await view.get(KEY_APP_HASH)) ?? GENESIS_APP_HASH;
  const appHash = sha256(concatBytes(APP_DOMAIN, prevAppHash, writesDigest(overlay.sortedWrites())));
  overlay.set(KEY_APP_HASH, appHash);
  return {
    included, rejected, writes: overlay.sortedWrites(), appHash, validatorsHash, nextValidatorsHash,
    txRoot: rootFromLeafHashes(included.map((tx) => leafHash(tx.hash))) as Hash32,
    // Every included tx succeeded (result code 0); the tree still commits to their order and count.
    resultsHash: rootFromLeafHashes(included.map(() => leafHash(u32be(0)))) as Hash32,
  };
}

async function applyTx(overlay: Overlay, ctx: BlockContext, tx: DecodedTx, index: number, action: CheckedAction):
  Promise<void> {
  overlay.set(txKey(tx.hash), pb.TxLocation.encode({ height: ctx.height, index, resultCode: 0 }).finish());
  if (action.kind === 'governance') {
    await applyGovernance(overlay, ctx, tx, action.check);
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
  const countKey = evidenceCountKey(anchor.algorithm, anchor.digest);
  const countBytes = await overlay.get(countKey);
  const seq = countBytes === undefined ? 0 : new DataView(countBytes.buffer, countBytes.byteOffset).getUint32(0);
  overlay.set(evidenceKey(anchor.algorithm, anchor.digest, seq), pb.EvidenceRecord.encode({
    algorithm: anchor.algorithm, digest: anchor.digest, category: anchor.category, submitter: tx.body.signer,
    externalRef: anchor.externalRef, metadataDigest: anchor.metadataDigest, salted: anchor.salted,
    height: ctx.height, timeMs: ctx.timeMs, txHash: tx.hash, txIndex: index,
  }).finish());
  overlay.set(countKey, u32be(seq + 1));
  // The submitter's own index: "every anchor of this platform", for members allowed to enumerate.
  const submitterCount = await overlay.get(submitterCountKey(tx.body.signer));
  const submitterSeq = submitterCount === undefined ? 0 : new DataView(submitterCount.buffer, submitterCount.byteOffset).getUint32(0);
  overlay.set(submitterAnchorKey(tx.body.signer, submitterSeq), utf8(evidenceKey(anchor.algorithm, anchor.digest, seq)));
  overlay.set(submitterCountKey(tx.body.signer), u32be(submitterSeq + 1));
}

/** Length-prefixed (key, value) pairs in key order, hashed: what the app hash commits to. */
function writesDigest(writes: readonly [string, Uint8Array][]): Uint8Array {
  // Hashed incrementally: a block of indexed batches writes hundreds of thousands of keys, far
  // beyond what one call may take as spread arguments (V8 throws past ~120,000), and the bytes
  // hashed are the same as concatenating them first.
  const hasher = createHasher('sha256');
  for (const [key, value] of writes) {
    const keyBytes = utf8(key);
    hasher.update(u32be(keyBytes.length)).update(keyBytes).update(u32be(value.length)).update(value);
  }
  return hasher.digest();
}
