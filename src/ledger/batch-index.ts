// The batch lookup index: for each indexed AnchorBatch tx of a committed block, what a lookup of
// one of its items needs to answer without the block. State keeps an item as a position only (its
// digest's first bytes, height, tx and item index), so the answer used to be rebuilt from the
// batch tx, which meant reading and decoding the whole block: ~1 MiB for 30 batches of 1,000
// items, allocated afresh on every lookup past the block cache. Those allocations are what gave
// present digests a p99 several times that of absent ones (V8 ran a full GC every few dozen
// lookups). This entry is ~12 bytes an item plus ~150 a batch: the record every item of the batch
// shares, and the end of each item's digest, which the state key does not hold and which must
// still be compared (a digest sharing the key's prefix is another digest).
//
// Written in the block's own atomic batch; a block committed before the index existed has none,
// and its lookups read the block as before.
import { fieldSpans } from '../codec/fields.js';
import { pb, txHash, type EvidenceRecordMsg } from '../codec/index.js';
import { equalBytes, heightKey } from '../types/index.js';
import type { BatchOp } from './storage.js';

export const BATCH_INDEX_PREFIX = 'bx/';
/** Txs shorter than this are not indexed: a single anchor (~170 bytes) never is, a batch of ~30 items or more is. */
export const BATCH_INDEX_TX_BYTES_MIN = 1024;
/**
 * Each item's digest is kept from this byte on. The state's item key holds at least the bytes
 * before it (20 of them); the read path checks that (itemKeyCoversBytes) before relying on it.
 */
export const ITEM_TAIL_FROM = 20;
/** Entry layout: version (1) ‖ varint record length ‖ tail start ‖ tail length ‖ EvidenceRecord ‖ each item's digest tail. */
const FORMAT_VERSION = 1;

export const batchIndexKey = (height: number, txIndex: number): string =>
  `${BATCH_INDEX_PREFIX}${heightKey(height)}/${txIndex.toString(16).padStart(4, '0')}`;

/** One batch tx's entry, decoded. */
export interface BatchIndexEntry {
  readonly itemCount: number;
  /** The byte each kept digest end starts at: the state key must hold every byte before it. */
  readonly tailFrom: number;
  /** The record every item of the batch shares; digest and item index are the item's. */
  record(digest: Uint8Array, itemIndex: number): EvidenceRecordMsg;
  /** Whether the item at itemIndex has this digest (its end compared here, its start by the state key). */
  matches(itemIndex: number, digest: Uint8Array): boolean;
}

/** Offsets and lengths of the txs (field 2) of an encoded Block, without decoding them. */
function txSpans(block: Uint8Array): { start: number; end: number }[] {
  return fieldSpans(block).filter((span) => span.field === 2).map((span) => ({ start: span.valueStart, end: span.end }));
}

function encodeVarint(value: number, out: number[]): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

/** The entry of one tx, or undefined when it is not an indexed batch of same-length digests. */
function entryOf(tx: Uint8Array, height: number, timeMs: number, txIndex: number): Uint8Array | undefined {
  const body = pb.TxBody.decode(pb.SignedTx.decode(tx).body);
  const batch = body.anchorBatch;
  const digests = batch?.indexed?.digests ?? [];
  if (batch === null || batch === undefined || digests.length === 0) return undefined;
  const digestBytes = digests[0]!.length;
  if (digestBytes <= ITEM_TAIL_FROM || digests.some((d) => d.length !== digestBytes)) return undefined;
  const record = pb.EvidenceRecord.encode(pb.EvidenceRecord.create({
    algorithm: batch.algorithm ?? 0, category: batch.category ?? '', submitter: body.signer, externalRef: batch.externalRef ?? '',
    metadataDigest: batch.metadataDigest ?? new Uint8Array(), salted: batch.salted ?? false, height, timeMs, txHash: txHash(tx),
    txIndex, inBatch: true, batchItemCount: digests.length,
  })).finish();
  const head: number[] = [FORMAT_VERSION];
  encodeVarint(record.length, head);
  head.push(ITEM_TAIL_FROM, digestBytes - ITEM_TAIL_FROM);
  const tailBytes = digestBytes - ITEM_TAIL_FROM;
  const out = new Uint8Array(head.length + record.length + digests.length * tailBytes);
  out.set(head, 0);
  out.set(record, head.length);
  let at = head.length + record.length;
  for (const digest of digests) {
    out.set(digest.subarray(ITEM_TAIL_FROM), at);
    at += tailBytes;
  }
  return out;
}

/**
 * The index entries of a block's indexed-batch txs, as puts for the block's batch. The index only
 * saves reading blocks: bytes it cannot read (none a node commits) get no entry rather than
 * stopping the commit, and their lookups read the block.
 */
export function batchIndexOps(height: number, timeMs: number, blockBytes: Uint8Array): BatchOp[] {
  const ops: BatchOp[] = [];
  let spans: { start: number; end: number }[];
  try {
    spans = txSpans(blockBytes);
  } catch {
    return ops;
  }
  for (const [txIndex, span] of spans.entries()) {
    if (span.end - span.start < BATCH_INDEX_TX_BYTES_MIN) continue;
    let value: Uint8Array | undefined;
    try {
      value = entryOf(blockBytes.subarray(span.start, span.end), height, timeMs, txIndex);
    } catch {
      value = undefined;
    }
    if (value !== undefined) ops.push({ type: 'put', key: batchIndexKey(height, txIndex), value });
  }
  return ops;
}

/** Decodes an entry; undefined for a format this code does not know (the caller reads the block instead). */
export function decodeBatchIndexEntry(value: Uint8Array): BatchIndexEntry | undefined {
  if (value[0] !== FORMAT_VERSION) return undefined;
  let at = 1;
  let recordBytes = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = value[at++];
    if (byte === undefined || shift > 28) return undefined;
    recordBytes += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
  }
  const tailFrom = value[at++];
  const tailBytes = value[at++];
  if (tailFrom === undefined || tailBytes === undefined || tailBytes === 0) return undefined;
  const record = value.subarray(at, at + recordBytes);
  at += recordBytes;
  const tails = value.subarray(at);
  const itemCount = tails.length / tailBytes;
  if (!Number.isInteger(itemCount)) return undefined;
  return {
    itemCount, tailFrom,
    record(digest, itemIndex) {
      const out = pb.EvidenceRecord.decode(record);
      out.digest = digest;
      out.batchItemIndex = itemIndex;
      return out;
    },
    matches(itemIndex, digest) {
      if (itemIndex < 0 || itemIndex >= itemCount || digest.length !== tailFrom + tailBytes) return false;
      return equalBytes(tails.subarray(itemIndex * tailBytes, (itemIndex + 1) * tailBytes), digest.subarray(tailFrom));
    },
  };
}
