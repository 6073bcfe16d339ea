// The rules docs/receipt-format.md §14 ("Spec completeness") adds, beyond the verdicts the vectors
// pin (receipt.test.ts runs every vector): what a vector cannot say by itself — that the cofactored
// signature of good-cofactored-signature is one the node's own verifier refuses, that uint64s read
// exactly in every place a receipt carries them, and that both receipt kinds refuse a repeated key.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnyReceiptBytes, type EventReceipt } from '../../src/client/event-receipt.js';
import { verifyEventReceipt } from '../../src/client/event-receipt-verify.js';
import { decodeExact } from '../../src/client/exact-proto.js';
import { duplicateJsonKey } from '../../src/client/json-duplicates.js';
import { ReceiptFormatError } from '../../src/client/receipt.js';
import { commitView, parseReceiptJson } from '../../src/client/receipt-json.js';
import { parseTrustAnchorJson } from '../../src/client/trust-file.js';
import { TrustAnchorError } from '../../src/client/receipt-verify.js';
import { pb } from '../../src/codec/proto.js';
import { voteSignBytes, VOTE_PRECOMMIT } from '../../src/codec/sign-bytes.js';
import { verifyStrict } from '../../src/crypto/ed25519.js';
import { NodeVerifier } from '../../src/crypto/verify-node.js';
import { fromHex, utf8 } from '../../src/types/index.js';

const DIR = new URL('../vectors/receipts/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, DIR), 'utf8');

function varint(n: bigint): number[] {
  const out: number[] = [];
  for (; n >= 0x80n; n >>= 7n) out.push(Number(n & 0x7fn) | 0x80);
  out.push(Number(n));
  return out;
}

describe('receipts: the rules of the spec completeness section', () => {
  it('good-cofactored-signature holds for the SDK (cofactored) and not for the node (cofactorless)', () => {
    const receipt = parseReceiptJson(read('good-cofactored-signature.json'));
    const commit = pb.Commit.decode(receipt.commit);
    const genesis = JSON.parse(read('genesis.json')) as { chainId: string; validators: { publicKey: string }[] };
    const keys = genesis.validators.map((v) => fromHex(v.publicKey)!).sort(Buffer.compare);
    const message = voteSignBytes(genesis.chainId, commit.height, commit.round, VOTE_PRECOMMIT, commit.blockHash);
    const verdicts = commit.signatures.map((s) => {
      const key = keys[s.validatorIndex ?? 0]!;
      return [verifyStrict(key, message, s.signature!), new NodeVerifier().verify(key, message, s.signature!)];
    });
    // Exactly one signature splits the two rules; every other one holds under both.
    expect(verdicts.filter(([sdk, node]) => sdk && !node)).toHaveLength(1);
    expect(verdicts.every(([sdk]) => sdk)).toBe(true);
  });

  it('reads uint64s exactly up to 2^64 - 1 and refuses non-minimal varints', () => {
    for (const value of [0n, 1n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 64n - 1n]) {
      const bytes = value === 0n ? new Uint8Array([0x10, 0x01]) : new Uint8Array([0x08, ...varint(value), 0x10, 0x01]);
      const commit = decodeExact(pb.Commit, bytes, 'commit');
      const expected = value > 2n ** 53n - 1n ? value : Number(value);
      expect(commit.height as number | bigint).toBe(expected);
      expect(commitView(bytes)?.height).toBe(value > 2n ** 53n - 1n ? value.toString() : Number(value));
    }
    expect(() => decodeExact(pb.Commit, new Uint8Array([0x08, 0x81, 0x00]), 'commit')).toThrow(/not canonically encoded/);
    expect(() => decodeExact(pb.Commit, new Uint8Array([0x08, 0x00]), 'commit')).toThrow(/not canonically encoded/);
    expect(() => decodeExact(pb.Commit, new Uint8Array([0x08, ...new Array<number>(10).fill(0xff), 0x01]), 'commit')).toThrow();
  });

  it('finds a repeated key after unescaping, at any depth, and only in one object', () => {
    expect(duplicateJsonKey('{"a": 1, "b": {"a": 2}}')).toBeUndefined();
    expect(duplicateJsonKey('{"a": 1, "\\u0061": 2}')).toBe('$.a');
    expect(duplicateJsonKey('{"x": [{"k": 1}, {"k": 2, "k": 3}]}')).toBe('$.x[].k');
    expect(duplicateJsonKey('{"s": "\\"k\\": 1", "k": 2}')).toBeUndefined();
  });

  it('refuses a repeated key in a receipt of either kind and in a trust anchor file', () => {
    const text = read('malformed-json-duplicate-key.json');
    expect(() => parseAnyReceiptBytes(utf8(text))).toThrow(ReceiptFormatError);
    const event = '{"format": "tianping-receipt", "kind": "event", "kind": "event", "version": 1}';
    expect(() => parseAnyReceiptBytes(utf8(event))).toThrow(/given twice/);
    const genesis = read('genesis-minimal.json').replace('"chainId"', '"chainId": "elsewhere",\n  "chainId"');
    expect(() => parseTrustAnchorJson(genesis)).toThrow(TrustAnchorError);
  });

  it('judges no event receipt from a trusted header hash: an error, as for any unusable anchor', () => {
    const trust = { chainId: 'tianping-receipts', trustedHeaderHash: '00'.repeat(32) } as unknown as Parameters<typeof verifyEventReceipt>[1];
    expect(() => verifyEventReceipt({} as EventReceipt, trust)).toThrow(TrustAnchorError);
  });
});
