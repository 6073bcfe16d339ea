// Evidence and chain hashes. SHA-256 is the chain's own hash (blocks, txs, Merkle trees); evidence
// may also be anchored as SM3, the Chinese national standard hash (GB/T 32905-2016), which courts
// and platforms in China often already use.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import type { Hash32 } from '../types/index.js';
import { Sm3 } from './sm3.js';

export function sha256(data: Uint8Array): Hash32 {
  return nobleSha256(data) as Hash32;
}

export type EvidenceAlgorithm = 'sha256' | 'sm3';
export const EVIDENCE_ALGORITHMS: readonly EvidenceAlgorithm[] = ['sha256', 'sm3'];

/** Incremental hasher, so a file of any size is hashed in chunks and never held whole in memory. */
export interface StreamingHasher {
  update(chunk: Uint8Array): StreamingHasher;
  digest(): Hash32;
}

export function createHasher(algorithm: EvidenceAlgorithm): StreamingHasher {
  if (algorithm === 'sha256') {
    const inner = nobleSha256.create();
    const hasher: StreamingHasher = {
      update(chunk) {
        inner.update(chunk);
        return hasher;
      },
      digest: () => inner.digest() as Hash32,
    };
    return hasher;
  }
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
