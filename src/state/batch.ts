// Anchor batches. An indexed batch carries its items' digests; each item gets one compact state
// entry so GET /v1/evidence/:digest finds it, while the full record is rebuilt from the batch tx
// in the block (the item's digest is checked there, so a shortened key prefix is safe). A
// root-only batch puts only the Merkle root and the item count on chain.
import { pb, type AnchorEvidenceMsg } from '../codec/proto.js';
import type { DecodedTx } from '../codec/tx.js';
import { TianpingError, utf8, HASH_BYTES } from '../types/index.js';
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

// Item keys are built once per indexed item, tens of thousands per block: from lookup tables,
// not through generic base64 and number formatting.
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HEX_OF_BYTE: readonly string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Base64url without padding (RFC 4648 §5). */
function base64url(bytes: Uint8Array): string {
  let out = '';
  let at = 0;
  for (; at + 3 <= bytes.length; at += 3) {
    const triple = ((bytes[at] as number) << 16) | ((bytes[at + 1] as number) << 8) | (bytes[at + 2] as number);
    out += BASE64URL_ALPHABET[triple >>> 18] as string + BASE64URL_ALPHABET[(triple >>> 12) & 63] +
      BASE64URL_ALPHABET[(triple >>> 6) & 63] + BASE64URL_ALPHABET[triple & 63];
  }
  const rest = bytes.length - at;
  if (rest > 0) {
    const triple = ((bytes[at] as number) << 16) | (rest === 2 ? (bytes[at + 1] as number) << 8 : 0);
    out += BASE64URL_ALPHABET[triple >>> 18] as string + BASE64URL_ALPHABET[(triple >>> 12) & 63];
    if (rest === 2) out += BASE64URL_ALPHABET[(triple >>> 6) & 63] as string;
  }
  return out;
}

/** Prefix of every indexed-batch item entry of one digest. */
export function batchItemPrefix(algorithm: number, digest: Uint8Array): string {
  return `b${algorithm}${base64url(digest.subarray(0, ITEM_KEY_DIGEST_BYTES))}~`;
}

/** Fixed-width lowercase hex of an unsigned integer below 2^(4 * digits), digits even. */
function fixedHex(value: number, digits: number): string {
  let out = '';
  for (let shift = digits / 2 - 1; shift >= 0; shift--) out += HEX_OF_BYTE[Math.floor(value / 2 ** (8 * shift)) % 256] as string;
  return out;
}

/**
 * Key of one item: the prefix, then height (6 bytes), tx index and item index (2 bytes each) in
 * fixed-width hex, so key order is chain order. (Base64url of fixed-width bytes sorts like the
 * numbers only in blocks of 3 bytes; hex keeps it simple and exact.)
 */
export function batchItemKey(algorithm: number, digest: Uint8Array, height: number, txIndex: number, itemIndex: number): string {
  return batchItemPrefix(algorithm, digest) + fixedHex(height, 12) + fixedHex(txIndex, 4) + fixedHex(itemIndex, 4);
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
