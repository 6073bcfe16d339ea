// The two SHA-256 implementations (noble in the browser and the SDK, OpenSSL in the node) must be
// the same function: a node and a court's browser compute the same tx hashes, trees and app hashes.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHasher, nobleSha256Backend, sha256, sha256Backend, useSha256Backend, type Sha256Backend,
} from '../../src/crypto/hash.js';
import { nodeSha256Backend } from '../../src/crypto/hash-node.js';
import { rootFromLeafHashes, leafHash } from '../../src/merkle/index.js';
import { toHex, utf8 } from '../../src/types/index.js';

// FIPS 180-2, Appendix B (SHA-256 examples B.1, B.2, B.3) and the empty message.
const FIPS_VECTORS: readonly [string, Uint8Array, string][] = [
  ['empty', new Uint8Array(), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['B.1 "abc"', utf8('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['B.2 448 bits', utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ['B.3 one million "a"', new Uint8Array(1_000_000).fill(0x61), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
];

const BACKENDS: readonly Sha256Backend[] = [nobleSha256Backend, nodeSha256Backend];

/** Deterministic bytes (xorshift), so a failure reproduces. */
function bytesOf(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

describe('SHA-256 backends', () => {
  const original = sha256Backend();
  afterEach(() => useSha256Backend(original));

  for (const backend of BACKENDS) {
    for (const [name, message, expected] of FIPS_VECTORS) {
      it(`${backend.name}: FIPS 180-2 ${name}, one-shot and in chunks`, () => {
        expect(toHex(backend.hash(message))).toBe(expected);
        const hasher = backend.create();
        for (let at = 0; at < message.length; at += 4_099) hasher.update(message.subarray(at, at + 4_099));
        expect(toHex(hasher.digest())).toBe(expected);
      });
    }
    // Wrong answers must be caught: a digest of other bytes does not match.
    it(`${backend.name}: a changed byte changes the digest`, () => {
      expect(toHex(backend.hash(utf8('abd')))).not.toBe(FIPS_VECTORS[1]?.[2]);
    });
  }

  it('agree on every length from 0 to 300 bytes and on block boundaries', () => {
    for (let length = 0; length <= 300; length++) {
      const data = bytesOf(length, length + 7);
      expect(toHex(nodeSha256Backend.hash(data))).toBe(toHex(nobleSha256Backend.hash(data)));
    }
  });

  it('return plain Uint8Array digests whose slice() copies (never a Buffer)', () => {
    for (const backend of BACKENDS) {
      const digest = backend.hash(utf8('abc'));
      expect(Object.getPrototypeOf(digest)).toBe(Uint8Array.prototype);
      const copy = digest.slice();
      copy[0] = (copy[0] ?? 0) ^ 0xff;
      expect(copy[0]).not.toBe(digest[0]);
      expect(Object.getPrototypeOf(backend.create().update(digest).digest())).toBe(Uint8Array.prototype);
    }
  });

  it('give the same Merkle root and evidence hashes whichever is installed', () => {
    const leaves = Array.from({ length: 1_001 }, (_, i) => leafHash(bytesOf(32, i + 1)));
    const roots = BACKENDS.map((backend) => {
      useSha256Backend(backend);
      return [toHex(rootFromLeafHashes(leaves)), toHex(sha256(utf8('tianping'))),
        toHex(createHasher('sha256').update(utf8('tian')).update(utf8('ping')).digest())];
    });
    expect(roots[1]).toEqual(roots[0]);
    expect(roots[0]?.[1]).toBe(roots[0]?.[2]);
  });
});
