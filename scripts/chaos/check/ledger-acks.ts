// Every acked anchor, looked for in one node's stored block of the acked height by scanning that
// block's txs (tx hash = SHA-256 of its exact bytes, then the digest inside the decoded tx), not
// by asking the node's indexes. Then the indexes are checked to agree: the tx location (tx/<hash>)
// and the evidence index of the digest (ev/ records of single anchors, evb/ positions of
// indexed-batch items).
import { pb, type TxBodyMsg } from '../../../src/codec/index.js';
import { batchItemPrefix, evidenceCountKey, evidenceKey, parseBatchItemKey, txKey } from '../../../src/state/index.js';
import type { TestnetNode } from '../../testnet-files.js';
import type { Findings } from './findings.js';
import { hex, same, sha256, unhex } from './primitives.js';
import type { RawLedger } from './raw-ledger.js';
import type { Ack } from './run-files.js';

interface FoundTx {
  readonly index: number;
  readonly body: TxBodyMsg | undefined;
}

/** Where the ack's digest sits in the tx: a single anchor, an item of an indexed batch, or nowhere. */
function placeOf(body: TxBodyMsg | undefined, digest: Uint8Array): { algorithm: number; item?: number } | undefined {
  const single = body?.anchorEvidence;
  if (single && same(single.digest, digest)) return { algorithm: single.algorithm ?? 0 };
  const batch = body?.anchorBatch;
  const item = batch?.indexed?.digests?.findIndex((d) => same(d, digest)) ?? -1;
  if (batch && item >= 0) return { algorithm: batch.algorithm ?? 0, item };
  return undefined;
}

function txsOf(blockBytes: Uint8Array): Map<string, FoundTx> {
  const txs = new Map<string, FoundTx>();
  pb.Block.decode(blockBytes).txs.forEach((tx, index) => {
    let body: TxBodyMsg | undefined;
    try {
      body = pb.TxBody.decode(pb.SignedTx.decode(tx).body);
    } catch {
      body = undefined;
    }
    txs.set(hex(sha256(tx)), { index, body });
  });
  return txs;
}

export async function checkAcksInLedger(raw: RawLedger, node: TestnetNode, hashes: readonly string[], acks: readonly Ack[],
  findings: Findings): Promise<void> {
  const byHeight = new Map<number, Ack[]>();
  for (const ack of acks) byHeight.set(ack.height, [...(byHeight.get(ack.height) ?? []), ack]);
  for (const [height, atHeight] of byHeight) {
    const blockBytes = height <= hashes.length ? raw.block(height) : undefined;
    let txs: Map<string, FoundTx> | undefined;
    try {
      txs = blockBytes === undefined ? undefined : txsOf(blockBytes);
    } catch {
      txs = undefined;
    }
    for (const ack of atHeight) {
      const at = `${node.name}: acked anchor ${ack.digest} (tx ${ack.txHash}) at height ${height}`;
      findings.add('acksChecked');
      if (txs === undefined) {
        findings.fail(`${at}: the ledger ${height > hashes.length ? `ends at height ${hashes.length}` : 'block does not decode'}`);
        continue;
      }
      if (hashes[height - 1] !== ack.blockHash) findings.fail(`${at}: the ledger holds block ${hashes[height - 1]}, acked ${ack.blockHash}`);
      const found = txs.get(ack.txHash);
      const place = found === undefined ? undefined : placeOf(found.body, unhex(ack.digest)!);
      if (found === undefined || place === undefined) {
        findings.fail(`${at}: ${found === undefined ? 'no such tx in the block' : 'the tx does not anchor that digest'}`);
        continue;
      }
      await checkIndexes(raw, ack, found.index, place, at, findings);
    }
  }
}

async function checkIndexes(raw: RawLedger, ack: Ack, txIndex: number, place: { algorithm: number; item?: number }, at: string,
  findings: Findings): Promise<void> {
  const locationBytes = raw.state(txKey(ack.txHash));
  const location = locationBytes === undefined ? undefined : pb.TxLocation.decode(locationBytes);
  if (location === undefined || Number(location.height) !== ack.height || location.index !== txIndex || location.resultCode !== 0) {
    findings.fail(`${at}: the tx index says ${location === undefined ? 'nothing'
      : `height ${Number(location.height)} index ${location.index} result ${location.resultCode}`}, the block holds it applied at index ${txIndex}`);
  }
  const digest = unhex(ack.digest)!;
  if (place.item === undefined) {
    const countBytes = raw.state(evidenceCountKey(place.algorithm, digest));
    const count = countBytes === undefined || countBytes.length !== 4 ? 0 : new DataView(countBytes.buffer, countBytes.byteOffset, 4).getUint32(0);
    for (let seq = 0; seq < count; seq++) {
      const bytes = raw.state(evidenceKey(place.algorithm, digest, seq));
      const record = bytes === undefined ? undefined : pb.EvidenceRecord.decode(bytes);
      if (record !== undefined && hex(record.txHash) === ack.txHash && Number(record.height) === ack.height && record.txIndex === txIndex) return;
    }
    findings.fail(`${at}: the evidence index (${count} anchors of the digest) does not name this tx`);
    return;
  }
  for await (const [key] of raw.stateEntries(batchItemPrefix(place.algorithm, digest))) {
    const item = parseBatchItemKey(key);
    if (item.height === ack.height && item.txIndex === txIndex && item.itemIndex === place.item) return;
  }
  findings.fail(`${at}: the batch item index does not name item ${place.item} of this tx`);
}
