// Anchor batches. An indexed batch carries its items' digests; each item gets one compact state
// entry so GET /v1/evidence/:digest finds it, while the full record is rebuilt from the batch tx
// in the block (the item's digest is checked there, so a shortened key prefix is safe). A
// root-only batch puts only the Merkle root and the item count on chain.
import { algorithmName } from '../codec/algorithms.js';
import { pb, type AnchorEvidenceMsg } from '../codec/proto.js';
import type { DecodedTx } from '../codec/tx.js';
import { TianpingError, utf8, HASH_BYTES } from '../types/index.js';
import type { ChainParams } from './genesis.js';

export type AnchorBatchMsg = InstanceType<typeof pb.AnchorBatch>;

/** Bytes of the digest that name an item's state key: 20 bytes, 2^-160 chance of sharing a key. */
export const ITEM_KEY_DIGEST_BYTES = 20;

export function batchOf(tx: DecodedTx): AnchorBatchMsg | undefined {
  return tx.body.action === 'anchorBatch' && tx.body.anchorBatch ? (tx.body.anchorBatch as AnchorBatchMsg) : undefined;
}

/** The common fields of a single anchor or a batch: what category and field checks read. */
export function anchorFieldsOf(tx: DecodedTx): Pick<AnchorEvidenceMsg, 'algorithm' | 'category' | 'externalRef' | 'metadataDigest'> | undefined {
  const single = tx.body.action === 'anchorEvidence' ? tx.body.anchorEvidence : undefined;
  if (single) return single as AnchorEvidenceMsg;
  return batchOf(tx);
}

// Item keys are built once per indexed item, tens of thousands per block: as character codes in
// one scratch array and turned into a string once, so each key is one flat string (appending
// pieces made a chain of cons strings per key, which V8 flattened again in the block's Map, its
// sort and the LevelDB write), not through generic base64 and number formatting.
const BASE64URL_CODES = Uint16Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', (c) => c.charCodeAt(0));
const HEX_CODES = Uint16Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const CODE_B = 0x62;
const CODE_TILDE = 0x7e;
/** 'b', the algorithm's digits, 27 base64url characters, '~' and 20 hex digits fit with room to spare. */
const keyScratch = new Uint16Array(128);

/** Base64url without padding (RFC 4648 §5) of bytes, written at `at`; returns the end. */
function writeBase64url(bytes: Uint8Array, out: Uint16Array, at: number): number {
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const triple = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[at++] = BASE64URL_CODES[triple >>> 18]!;
    out[at++] = BASE64URL_CODES[(triple >>> 12) & 63]!;
    out[at++] = BASE64URL_CODES[(triple >>> 6) & 63]!;
    out[at++] = BASE64URL_CODES[triple & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const triple = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[at++] = BASE64URL_CODES[triple >>> 18]!;
    out[at++] = BASE64URL_CODES[(triple >>> 12) & 63]!;
    if (rest === 2) out[at++] = BASE64URL_CODES[(triple >>> 6) & 63]!;
  }
  return at;
}

/** Fixed-width lowercase hex of an unsigned integer below 2^(4 * digits), written at `at`. */
function writeFixedHex(value: number, digits: number, out: Uint16Array, at: number): number {
  for (let shift = digits - 1; shift >= 0; shift--) out[at++] = HEX_CODES[Math.floor(value / 16 ** shift) % 16]!;
  return at;
}

/** 'b', the algorithm in decimal, base64url of the digest's first bytes, '~'; returns the end. */
function writePrefix(algorithm: number, digest: Uint8Array, out: Uint16Array): number {
  let at = 0;
  out[at++] = CODE_B;
  const digits = String(algorithm);
  for (let i = 0; i < digits.length; i++) out[at++] = digits.charCodeAt(i);
  at = writeBase64url(digest.subarray(0, ITEM_KEY_DIGEST_BYTES), out, at);
  out[at++] = CODE_TILDE;
  return at;
}

const stringOf = (codes: Uint16Array, end: number): string =>
  String.fromCharCode.apply(null, codes.subarray(0, end) as unknown as number[]);

/** Prefix of every indexed-batch item entry of one digest. */
export function batchItemPrefix(algorithm: number, digest: Uint8Array): string {
  return stringOf(keyScratch, writePrefix(algorithm, digest, keyScratch));
}

/**
 * Key of one item: the prefix, then height (6 bytes), tx index and item index (2 bytes each) in
 * fixed-width hex, so key order is chain order. (Base64url of fixed-width bytes sorts like the
 * numbers only in blocks of 3 bytes; hex keeps it simple and exact.)
 */
export function batchItemKey(algorithm: number, digest: Uint8Array, height: number, txIndex: number, itemIndex: number): string {
  let at = writePrefix(algorithm, digest, keyScratch);
  at = writeFixedHex(height, 12, keyScratch, at);
  at = writeFixedHex(txIndex, 4, keyScratch, at);
  at = writeFixedHex(itemIndex, 4, keyScratch, at);
  return stringOf(keyScratch, at);
}

export function parseBatchItemKey(key: string): { height: number; txIndex: number; itemIndex: number } {
  const hex = key.slice(key.lastIndexOf('~') + 1);
  return { height: parseInt(hex.slice(0, 12), 16), txIndex: parseInt(hex.slice(12, 16), 16), itemIndex: parseInt(hex.slice(16, 20), 16) };
}

export function checkBatch(batch: AnchorBatchMsg, params: ChainParams): void {
  if (algorithmName(batch.algorithm) === undefined) {
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
