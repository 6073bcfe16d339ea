// TxBatch, the payload of the "txs" gossip topic: its wire form (pinned by hand from
// proto/tianping.proto), and the envelope checks a receiver makes before admitting any tx in it.
import { describe, expect, it } from 'vitest';
import { decodeTxBatch, encodeTxBatch, txBatchEntryBytes, TX_BATCH_TXS_MAX } from '../../src/codec/tx-batch.js';
import { isTianpingError, toHex, type ErrorCode } from '../../src/types/index.js';

function codeOf(fn: () => unknown): ErrorCode | 'none' {
  try {
    fn();
  } catch (error) {
    if (isTianpingError(error)) return error.code;
    throw error;
  }
  return 'none';
}

const txOf = (length: number, fill: number): Uint8Array => new Uint8Array(length).fill(fill);

describe('TxBatch encoding', () => {
  it('is field 1, length-delimited, once per tx, in order', () => {
    const batch = encodeTxBatch([txOf(2, 0xaa), txOf(3, 0xbb)]);
    expect(toHex(batch)).toBe('0a02aaaa' + '0a03bbbbbb');
    expect(decodeTxBatch(batch).map(toHex)).toEqual(['aaaa', 'bbbbbb']);
  });

  it('counts each entry as tag + varint length + tx bytes', () => {
    for (const length of [1, 127, 128, 16_383, 16_384, 200_000]) {
      expect(txBatchEntryBytes(length)).toBe(encodeTxBatch([txOf(length, 1)]).length);
    }
    const txs = [txOf(100, 1), txOf(300, 2), txOf(20_000, 3)];
    expect(txs.reduce((sum, tx) => sum + txBatchEntryBytes(tx.length), 0)).toBe(encodeTxBatch(txs).length);
  });

  it('accepts up to TX_BATCH_TXS_MAX txs and refuses more', () => {
    const full = Array.from({ length: TX_BATCH_TXS_MAX }, (_, i) => txOf(3, i & 0xff));
    expect(decodeTxBatch(encodeTxBatch(full))).toHaveLength(TX_BATCH_TXS_MAX);
    expect(codeOf(() => decodeTxBatch(encodeTxBatch([...full, txOf(3, 0)])))).toBe('TX_MALFORMED');
    expect(codeOf(() => decodeTxBatch(encodeTxBatch([txOf(1, 1), txOf(1, 2), txOf(1, 3)]), 2))).toBe('TX_MALFORMED');
  });
});

describe('TxBatch from a peer', () => {
  it('refuses an empty batch', () => {
    expect(codeOf(() => decodeTxBatch(new Uint8Array(0)))).toBe('TX_MALFORMED');
  });

  it('refuses bytes that do not decode', () => {
    expect(codeOf(() => decodeTxBatch(Uint8Array.of(0x0a, 0x05, 0x01)))).toBe('TX_MALFORMED'); // length beyond the end
    expect(codeOf(() => decodeTxBatch(Uint8Array.of(0xff, 0xff, 0xff)))).toBe('TX_MALFORMED');
  });

  it('refuses a non-canonical encoding: unknown field, non-minimal length varint', () => {
    const canonical = encodeTxBatch([txOf(2, 0xaa)]);
    expect(codeOf(() => decodeTxBatch(Uint8Array.of(...canonical, 0x10, 0x01)))).toBe('TX_NOT_CANONICAL');
    expect(codeOf(() => decodeTxBatch(Uint8Array.of(0x0a, 0x82, 0x00, 0xaa, 0xaa)))).toBe('TX_NOT_CANONICAL');
  });
});
