import { describe, expect, it } from 'vitest';
import { buildAnchorTx, randomNonce } from '../../src/client/index.js';
import { anchorOf, decodeTx, txSignBytes, HashAlgorithm } from '../../src/codec/index.js';
import { NodeVerifier, keyPairFromSeed, verifyStrict, sha256 } from '../../src/crypto/index.js';
import { equalBytes, isTianpingError, toHex, utf8 } from '../../src/types/index.js';

const keyPair = keyPairFromSeed(new Uint8Array(32).fill(7));
const digest = sha256(utf8('the evidence'));
const nowMs = 1_700_000_000_000;

describe('buildAnchorTx', () => {
  it('builds a tx that decodes and verifies under both the node and the SDK rule', () => {
    const built = buildAnchorTx({ chainId: 'tianping-test', keyPair, digest, algorithm: 'sm3', category: 'copyright',
      externalRef: 'case-42', metadataDigest: toHex(sha256(utf8('meta'))), salted: true, nonce: 12345, nowMs });
    const tx = decodeTx(built.bytes, 8 * 1024);
    expect(equalBytes(tx.hash, built.hash)).toBe(true);
    expect(tx.body.chainId).toBe('tianping-test');
    expect(equalBytes(tx.body.signer, keyPair.publicKey)).toBe(true);
    expect(tx.body.nonce).toBe(12345);
    expect(tx.body.expiresAtMs).toBe(nowMs + 10 * 60 * 1000);
    const anchor = anchorOf(tx.body);
    expect(anchor?.algorithm).toBe(HashAlgorithm.HASH_ALGORITHM_SM3);
    expect(equalBytes(anchor!.digest, digest)).toBe(true);
    expect(anchor?.category).toBe('copyright');
    expect(anchor?.externalRef).toBe('case-42');
    expect(toHex(anchor!.metadataDigest)).toBe(toHex(sha256(utf8('meta'))));
    expect(anchor?.salted).toBe(true);
    const signBytes = txSignBytes('tianping-test', tx.bodyBytes);
    expect(new NodeVerifier().verify(tx.body.signer, signBytes, tx.signature)).toBe(true);
    expect(verifyStrict(tx.body.signer, signBytes, tx.signature)).toBe(true);
    // The signature is bound to the chain id.
    expect(verifyStrict(tx.body.signer, txSignBytes('other-chain', tx.bodyBytes), tx.signature)).toBe(false);
  });

  it('accepts a hex digest, leaves optional fields empty, honours expiresAtMs', () => {
    const built = buildAnchorTx({ chainId: 'c', keyPair, digest: toHex(digest).toUpperCase(), algorithm: 'sha256',
      category: 'notarial', expiresAtMs: 99, nonce: 0 });
    const tx = decodeTx(built.bytes, 8 * 1024);
    const anchor = anchorOf(tx.body)!;
    expect(anchor.algorithm).toBe(HashAlgorithm.HASH_ALGORITHM_SHA256);
    expect(equalBytes(anchor.digest, digest)).toBe(true);
    expect(anchor.externalRef).toBe('');
    expect(anchor.metadataDigest.length).toBe(0);
    expect(anchor.salted).toBe(false);
    expect(tx.body.expiresAtMs).toBe(99);
  });

  it('draws distinct random nonces below 2^48 when none is given', () => {
    const a = decodeTx(buildAnchorTx({ chainId: 'c', keyPair, digest, algorithm: 'sha256', category: 'x', nowMs }).bytes, 8192);
    const b = decodeTx(buildAnchorTx({ chainId: 'c', keyPair, digest, algorithm: 'sha256', category: 'x', nowMs }).bytes, 8192);
    expect(a.body.nonce).not.toBe(b.body.nonce);
    for (let i = 0; i < 100; i++) {
      const n = randomNonce();
      expect(Number.isSafeInteger(n) && n >= 0 && n < 2 ** 48).toBe(true);
    }
  });

  it('refuses bad digests, nonces and chain ids with typed errors', () => {
    const base = { chainId: 'c', keyPair, digest, algorithm: 'sha256' as const, category: 'x' };
    const codeOf = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        if (isTianpingError(error)) return error.code;
        throw error;
      }
      return 'none';
    };
    expect(codeOf(() => buildAnchorTx({ ...base, digest: new Uint8Array(31) }))).toBe('DIGEST_INVALID');
    expect(codeOf(() => buildAnchorTx({ ...base, digest: 'zz' }))).toBe('DIGEST_INVALID');
    expect(codeOf(() => buildAnchorTx({ ...base, metadataDigest: new Uint8Array(5) }))).toBe('DIGEST_INVALID');
    expect(codeOf(() => buildAnchorTx({ ...base, nonce: 2 ** 53 }))).toBe('TX_NONCE_INVALID');
    expect(codeOf(() => buildAnchorTx({ ...base, nonce: -1 }))).toBe('TX_NONCE_INVALID');
    expect(codeOf(() => buildAnchorTx({ ...base, chainId: '' }))).toBe('TX_WRONG_CHAIN');
    expect(codeOf(() => buildAnchorTx({ ...base, algorithm: 'md5' as 'sha256' }))).toBe('ALGORITHM_UNSUPPORTED');
  });
});
