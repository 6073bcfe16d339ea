// Item keys of indexed batches are state keys (the app hash covers them): the character-code
// builder must give exactly the keys of the plain definition, base64url of the digest's first 20
// bytes and fixed-width hex, for every algorithm, digest and position.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { batchItemKey, batchItemPrefix, parseBatchItemKey } from '../../src/state/batch.js';

function referencePrefix(algorithm: number, digest: Uint8Array): string {
  return `b${algorithm}${Buffer.from(digest.subarray(0, 20)).toString('base64url')}~`;
}

function referenceKey(algorithm: number, digest: Uint8Array, height: number, txIndex: number, itemIndex: number): string {
  return referencePrefix(algorithm, digest) + height.toString(16).padStart(12, '0') + txIndex.toString(16).padStart(4, '0')
    + itemIndex.toString(16).padStart(4, '0');
}

const digestOf = (i: number, length = 32): Uint8Array =>
  new Uint8Array(createHash('sha512').update(`item ${i}`).digest().subarray(0, length));

describe('indexed-batch item keys', () => {
  it('equal the plain definition for many digests, lengths, algorithms and positions', () => {
    const positions: [number, number, number][] = [[1, 0, 0], [0xff_ffff_ffff, 0xffff, 0xffff], [2 ** 32 + 5, 256, 4095],
      [123_456, 17, 999], [2 ** 48 - 1, 1, 65_535]];
    for (let i = 0; i < 500; i++) {
      const digest = digestOf(i, [32, 20, 48, 64][i % 4]);
      const algorithm = [1, 2, 10, 255][i % 4]!;
      const [height, txIndex, itemIndex] = positions[i % positions.length]!;
      const key = batchItemKey(algorithm, digest, height, txIndex, itemIndex);
      expect(key).toBe(referenceKey(algorithm, digest, height, txIndex, itemIndex));
      expect(batchItemPrefix(algorithm, digest)).toBe(referencePrefix(algorithm, digest));
      expect(parseBatchItemKey(key)).toEqual({ height, txIndex, itemIndex });
    }
  });
});
