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
  const batch = decodeCanonical(pb.TxBatch, bytes, 'tx batch');
  if (batch.txs.length === 0) throw new TianpingError('TX_MALFORMED', 'tx batch is empty');
  if (batch.txs.length > txsMax) {
    throw new TianpingError('TX_MALFORMED', `tx batch holds ${batch.txs.length} txs; the limit is ${txsMax}`);
  }
  return batch.txs;
}
