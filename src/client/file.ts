// Hashing files from disk, in chunks, so a multi-gigabyte recording is never held in memory.
// Node only: kept out of client/index.ts so that a browser bundle of the SDK never pulls node:fs.
import { createReadStream } from 'node:fs';
import { createHasher, type EvidenceAlgorithm } from '../crypto/hash.js';
import type { Hash32 } from '../types/index.js';

/** Read size per chunk; large enough that syscalls do not dominate, small enough to stay in cache. */
const CHUNK_BYTES = 1024 * 1024;

export async function hashFile(path: string, algorithm: EvidenceAlgorithm, chunkBytes = CHUNK_BYTES): Promise<Hash32> {
  const hasher = createHasher(algorithm);
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  for await (const chunk of stream) hasher.update(chunk as Buffer);
  return hasher.digest();
}
