// Receipts of version 2 (docs/receipt-format.md §13): each field of the trusted part altered on its
// own is refused by the check that is named for it, in both encodings; the vectors in
// test/vectors/receipts/ pin the same verdicts for other verifiers (receipt.test.ts runs them).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReceiptFormatError, decodeReceipt, encodeReceipt, type Receipt, type ReceiptTrusted } from '../../src/client/receipt.js';
import { formatReceiptJson, parseReceiptJson } from '../../src/client/receipt-json.js';
import {
  RECEIPT_TRUSTED_CHECKS, TrustAnchorError, verifyReceipt, type HeaderHashTrust, type ReceiptCheckId, type ReceiptEvidence,
} from '../../src/client/receipt-verify.js';
import { pb } from '../../src/codec/proto.js';
import { utf8 } from '../../src/types/index.js';

const DIR = new URL('../vectors/receipts/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, DIR), 'utf8');
const manifest = JSON.parse(read('index.json')) as { vectors: { name: string; evidence: { fileText: string } }[] };

const good = parseReceiptJson(read('good-evidence-v2.json'));
const trust = JSON.parse(read('trusted-header-hash.json')) as HeaderHashTrust;
const evidence: ReceiptEvidence = { file: utf8(manifest.vectors.find((v) => v.name === 'good-evidence-v2')!.evidence.fileText) };

function verdict(receipt: Receipt, given: HeaderHashTrust = trust): ReceiptCheckId | 'valid' {
  const result = verifyReceipt(receipt, evidence, given);
  return result.valid ? 'valid' : result.failed;
}

const withTrusted = (change: (t: ReceiptTrusted) => ReceiptTrusted): Receipt => ({ ...good, trusted: change(good.trusted!) });
const withProof = (change: Partial<ReceiptTrusted['historyProof']>): Receipt =>
  withTrusted((t) => ({ ...t, historyProof: { ...t.historyProof, ...change } }));
const flip = (bytes: Uint8Array, at: number): Uint8Array => {
  const out = new Uint8Array(bytes);
  out[at] = out[at]! ^ 0x80;
  return out;
};

describe('version 2 receipt, every field of the trusted part altered', () => {
  it('the unaltered receipt is valid, and every check of version 2 ran', () => {
    const result = verifyReceipt(good, evidence, trust);
    expect(result.valid).toBe(true);
    expect(result.checks.map((c) => c.id)).toEqual([...RECEIPT_TRUSTED_CHECKS]);
    if (!result.valid) return;
    expect(result.receipt.trusted).toMatchObject({ height: 12, blockHash: trust.trustedHeaderHash });
    expect(result.receipt.trustHeight).toBe(12);
    expect(result.receipt.signers).toEqual([]);
  });

  it('trusted.header: any flipped byte, or another header, fails trusted-header', () => {
    const header = good.trusted!.header;
    for (let at = 0; at < header.length; at++) {
      expect(verdict(withTrusted((t) => ({ ...t, header: flip(header, at) }))), `byte ${at}`).toBe('trusted-header');
    }
    expect(verdict(withTrusted((t) => ({ ...t, header: good.header })))).toBe('trusted-header');
    expect(verdict(withTrusted((t) => ({ ...t, header: new Uint8Array() })))).toBe('format');
  });

  it('the trusted header hash the verifier holds: another hash fails trusted-header; a malformed one is no verdict', () => {
    const other = trust.trustedHeaderHash.toString().replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(verdict(good, { ...trust, trustedHeaderHash: other })).toBe('trusted-header');
    expect(() => verdict(good, { ...trust, trustedHeaderHash: 'abcd' })).toThrow(TrustAnchorError);
    expect(verdict(good, { ...trust, chainId: 'tianping-other' })).toBe('chain-id');
  });

  it('historyProof.leafIndex: any other index fails history-inclusion; one beyond the size fails format', () => {
    const { leafIndex, treeSize } = good.trusted!.historyProof;
    for (let i = 0; i < treeSize; i++) {
      if (i !== leafIndex) expect(verdict(withProof({ leafIndex: i })), `leaf ${i}`).toBe('history-inclusion');
    }
    expect(verdict(withProof({ leafIndex: treeSize }))).toBe('format');
  });

  it('historyProof.treeSize: any other size fails history-inclusion; 0 fails format', () => {
    const { leafIndex, treeSize } = good.trusted!.historyProof;
    for (const size of [leafIndex + 1, treeSize - 1, treeSize + 1, 2 * treeSize]) {
      expect(verdict(withProof({ treeSize: size })), `size ${size}`).toBe('history-inclusion');
    }
    expect(verdict(withProof({ treeSize: 0 }))).toBe('format');
  });

  it('historyProof.hashes: each flipped, dropped, added or reordered fails history-inclusion; a short hash fails format', () => {
    const hashes = good.trusted!.historyProof.hashes;
    expect(hashes.length).toBeGreaterThan(1);
    hashes.forEach((_, i) => {
      for (const at of [0, 31]) {
        const altered = hashes.map((h, j) => (j === i ? flip(h, at) : h));
        expect(verdict(withProof({ hashes: altered })), `hash ${i} byte ${at}`).toBe('history-inclusion');
      }
    });
    expect(verdict(withProof({ hashes: hashes.slice(0, -1) }))).toBe('history-inclusion');
    expect(verdict(withProof({ hashes: [...hashes, hashes[0]!] }))).toBe('history-inclusion');
    expect(verdict(withProof({ hashes: [...hashes].reverse() }))).toBe('history-inclusion');
    expect(verdict(withProof({ hashes: [hashes[0]!.subarray(1), ...hashes.slice(1)] }))).toBe('format');
  });

  it('a block header that is not the block in the trusted history fails history-inclusion, though the tx is in it', () => {
    const header = pb.Header.decode(good.header);
    header.appHash = flip(header.appHash, 0);
    expect(verdict({ ...good, header: pb.Header.encode(header).finish() })).toBe('history-inclusion');
  });

  it('version 2 carries the trusted part and nothing of version 1\'s proof', () => {
    const { trusted: _trusted, ...withoutTrusted } = good;
    expect(verdict(withoutTrusted)).toBe('format');
    expect(verdict({ ...good, commit: new Uint8Array([8, 1]) })).toBe('format');
    const v1 = parseReceiptJson(read('good-evidence.json'));
    expect(verdict({ ...good, setChanges: v1.setChanges })).toBe('format');
    expect(verdict({ ...good, version: 1 })).toBe('format');
  });
});

describe('version 2 encodings', () => {
  it('protobuf and JSON convert into each other without loss', () => {
    const bytes = encodeReceipt(good);
    expect(formatReceiptJson(decodeReceipt(bytes))).toBe(read('good-evidence-v2.json'));
  });

  it('a trusted part without its history proof is no receipt', () => {
    const message = pb.Receipt.decode(encodeReceipt(good));
    message.trusted!.historyProof = null;
    expect(() => decodeReceipt(pb.Receipt.encode(message).finish())).toThrow(ReceiptFormatError);
  });

  it('the JSON reader refuses version 1 fields in version 2 and the trusted part in version 1', () => {
    const doc = JSON.parse(read('good-evidence-v2.json')) as Record<string, unknown>;
    expect(() => parseReceiptJson(JSON.stringify({ ...doc, setChanges: [] }))).toThrow(/setChanges is not a field/);
    const { trusted: _t, ...missing } = doc;
    expect(() => parseReceiptJson(JSON.stringify(missing))).toThrow(/trusted is missing/);
    const v1 = JSON.parse(read('good-evidence.json')) as Record<string, unknown>;
    expect(() => parseReceiptJson(JSON.stringify({ ...v1, trusted: doc['trusted'] }))).toThrow(/trusted is not a field/);
  });
});
