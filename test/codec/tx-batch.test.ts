// TxBatch, the payload of the "txs" gossip topic: its wire form (pinned by hand from
// proto/tianping.proto), and the envelope checks a receiver makes before admitting any tx in it.
import { describe, expect, it } from 'vitest';
import { decodeTxBatch, encodeTxBatch, txBatchEntryBytes, TX_BATCH_TXS_MAX } from '../../src/codec/tx-batch.js';
import { decodeCanonical, pb } from '../../src/codec/proto.js';
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

describe('TxBatch read in one pass', () => {
  // The fast path must accept exactly what the canonical re-encoding check accepts, with the
  // same txs: every length class, empty txs, and the refusals fall through with their codes.
  it('gives the txs the encoder put in, as views into the bytes', () => {
    for (const lengths of [[0], [0, 0, 5], [1, 127, 128, 16_383, 16_384], [200_000, 3]]) {
      const txs = lengths.map((length, i) => txOf(length, (i * 37 + 1) & 0xff));
      const bytes = encodeTxBatch(txs);
      const decoded = decodeTxBatch(bytes);
      expect(decoded.map(toHex)).toEqual(txs.map(toHex));
      for (const tx of decoded) expect(tx.buffer).toBe(bytes.buffer);
    }
  });

  it('leaves non-canonical and broken bytes to the full check, with its codes', () => {
    expect(codeOf(() => decodeTxBatch(Uint8Array.of(0x0a, 0x80, 0x00)))).toBe('TX_NOT_CANONICAL'); // padded length of an empty tx
    expect(codeOf(() => decodeTxBatch(Uint8Array.of(0x0a, 0x81, 0x80, 0x00, 0xaa)))).toBe('TX_NOT_CANONICAL');
    expect(codeOf(() => decodeTxBatch(Uint8Array.of(0x0a, 0x01)))).toBe('TX_MALFORMED'); // tx cut short
    expect(codeOf(() => decodeTxBatch(Uint8Array.of(0x0a)))).toBe('TX_MALFORMED'); // no length
    expect(codeOf(() => decodeTxBatch(Uint8Array.of(0x08, 0x01)))).not.toBe('none'); // field 1 as a varint
    expect(codeOf(() => decodeTxBatch(Uint8Array.of(0x0a, 0x01, 0xaa, 0x12, 0x00)))).toBe('TX_NOT_CANONICAL'); // unknown field 2
  });

  it('agrees with the re-encoding check on mutated batches', () => {
    // A fixed-seed generator: the same 3,000 cases on every run.
    let seed = 0x2545f491;
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      return seed % n;
    };
    const reference = (bytes: Uint8Array): string => {
      try {
        const txs = decodeCanonical(pb.TxBatch, bytes, 'tx batch').txs;
        return txs.length === 0 ? 'TX_MALFORMED' : txs.map(toHex).join(',');
      } catch (error) {
        if (isTianpingError(error)) return error.code;
        throw error;
      }
    };
    const actual = (bytes: Uint8Array): string => {
      try {
        return decodeTxBatch(bytes).map(toHex).join(',');
      } catch (error) {
        if (isTianpingError(error)) return error.code;
        throw error;
      }
    };
    for (let i = 0; i < 3_000; i++) {
      const txs = Array.from({ length: 1 + next(4) }, () => txOf(next(3) === 0 ? next(300) : next(4), next(256)));
      const bytes = [...encodeTxBatch(txs)];
      for (let m = next(3); m > 0; m--) {
        const at = next(bytes.length + 1);
        const op = next(3);
        if (op === 0) bytes.splice(at, 0, next(256));
        else if (op === 1) bytes.splice(at, 1);
        else if (at < bytes.length) bytes[at] = next(256);
      }
      const mutated = Uint8Array.from(bytes);
      expect(actual(mutated), toHex(mutated)).toBe(reference(mutated));
    }
  });
});
