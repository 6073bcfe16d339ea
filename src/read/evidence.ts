// The anchors of a digest and of a submitter, read from committed state and blocks. State keeps
// single anchors as whole records, indexed-batch items as positions only (the digest's key under
// the batch's block and tx): an item's record is rebuilt from its batch tx.
import { pb, txHash, type EvidenceRecordMsg } from '../codec/index.js';
import { LedgerError, type Ledger } from '../ledger/index.js';
import { ITEM_KEY_DIGEST_BYTES, batchItemPrefix, evidenceCountKey, evidenceKey, parseBatchItemKey, readCounter, submitterAnchorKey,
  submitterCountKey } from '../state/index.js';
import { equalBytes, fromUtf8 } from '../types/index.js';

/** Anchors of one digest, oldest first: single anchors and indexed-batch items merged in chain order. */
export async function evidenceRecords(ledger: Ledger, algorithm: number, digest: Uint8Array, offset: number, limit: number):
  Promise<{ total: number; records: EvidenceRecordMsg[] }> {
  const singles = await readCounter(ledger.state, evidenceCountKey(algorithm, digest));
  type Entry = { order: number[]; load: () => Promise<EvidenceRecordMsg | undefined> };
  const entries: Entry[] = [];
  for (let seq = 0; seq < singles; seq++) {
    const bytes = await ledger.state.get(evidenceKey(algorithm, digest, seq));
    if (bytes === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: anchor ${seq} of a digest missing`);
    const record = pb.EvidenceRecord.decode(bytes);
    entries.push({ order: [record.height, record.txIndex, 0], load: async () => record });
  }
  for await (const [key] of ledger.state.entries(batchItemPrefix(algorithm, digest))) {
    const at = parseBatchItemKey(key);
    entries.push({ order: [at.height, at.txIndex, at.itemIndex], load: () => batchItemRecord(ledger, algorithm, digest, at) });
  }
  entries.sort((a, b) => a.order[0]! - b.order[0]! || a.order[1]! - b.order[1]! || a.order[2]! - b.order[2]!);
  const records: EvidenceRecordMsg[] = [];
  let total = entries.length;
  for (const entry of entries.slice(offset, offset + limit)) {
    const record = await entry.load();
    if (record === undefined) total--;
    else records.push(record);
  }
  return { total, records };
}

/** Single anchors made by one submitter key, oldest first (indexed in state by the state machine). */
export async function submitterRecords(ledger: Ledger, submitter: Uint8Array, offset: number, limit: number):
  Promise<{ total: number; records: EvidenceRecordMsg[] }> {
  const total = await readCounter(ledger.state, submitterCountKey(submitter));
  const records: EvidenceRecordMsg[] = [];
  for (let seq = offset; seq < Math.min(total, offset + limit); seq++) {
    const pointer = await ledger.state.get(submitterAnchorKey(submitter, seq));
    const bytes = pointer === undefined ? undefined : await ledger.state.get(fromUtf8(pointer));
    if (bytes === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: anchor ${seq} of a submitter missing`);
    records.push(pb.EvidenceRecord.decode(bytes));
  }
  return { total, records };
}

/**
 * An indexed-batch item's record; undefined if the digest differs there. From the batch index
 * when the block has one (a few KB), else rebuilt from the batch tx in the block.
 */
async function batchItemRecord(ledger: Ledger, algorithm: number, digest: Uint8Array,
  at: { height: number; txIndex: number; itemIndex: number }): Promise<EvidenceRecordMsg | undefined> {
  const entry = await ledger.batchIndexEntry(at.height, at.txIndex);
  if (entry !== undefined && entry.tailFrom <= ITEM_KEY_DIGEST_BYTES) {
    return entry.matches(at.itemIndex, digest) ? entry.record(digest, at.itemIndex) : undefined;
  }
  return batchItemFromBlock(ledger, algorithm, digest, at);
}

/** Rebuilds an indexed-batch item's record from the batch tx in its block; undefined if the digest differs there. */
async function batchItemFromBlock(ledger: Ledger, algorithm: number, digest: Uint8Array,
  at: { height: number; txIndex: number; itemIndex: number }): Promise<EvidenceRecordMsg | undefined> {
  const stored = await ledger.block(at.height);
  const txBytes = stored?.txs[at.txIndex];
  if (stored === undefined || txBytes === undefined) {
    throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: batch tx at ${at.height}/${at.txIndex} missing`);
  }
  const signed = pb.SignedTx.decode(txBytes);
  const body = pb.TxBody.decode(signed.body);
  const batch = body.anchorBatch;
  const digests = batch?.indexed?.digests ?? [];
  const item = digests[at.itemIndex];
  // The key holds only a prefix of the digest: a different digest sharing it is not this one.
  if (batch === undefined || batch === null || item === undefined || !equalBytes(item, digest)) return undefined;
  return pb.EvidenceRecord.create({
    algorithm, digest, category: batch.category ?? '', submitter: body.signer, externalRef: batch.externalRef ?? '',
    metadataDigest: batch.metadataDigest ?? new Uint8Array(), salted: batch.salted ?? false, height: at.height,
    timeMs: stored.header.timeMs, txHash: txHash(txBytes), txIndex: at.txIndex, inBatch: true,
    batchItemIndex: at.itemIndex, batchItemCount: digests.length,
  });
}
