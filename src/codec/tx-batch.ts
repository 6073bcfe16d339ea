// TxBatch: the payload of the "txs" gossip topic, many signed txs in one message. Only the
// envelope is checked here; each tx inside is untrusted bytes that the receiver decodes and admits
// on its own (decodeTx, then the mempool's rules).
import { pb, decodeCanonical } from './proto.js';
import { TianpingError } from '../types/index.js';

/**
 * Txs one TxBatch may carry. It bounds the admission work one gossip message can ask for; senders
 * flush before reaching it, and a receiver refuses a larger batch.
 */
export const TX_BATCH_TXS_MAX = 1_024;

/** Bytes a tx adds to a TxBatch besides its own: the field tag and a varint length (up to 2^35). */
export function txBatchEntryBytes(txBytes: number): number {
  let lengthBytes = 1;
  for (let rest = txBytes >>> 7; rest > 0; rest >>>= 7) lengthBytes++;
  return 1 + lengthBytes + txBytes;
}

export function encodeTxBatch(txs: readonly Uint8Array[]): Uint8Array {
  return pb.TxBatch.encode({ txs: [...txs] }).finish();
}

/**
 * Decodes a batch from a peer: canonical (no unknown fields, no non-minimal varints), 1 to txsMax
 * txs. Throws TianpingError (TX_MALFORMED, TX_NOT_CANONICAL). The txs are views into `bytes`.
 */
export function decodeTxBatch(bytes: Uint8Array, txsMax: number = TX_BATCH_TXS_MAX): Uint8Array[] {
  // Canonical bytes (every batch a node sends) are read in one pass; anything else goes through
  // decodeCanonical, which names what is wrong with the same codes as before.
  const batch = { txs: canonicalTxBatchTxs(bytes) ?? decodeCanonical(pb.TxBatch, bytes, 'tx batch').txs };
  if (batch.txs.length === 0) throw new TianpingError('TX_MALFORMED', 'tx batch is empty');
  if (batch.txs.length > txsMax) {
    throw new TianpingError('TX_MALFORMED', `tx batch holds ${batch.txs.length} txs; the limit is ${txsMax}`);
  }
  return batch.txs;
}

/** The tag of TxBatch field 1 (txs), length-delimited: (1 << 3) | 2. */
const TXS_TAG = 0x0a;

/**
 * The txs of a TxBatch in exactly the form encodeTxBatch gives (each tx as tag 0x0a, its length as
 * a minimal varint, its bytes; nothing else), as views into bytes; undefined for any other bytes.
 * Such bytes decode to these txs and re-encode to themselves, so they pass decodeCanonical; what
 * this saves is its re-encoding of the whole batch (a copy of every tx) and the comparison.
 */
export function canonicalTxBatchTxs(bytes: Uint8Array): Uint8Array[] | undefined {
  const txs: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (bytes[at++] !== TXS_TAG) return undefined;
    let length = 0;
    let shift = 0;
    let byte: number;
    do {
      // Five varint bytes cover any length a batch can hold; a longer varint is not canonical.
      if (at >= bytes.length || shift > 28) return undefined;
      byte = bytes[at++]!;
      length += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    // A last byte of 0 after the first pads the varint: protobuf would write it shorter.
    if (byte === 0 && shift > 7) return undefined;
    if (length > bytes.length - at) return undefined;
    txs.push(bytes.subarray(at, at + length));
    at += length;
  }
  return txs;
}
