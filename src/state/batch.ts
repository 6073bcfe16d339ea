// Anchor batches. An indexed batch carries its items' digests; each item gets one compact state
// entry so GET /v1/evidence/:digest finds it, while the full record is rebuilt from the batch tx
// in the block (the item's digest is checked there, so a shortened key prefix is safe). A
// root-only batch puts only the Merkle root and the item count on chain.
import { pb, type AnchorEvidenceMsg } from '../codec/proto.js';
import type { DecodedTx } from '../codec/tx.js';
import { TianpingError, toBase64, utf8, HASH_BYTES } from '../types/index.js';
import type { ChainParams } from './genesis.js';

export type AnchorBatchMsg = InstanceType<typeof pb.AnchorBatch>;

/** Bytes of the digest that name an item's state key: 20 bytes, 2^-160 chance of sharing a key. */
const ITEM_KEY_DIGEST_BYTES = 20;

export function batchOf(tx: DecodedTx): AnchorBatchMsg | undefined {
  return tx.body.action === 'anchorBatch' && tx.body.anchorBatch ? (tx.body.anchorBatch as AnchorBatchMsg) : undefined;
}

/** The common fields of a single anchor or a batch: what category and field checks read. */
export function anchorFieldsOf(tx: DecodedTx): Pick<AnchorEvidenceMsg, 'algorithm' | 'category' | 'externalRef' | 'metadataDigest'> | undefined {
  const single = tx.body.action === 'anchorEvidence' ? tx.body.anchorEvidence : undefined;
  if (single) return single as AnchorEvidenceMsg;
  return batchOf(tx);
}

function base64url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Prefix of every indexed-batch item entry of one digest. */
export function batchItemPrefix(algorithm: number, digest: Uint8Array): string {
  return `b${algorithm}${base64url(digest.subarray(0, ITEM_KEY_DIGEST_BYTES))}~`;
}

/** Key of one item: the prefix, then height, tx index and item index (fixed width, so key order is chain order). */
export function batchItemKey(algorithm: number, digest: Uint8Array, height: number, txIndex: number, itemIndex: number): string {
  const position = new Uint8Array(12);
  const view = new DataView(position.buffer);
  view.setUint32(0, Math.floor(height / 2 ** 32));
  view.setUint32(4, height >>> 0);
  view.setUint16(8, txIndex);
  view.setUint16(10, itemIndex);
  // Base64url of fixed-width big-endian bytes sorts like the numbers only in blocks of 3 bytes;
  // hex keeps it simple and exact.
  let hex = '';
  for (const byte of position.subarray(2)) hex += byte.toString(16).padStart(2, '0');
  return batchItemPrefix(algorithm, digest) + hex;
}

export function parseBatchItemKey(key: string): { height: number; txIndex: number; itemIndex: number } {
  const hex = key.slice(key.lastIndexOf('~') + 1);
  return { height: parseInt(hex.slice(0, 12), 16), txIndex: parseInt(hex.slice(12, 16), 16), itemIndex: parseInt(hex.slice(16, 20), 16) };
}

export function checkBatch(batch: AnchorBatchMsg, params: ChainParams): void {
  if (batch.algorithm !== 1 && batch.algorithm !== 2) {
    throw new TianpingError('ALGORITHM_UNSUPPORTED', `hash algorithm ${batch.algorithm} is not sha256 (1) or sm3 (2)`);
  }
  if (batch.metadataDigest.length !== 0 && batch.metadataDigest.length !== HASH_BYTES) {
    throw new TianpingError('EVIDENCE_FIELD_INVALID', `metadata digest must be empty or ${HASH_BYTES} bytes`);
  }
  if (utf8(batch.externalRef).length > params.externalRefBytesMax) {
    throw new TianpingError('EVIDENCE_FIELD_INVALID', `external reference exceeds ${params.externalRefBytesMax} bytes`);
  }
  if (batch.kind === 'indexed' && batch.indexed) {
    const digests = batch.indexed.digests ?? [];
    if (digests.length === 0 || digests.length > params.batchItemsMax) {
      throw new TianpingError('BATCH_INVALID', `an indexed batch holds 1..${params.batchItemsMax} items`);
    }
    if (digests.some((d) => d.length !== HASH_BYTES)) throw new TianpingError('BATCH_INVALID', `every item digest is ${HASH_BYTES} bytes`);
    return;
  }
  if (batch.kind === 'rootOnly' && batch.rootOnly) {
    const count = batch.rootOnly.itemCount ?? 0;
    if ((batch.rootOnly.root ?? new Uint8Array()).length !== HASH_BYTES) throw new TianpingError('BATCH_INVALID', 'the batch root is 32 bytes');
    if (!Number.isSafeInteger(count) || count < 1) throw new TianpingError('BATCH_INVALID', 'a root-only batch counts 1..2^53 items');
    return;
  }
  throw new TianpingError('BATCH_INVALID', 'a batch is indexed or root-only');
}
