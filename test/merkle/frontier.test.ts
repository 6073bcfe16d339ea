import { describe, expect, it } from 'vitest';
import { Frontier, emptyRoot, leafHash, nodeHash, rootFromLeafHashes } from '../../src/merkle/index.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const leavesOf = (size: number): Uint8Array[] =>
  Array.from({ length: size }, (_, i) => leafHash(new TextEncoder().encode(String(i))));

function encoding(sizeHigh: number, sizeLow: number, hashCount: number): Uint8Array {
  const bytes = new Uint8Array(8 + 32 * hashCount);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, sizeHigh);
  view.setUint32(4, sizeLow);
  return bytes;
}

describe('Frontier', () => {
  it('starts empty with the empty-tree root', () => {
    const frontier = Frontier.empty();
    expect(frontier.size).toBe(0);
    expect(hex(frontier.root())).toBe(hex(emptyRoot()));
    expect(hex(frontier.encode())).toBe('0000000000000000');
  });

  it('tracks the full-tree root for sizes 0..300 and round-trips its encoding', () => {
    const leaves = leavesOf(300);
    const frontier = Frontier.empty();
    for (let size = 0; size <= 300; size++) {
      if (size > 0) frontier.append(leaves[size - 1] as Uint8Array);
      const expected = hex(rootFromLeafHashes(leaves.slice(0, size)));
      expect(frontier.size).toBe(size);
      expect(hex(frontier.root()), `size ${size}`).toBe(expected);

      const encoded = frontier.encode();
      const popcount = size.toString(2).split('').filter((bit) => bit === '1').length;
      expect(encoded.length).toBe(8 + 32 * popcount);
      const decoded = Frontier.decode(encoded);
      expect(decoded.size).toBe(size);
      expect(hex(decoded.root())).toBe(expected);
      expect(hex(decoded.encode())).toBe(hex(encoded));
    }
  });

  it('keeps growing correctly after a decode', () => {
    const leaves = leavesOf(100);
    const original = Frontier.empty();
    leaves.slice(0, 37).forEach((leaf) => original.append(leaf));
    const resumed = Frontier.decode(original.encode());
    leaves.slice(37).forEach((leaf) => resumed.append(leaf));
    expect(hex(resumed.root())).toBe(hex(rootFromLeafHashes(leaves)));
  });

  it('encodes the size big-endian followed by the perfect subtree roots, largest first', () => {
    const leaves = leavesOf(5);
    const frontier = Frontier.empty();
    leaves.forEach((leaf) => frontier.append(leaf));
    const [a, b, c, d, e] = leaves as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    const left = nodeHash(nodeHash(a, b), nodeHash(c, d));
    expect(hex(frontier.encode())).toBe(`0000000000000005${hex(left)}${hex(e)}`);
  });

  it('decodes sizes beyond 2^32', () => {
    const size = 2 ** 40 + 3;
    const decoded = Frontier.decode(encoding(2 ** 8, 3, 3));
    expect(decoded.size).toBe(size);
    expect(hex(decoded.encode())).toBe(hex(encoding(2 ** 8, 3, 3)));
  });

  it('rejects encodings whose hash count does not match the size', () => {
    expect(() => Frontier.decode(new Uint8Array(7))).toThrow(/at least 8 bytes/);
    expect(() => Frontier.decode(encoding(0, 5, 1))).toThrow(/size 5 needs 2 hashes, encoding holds 1/);
    expect(() => Frontier.decode(encoding(0, 5, 3))).toThrow(/needs 2 hashes/);
    expect(() => Frontier.decode(encoding(0, 0, 1))).toThrow(/size 0 needs 0 hashes/);
    expect(() => Frontier.decode(new Uint8Array(8 + 31))).toThrow(/not a multiple of 32/);
    expect(() => Frontier.decode(encoding(0x0020_0000, 0, 1))).toThrow(/exceeds the supported maximum/);
    expect(() => Frontier.decode('00' as unknown as Uint8Array)).toThrow(/at least 8 bytes/);
  });

  it('decodes from a view into a larger buffer without reading outside it', () => {
    const frontier = Frontier.empty();
    leavesOf(3).forEach((leaf) => frontier.append(leaf));
    const encoded = frontier.encode();
    const padded = new Uint8Array(encoded.length + 16).fill(0xee);
    padded.set(encoded, 8);
    expect(hex(Frontier.decode(padded.subarray(8, 8 + encoded.length)).root())).toBe(hex(frontier.root()));
  });

  it('is not affected by later changes to appended or returned buffers', () => {
    const leaves = leavesOf(4);
    const frontier = Frontier.empty();
    leaves.forEach((leaf) => frontier.append(leaf));
    const root = hex(frontier.root());
    frontier.root().fill(0);
    leaves.forEach((leaf) => leaf.fill(0));
    expect(hex(frontier.root())).toBe(root);
  });

  it('clones independently', () => {
    const leaves = leavesOf(6);
    const frontier = Frontier.empty();
    leaves.slice(0, 3).forEach((leaf) => frontier.append(leaf));
    const copy = frontier.clone();
    copy.append(leaves[3] as Uint8Array);
    expect(frontier.size).toBe(3);
    expect(hex(frontier.root())).toBe(hex(rootFromLeafHashes(leaves.slice(0, 3))));
    expect(hex(copy.root())).toBe(hex(rootFromLeafHashes(leaves.slice(0, 4))));
  });

  it('refuses malformed leaf hashes', () => {
    const frontier = Frontier.empty();
    expect(() => frontier.append(new Uint8Array(31))).toThrow(/32-byte/);
    expect(frontier.size).toBe(0);
  });
});
