// Evidence and chain hashes. SHA-256 is the chain's own hash (blocks, txs, Merkle trees); evidence
// may also be anchored as SM3, the Chinese national standard hash (GB/T 32905-2016), which courts
// and platforms in China often already use.
//
// SHA-256 has two implementations: @noble/hashes (pure JS, runs in the browser and the SDK) and,
// in the node, OpenSSL through node:crypto (installed by the composition root with
// useSha256Backend; 3-10x faster on the hot paths: tx hashes, Merkle trees, the app hash). Both
// compute the same function, which test/crypto/hash-backend.test.ts checks on the NIST vectors.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import type { Hash32 } from '../types/index.js';
import { Sm3 } from './sm3.js';

/** Incremental hasher, so a file of any size is hashed in chunks and never held whole in memory. */
export interface StreamingHasher {
  update(chunk: Uint8Array): StreamingHasher;
  digest(): Hash32;
}

/** One SHA-256 implementation: a one-shot hash and an incremental one. */
export interface Sha256Backend {
  readonly name: string;
  hash(data: Uint8Array): Uint8Array;
  create(): StreamingHasher;
}

export const nobleSha256Backend: Sha256Backend = {
  name: 'noble',
  hash: (data) => nobleSha256(data),
  create() {
    const inner = nobleSha256.create();
    const hasher: StreamingHasher = {
      update(chunk) {
        inner.update(chunk);
        return hasher;
      },
      digest: () => inner.digest() as Hash32,
    };
    return hasher;
  },
};

let backend: Sha256Backend = nobleSha256Backend;

/**
 * Chooses the process's SHA-256 implementation. Called once at start-up by the node (never by
 * the pure cores, which only call sha256()); a backend must compute exactly SHA-256.
 */
export function useSha256Backend(next: Sha256Backend): void {
  backend = next;
}

export function sha256Backend(): Sha256Backend {
  return backend;
}

export function sha256(data: Uint8Array): Hash32 {
  return backend.hash(data) as Hash32;
}

export type EvidenceAlgorithm = 'sha256' | 'sm3';
export const EVIDENCE_ALGORITHMS: readonly EvidenceAlgorithm[] = ['sha256', 'sm3'];

export function createHasher(algorithm: EvidenceAlgorithm): StreamingHasher {
  if (algorithm === 'sha256') return backend.create();
  const inner = new Sm3();
  const hasher: StreamingHasher = {
    update(chunk) {
      inner.update(chunk);
      return hasher;
    },
    digest: () => inner.digest() as Hash32,
  };
  return hasher;
}

export function hashEvidence(algorithm: EvidenceAlgorithm, data: Uint8Array): Hash32 {
  return createHasher(algorithm).update(data).digest();
}
