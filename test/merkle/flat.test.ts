// The flat forms of the batch tree (leaf hashes of items laid end to end, paths walked without
// allocating) must give exactly the roots and paths of the array forms.
import { describe, expect, it } from 'vitest';
import { MerkleBuilder, leafHash, leafHashesOfItems, rootFromLeafHashes } from '../../src/merkle/index.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** n items of 32 bytes, deterministic. */
function itemsOf(count: number): Uint8Array {
  const out = new Uint8Array(32 * count);
  for (let i = 0; i < out.length; i++) out[i] = (i * 131 + (i >> 5) * 17) & 0xff;
  return out;
}

describe('flat leaf hashes and allocation-free paths', () => {
  it('leafHashesOfItems equals leafHash item by item', () => {
    const items = itemsOf(37);
    const flat = leafHashesOfItems(items, 32);
    expect(flat.length).toBe(37 * 32);
    for (let i = 0; i < 37; i++) expect(hex(flat.subarray(32 * i, 32 * i + 32))).toBe(hex(leafHash(items.subarray(32 * i, 32 * i + 32))));
    // Items of another size hash as themselves, not as 32-byte slices.
    expect(hex(leafHashesOfItems(items.subarray(0, 48), 16).subarray(0, 32))).toBe(hex(leafHash(items.subarray(0, 16))));
  });

  it('a tree from flat leaf hashes has the root and every path of the tree from arrays', () => {
    for (const count of [1, 2, 3, 5, 8, 13, 64, 100]) {
      const flat = leafHashesOfItems(itemsOf(count), 32);
      const leaves = Array.from({ length: count }, (_, i) => flat.slice(32 * i, 32 * i + 32));
      const fromFlat = new MerkleBuilder(flat);
      const fromArray = new MerkleBuilder(leaves);
      expect(fromFlat.size).toBe(count);
      expect(hex(fromFlat.root)).toBe(hex(fromArray.root));
      expect(hex(fromFlat.root)).toBe(hex(rootFromLeafHashes(leaves)));
      for (let i = 0; i < count; i++) {
        const visited: string[] = [];
        const length = fromFlat.forEachProofHash(i, (bytes, offset) => visited.push(hex(bytes.subarray(offset, offset + 32))));
        expect(length).toBe(visited.length);
        expect(visited).toEqual(fromArray.proof(i).map(hex));
      }
    }
  });

  it('the tree keeps its own copy of the flat leaves', () => {
    const flat = leafHashesOfItems(itemsOf(4), 32);
    const tree = new MerkleBuilder(flat);
    const root = hex(tree.root);
    const path = tree.proof(0).map(hex);
    flat.fill(0);
    expect(hex(tree.root)).toBe(root);
    expect(tree.proof(0).map(hex)).toEqual(path);
  });

  it('refuses ragged input and indexes outside the tree', () => {
    expect(() => new MerkleBuilder(new Uint8Array(33))).toThrow(/multiple of 32/);
    expect(() => leafHashesOfItems(new Uint8Array(33), 32)).toThrow(/whole number/);
    expect(() => leafHashesOfItems(new Uint8Array(32), 0)).toThrow(/whole number/);
    const tree = new MerkleBuilder(leafHashesOfItems(itemsOf(3), 32));
    expect(() => tree.forEachProofHash(3, () => undefined)).toThrow(/outside/);
    expect(() => tree.forEachProofHash(-1, () => undefined)).toThrow(/outside/);
  });
});
