// Transaction encoding and the structural decode of untrusted bytes. The TxBody hex is written by
// hand from proto/tianping.proto (protobuf field tags and varints), so it pins the wire format too.
import { describe, expect, it } from 'vitest';
import { pb, decodeCanonical, HashAlgorithm } from '../../src/codec/proto.js';
import { anchorOf, decodeTx, encodeSignedTx, encodeTxBody, txHash } from '../../src/codec/tx.js';
import { txSignBytes } from '../../src/codec/sign-bytes.js';
import { keyPairFromSeed, sign, verifyStrict } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { fromHex, isTianpingError, toHex, type ErrorCode } from '../../src/types/index.js';

const hex = (spaced: string): string => spaced.replace(/\s+/g, '');
const TX_BYTES_MAX = 8 * 1024;

function codeOf(fn: () => unknown): ErrorCode | 'none' {
  try {
    fn();
  } catch (error) {
    if (isTianpingError(error)) return error.code;
    throw error;
  }
  return 'none';
}

describe('TxBody encoding', () => {
  it('encodes fields in number order with minimal varints', () => {
    const body = encodeTxBody({
      chainId: 'tianping-test', signer: new Uint8Array(32).fill(0x22), nonce: 5, expiresAtMs: 1_700_000_000_000,
      anchorEvidence: { algorithm: HashAlgorithm.HASH_ALGORITHM_SHA256, digest: new Uint8Array(32).fill(0x33), category: 'copyright' },
    });
    const expected = hex(
      '0a 0d 74 69 61 6e 70 69 6e 67 2d 74 65 73 74' + // 1: chain_id "tianping-test"
      '12 20' + '22'.repeat(32) + // 2: signer
      '18 05' + // 3: nonce
      '20 80 d0 95 ff bc 31' + // 4: expires_at_ms 1700000000000
      '52 2f' + // 10: anchor_evidence (tag 10 << 3 | 2 = 0x52), 47 bytes
      '08 01' + // 1: algorithm SHA256
      '12 20' + '33'.repeat(32) + // 2: digest
      '1a 09 63 6f 70 79 72 69 67 68 74', // 3: category "copyright"
    );
    expect(toHex(body)).toBe(expected);
  });

  it('SignedTx is body then signature; the tx hash is SHA-256 of those exact bytes', () => {
    const signed = encodeSignedTx(Uint8Array.of(0xaa, 0xbb), new Uint8Array(64).fill(0x44));
    expect(toHex(signed)).toBe(hex('0a 02 aa bb' + '12 40' + '44'.repeat(64)));
    expect(toHex(txHash(signed))).toBe(toHex(sha256(signed)));
  });
});

describe('decodeCanonical', () => {
  const good = encodeSignedTx(Uint8Array.of(1, 2, 3), new Uint8Array(64).fill(9));
  const goodHex = toHex(good);
  const decode = (h: string): ErrorCode | 'none' => codeOf(() => decodeCanonical(pb.SignedTx, fromHex(h)!, 'signed tx'));

  it('accepts the canonical encoding', () => {
    expect(decode(goodHex)).toBe('none');
  });

  it('refuses fields out of number order', () => {
    // signature (field 2) first, then body (field 1): same message, other bytes.
    const reordered = goodHex.slice(10) + goodHex.slice(0, 10);
    expect(decode(reordered)).toBe('TX_NOT_CANONICAL');
  });

  it('refuses unknown fields', () => {
    expect(decode(goodHex + '1801')).toBe('TX_NOT_CANONICAL');
    expect(decode(goodHex + '2a00')).toBe('TX_NOT_CANONICAL');
  });

  it('refuses a repeated field and a non-minimal length varint', () => {
    expect(decode(goodHex + '0a0103')).toBe('TX_NOT_CANONICAL');
    expect(decode('0a8300010203' + goodHex.slice(10))).toBe('TX_NOT_CANONICAL');
  });

  it('refuses a default value written out explicitly', () => {
    // nonce = 0 is omitted by the canonical encoder; "18 00" spells it out.
    const body = hex('0a 01 41 18 00');
    expect(codeOf(() => decodeCanonical(pb.TxBody, fromHex(body)!, 'body'))).toBe('TX_NOT_CANONICAL');
  });

  it('refuses trailing garbage', () => {
    expect(decode(goodHex + '00')).toBe('TX_MALFORMED');
    expect(decode(goodHex + 'ff')).toBe('TX_MALFORMED');
  });

  it('refuses truncated bytes', () => {
    expect(decode(goodHex.slice(0, -2))).toBe('TX_MALFORMED');
    expect(decode(goodHex.slice(0, 6))).toBe('TX_MALFORMED');
  });

  it('reports the codes the caller names', () => {
    const code = codeOf(() => decodeCanonical(pb.SignedTx, Uint8Array.of(0xff), 'x', 'BODY_MALFORMED', 'REQUEST_INVALID'));
    expect(code).toBe('BODY_MALFORMED');
    const code2 = codeOf(() => decodeCanonical(pb.SignedTx, fromHex(goodHex + '1801')!, 'x', 'BODY_MALFORMED', 'REQUEST_INVALID'));
    expect(code2).toBe('REQUEST_INVALID');
  });
});

describe('decodeTx', () => {
  const pair = keyPairFromSeed(new Uint8Array(32).fill(1));
  const bodyBytes = encodeTxBody({
    chainId: 'tianping-test', signer: pair.publicKey, nonce: 1, expiresAtMs: 1_700_000_060_000,
    anchorEvidence: { algorithm: HashAlgorithm.HASH_ALGORITHM_SM3, digest: new Uint8Array(32).fill(0x55), category: 'notarial' },
  });
  const signature = sign(pair.seed, txSignBytes('tianping-test', bodyBytes));
  const signed = encodeSignedTx(bodyBytes, signature);

  it('returns the exact bytes, hash, body bytes and signature of a valid tx', () => {
    const tx = decodeTx(signed, TX_BYTES_MAX);
    expect(tx.bytes).toBe(signed);
    expect(toHex(tx.hash)).toBe(toHex(sha256(signed)));
    expect(toHex(tx.bodyBytes)).toBe(toHex(bodyBytes));
    expect(toHex(tx.body.signer)).toBe(toHex(pair.publicKey));
    expect(tx.body.expiresAtMs).toBe(1_700_000_060_000);
    expect(anchorOf(tx.body)?.category).toBe('notarial');
    expect(verifyStrict(tx.body.signer, txSignBytes('tianping-test', tx.bodyBytes), tx.signature)).toBe(true);
  });

  it('decodes uint64 fields as plain numbers, also when they are absent (default 0)', () => {
    // protobufjs would hand out Long objects if the `long` package were active; the rules compare numbers.
    const zero = encodeTxBody({ chainId: 'tianping-test', signer: pair.publicKey });
    const tx = decodeTx(encodeSignedTx(zero, signature), TX_BYTES_MAX);
    expect(tx.body.nonce).toBe(0);
    expect(tx.body.expiresAtMs).toBe(0);
    expect(decodeTx(signed, TX_BYTES_MAX).body.nonce).toBe(1);
  });

  it('refuses an empty tx', () => {
    expect(codeOf(() => decodeTx(new Uint8Array(0), TX_BYTES_MAX))).toBe('TX_MALFORMED');
  });

  it('refuses a tx over the size limit, and accepts one exactly at it', () => {
    expect(codeOf(() => decodeTx(signed, signed.length - 1))).toBe('TX_TOO_LARGE');
    expect(codeOf(() => decodeTx(signed, signed.length))).toBe('none');
  });

  it('refuses a signature that is not 64 bytes', () => {
    expect(codeOf(() => decodeTx(encodeSignedTx(bodyBytes, signature.subarray(0, 63)), TX_BYTES_MAX))).toBe('TX_MALFORMED');
    expect(codeOf(() => decodeTx(encodeSignedTx(bodyBytes, new Uint8Array(0)), TX_BYTES_MAX))).toBe('TX_MALFORMED');
  });

  it('refuses a signer that is not 32 bytes', () => {
    const shortSigner = encodeTxBody({ chainId: 'tianping-test', signer: new Uint8Array(31), nonce: 1, expiresAtMs: 1 });
    expect(codeOf(() => decodeTx(encodeSignedTx(shortSigner, signature), TX_BYTES_MAX))).toBe('TX_MALFORMED');
  });

  it('refuses a body that is not canonical, even inside a canonical envelope', () => {
    const reordered = fromHex(toHex(bodyBytes.subarray(15)) + toHex(bodyBytes.subarray(0, 15)))!;
    expect(codeOf(() => decodeTx(encodeSignedTx(reordered, signature), TX_BYTES_MAX))).toBe('TX_NOT_CANONICAL');
  });

  it('refuses a body that does not decode', () => {
    expect(codeOf(() => decodeTx(encodeSignedTx(Uint8Array.of(0x0a, 0x05, 0x41), signature), TX_BYTES_MAX))).toBe('TX_MALFORMED');
  });
});
