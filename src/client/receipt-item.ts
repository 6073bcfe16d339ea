// The tx-item check of docs/receipt-format.md §6 (check 6): which item of which anchor the tx carries.
// Kept apart from the verifier so that receipt-verify.ts stays readable. Browser-safe: no node:* imports.
import type { TxBodyMsg } from '../codec/proto.js';
import { leafHash, rootFromLeafHashes, verifyInclusion } from '../merkle/index.js';
import { equalBytes, toHex } from '../types/index.js';
import type { Receipt } from './receipt.js';
import { fail } from './receipt-commit.js';

/** What the anchor says besides the digest, for the verified receipt's summary. */
export interface AnchoredItem {
  readonly category: string;
  readonly externalRef: string;
  readonly metadataDigest: Uint8Array;
  readonly batchKind?: 'indexed' | 'root-only';
}

/** `tx-item`: the tx carries the receipt's item with its algorithm and salted flag; fails otherwise. */
export function checkTxItem(r: Receipt, body: TxBodyMsg): { item: AnchoredItem; detail: string } {
  let item: AnchoredItem;
  let algorithm: number;
  let salted: boolean;
  let detail: string;
  if (body.action === 'anchorEvidence' && body.anchorEvidence) {
    const anchor = body.anchorEvidence;
    if (r.batch !== undefined) fail('the receipt gives a batch position, but the tx anchors a single evidence');
    if (!equalBytes(anchor.digest ?? new Uint8Array(), r.digest)) {
      fail(`the tx anchors digest ${toHex(anchor.digest ?? new Uint8Array())}, not the receipt's`);
    }
    algorithm = anchor.algorithm ?? 0;
    salted = anchor.salted ?? false;
    item = { category: anchor.category ?? '', externalRef: anchor.externalRef ?? '', metadataDigest: anchor.metadataDigest ?? new Uint8Array() };
    detail = 'AnchorEvidence of the digest';
  } else if (body.action === 'anchorBatch' && body.anchorBatch) {
    const batch = body.anchorBatch;
    const position = r.batch;
    if (position === undefined) fail('the tx anchors a batch, but the receipt gives no batch position');
    const { itemIndex, itemCount, path } = position;
    const leaf = leafHash(r.digest);
    let kind: 'indexed' | 'root-only';
    if (batch.kind === 'indexed' && batch.indexed) {
      kind = 'indexed';
      const digests = batch.indexed.digests ?? [];
      if (itemCount !== digests.length) fail(`the receipt counts ${itemCount} items, the indexed batch holds ${digests.length}`);
      const listed = digests[itemIndex];
      if (listed === undefined || !equalBytes(listed, r.digest)) fail(`item ${itemIndex} of the indexed batch is not the receipt's digest`);
      if (path.length > 0) {
        if (digests.some((d) => d.length !== 32)) fail('the indexed batch holds a digest that is not 32 bytes');
        const root = rootFromLeafHashes(digests.map((d) => leafHash(d)));
        if (!verifyInclusion(leaf, itemIndex, itemCount, path, root)) fail('the batch path does not lead to the root of the indexed batch');
      }
      detail = `item ${itemIndex} of an indexed batch of ${itemCount}`;
    } else if (batch.kind === 'rootOnly' && batch.rootOnly) {
      kind = 'root-only';
      const root = batch.rootOnly.root ?? new Uint8Array();
      const count = batch.rootOnly.itemCount ?? 0;
      if (itemCount !== count) fail(`the receipt counts ${itemCount} items, the root-only batch ${count}`);
      if (!verifyInclusion(leaf, itemIndex, itemCount, path, root)) {
        fail(`the batch path does not lead from the digest at ${itemIndex} of ${itemCount} to the batch root ${toHex(root)}`);
      }
      detail = `item ${itemIndex} of a root-only batch of ${itemCount}, root ${toHex(root)}`;
    } else {
      fail('the batch is neither indexed nor root-only');
    }
    algorithm = batch.algorithm ?? 0;
    salted = batch.salted ?? false;
    item = {
      category: batch.category ?? '', externalRef: batch.externalRef ?? '', metadataDigest: batch.metadataDigest ?? new Uint8Array(),
      batchKind: kind,
    };
  } else {
    fail(`the tx carries no evidence anchor (action: ${body.action ?? 'none'})`);
  }
  if (algorithm !== r.algorithm) fail(`the tx anchors with algorithm ${algorithm}, the receipt says ${r.algorithm}`);
  if (salted !== r.salted) fail(`the tx says salted = ${salted}, the receipt says ${r.salted}`);
  return { item, detail };
}
