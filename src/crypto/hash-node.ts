// SHA-256 through OpenSSL (node:crypto), for the node's hot paths. Digests come back as plain
// Uint8Array views, never as Buffers: Buffer.slice shares memory where Uint8Array.slice copies,
// and code written against Uint8Array relies on the copy.
import { createHash, hash as oneShotHash } from 'node:crypto';
import type { Hash32 } from '../types/index.js';
import { useSha256Backend, type Sha256Backend, type StreamingHasher } from './hash.js';

function asPlainBytes(buffer: Buffer): Hash32 {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) as Hash32;
}

export const nodeSha256Backend: Sha256Backend = {
  name: 'node:crypto',
  hash: (data) => asPlainBytes(oneShotHash('sha256', data, 'buffer')),
  create() {
    const inner = createHash('sha256');
    const hasher: StreamingHasher = {
      update(chunk) {
        inner.update(chunk);
        return hasher;
      },
      digest: () => asPlainBytes(inner.digest()),
    };
    return hasher;
  },
};

/** Makes every sha256() of this process run on OpenSSL. */
export function installNodeSha256(): void {
  useSha256Backend(nodeSha256Backend);
}
