import { describe, expect, it } from 'vitest';
import {
  MerkleBuilder,
  emptyRoot,
  inclusionProof,
  leafHash,
  nodeHash,
  rootFromInclusion,
  rootFromLeafHashes,
  verifyInclusion,
} from '../../src/merkle/index.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const unhex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const leavesOf = (size: number): Uint8Array[] => Array.from({ length: size }, (_, i) => leafHash(ascii(String(i))));

function flipBit(hash: Uint8Array, bit: number): Uint8Array {
  const copy = hash.slice();
  copy[bit >> 3] = (copy[bit >> 3] as number) ^ (1 << (bit & 7));
  return copy;
}

// Seeded PRNG (mulberry32) so failures reproduce; override with MERKLE_TEST_SEED.
const SEED = Number(process.env['MERKLE_TEST_SEED'] ?? 0x7154_a3c1) >>> 0;
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

// Which side each audit-path sibling sits on, bottom-up, per RFC 6962 §2.1.1.
function pathShape(index: number, size: number): string {
  if (size <= 1) return '';
  let k = 1;
  while (k * 2 < size) k *= 2;
  return index < k ? `${pathShape(index, k)}R` : `${pathShape(index - k, size - k)}L`;
}

// Certificate Transparency reference inclusion proofs (transparency-dev/merkle
// proof/verify_test.go), leaves as in tree.test.ts.
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const CT_PROOFS: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { index: 5, size: 8, proof: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  { index: 1, size: 5, proof: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];

describe('inclusion proofs: reference data', () => {
  const hashes = CT_LEAVES.map((leaf) => leafHash(unhex(leaf)));
  it.each(CT_PROOFS)('leaf $index of $size', ({ index, size, proof }) => {
    const tree = hashes.slice(0, size);
    expect(inclusionProof(tree, index).map(hex)).toEqual(proof);
    expect(new MerkleBuilder(tree).proof(index).map(hex)).toEqual(proof);
    expect(verifyInclusion(hashes[index] as Uint8Array, index, size, proof.map(unhex), rootFromLeafHashes(tree))).toBe(true);
  });

  it('a one-leaf tree has an empty proof and its root is the leaf hash', () => {
    const leaf = leafHash(ascii('only'));
    expect(inclusionProof([leaf], 0)).toEqual([]);
    expect(verifyInclusion(leaf, 0, 1, [], leaf)).toBe(true);
    expect(verifyInclusion(leaf, 0, 1, [], emptyRoot())).toBe(false);
  });
});

describe('inclusion proofs: every leaf of trees of size 1..64', () => {
  const leaves = leavesOf(65);
  const roots = Array.from({ length: 66 }, (_, size) => rootFromLeafHashes(leaves.slice(0, size)));

  it.each(Array.from({ length: 64 }, (_, i) => i + 1))('size %i', (size) => {
    const root = roots[size] as Uint8Array;
    for (let index = 0; index < size; index++) {
      const leaf = leaves[index] as Uint8Array;
      const proof = inclusionProof(leaves.slice(0, size), index);
      const verify = (p: readonly Uint8Array[], i = index, n = size, l = leaf, r = root): boolean => verifyInclusion(l, i, n, p, r);
      expect(verify(proof), `index ${index}`).toBe(true);
      expect(hex(rootFromInclusion(leaf, index, size, proof) as Uint8Array)).toBe(hex(root));

      proof.forEach((_, i) => {
        const altered = [...proof];
        altered[i] = flipBit(proof[i] as Uint8Array, (index * 7 + i) % 256);
        expect(verify(altered), `flip proof[${i}]`).toBe(false);
      });
      if (index > 0) expect(verify(proof, index - 1)).toBe(false);
      expect(verify(proof, index + 1)).toBe(false);
      expect(verify(proof, index, size, leaves[(index + 1) % 65] as Uint8Array)).toBe(false);
      expect(verify(proof, index, size, leaf, roots[size - 1] as Uint8Array)).toBe(false);
      expect(verify(proof, index, size, leaf, roots[size + 1] as Uint8Array)).toBe(false);
      expect(verify([...proof, root])).toBe(false);
      expect(verify([root, ...proof])).toBe(false);
      if (proof.length > 0) expect(verify(proof.slice(0, -1))).toBe(false);
      if (proof.length > 0) expect(verify(proof.slice(1))).toBe(false);
      if (proof.length > 1) expect(verify([proof[1] as Uint8Array, proof[0] as Uint8Array, ...proof.slice(2)])).toBe(false);

      // A different size is only caught when it changes the shape of the path:
      // the proof authenticates the leaf's position, not the tree size itself.
      for (const otherSize of [size - 1, size + 1, size * 2]) {
        if (otherSize <= index) continue;
        const sameShape = pathShape(index, otherSize) === pathShape(index, size);
        expect(verify(proof, index, otherSize), `size ${otherSize}`).toBe(sameShape);
      }
    }
  });
});

describe('inclusion proofs: untrusted input', () => {
  const leaves = leavesOf(10);
  const root = rootFromLeafHashes(leaves);
  const proof = inclusionProof(leaves, 3);
  const leaf = leaves[3] as Uint8Array;

  it('returns false instead of throwing on malformed arguments', () => {
    const junk: unknown[] = [undefined, null, 12345, 'abc', {}, [], new Uint8Array(31), new Uint8Array(33), new Uint16Array(16)];
    const call = (...args: unknown[]): boolean =>
      (verifyInclusion as (...a: unknown[]) => boolean)(...args);
    for (const value of junk) {
      expect(call(value, 3, 10, proof, root)).toBe(false);
      expect(call(leaf, 3, 10, proof, value)).toBe(false);
      expect(call(leaf, 3, 10, value, root)).toBe(false);
      expect(call(leaf, 3, 10, [...proof.slice(0, 2), value, ...proof.slice(3)], root)).toBe(false);
      expect(call(leaf, value, 10, proof, root)).toBe(false);
      expect(call(leaf, 3, value, proof, root)).toBe(false);
    }
    for (const [index, size] of [[-1, 10], [3, -10], [10, 10], [11, 10], [0, 0], [3.5, 10], [3, 10.5], [NaN, 10], [3, Infinity], [2 ** 53, 2 ** 53 + 2]]) {
      expect(call(leaf, index, size, proof, root), `${index}/${size}`).toBe(false);
      expect(rootFromInclusion(leaf, index as number, size as number, proof)).toBeUndefined();
    }
    expect(verifyInclusion(leaf, 3, 10, [], root)).toBe(false);
  });

  it('survives sparse and absurdly long proof arrays', () => {
    const sparse: Uint8Array[] = [...proof];
    delete sparse[1];
    expect(verifyInclusion(leaf, 3, 10, sparse, root)).toBe(false);
    const long = Array.from({ length: 1_000_000 }, () => root);
    expect(verifyInclusion(leaf, 3, 10, long, root)).toBe(false);
  });

  it('rootFromInclusion rejects proofs of the wrong length', () => {
    expect(rootFromInclusion(leaf, 3, 10, proof)).toEqual(root);
    expect(rootFromInclusion(leaf, 3, 10, proof.slice(1))).toBeUndefined();
    expect(rootFromInclusion(leaf, 3, 10, [...proof, root])).toBeUndefined();
  });

  it('handles tree sizes beyond 2^32 (perfect tree of 2^40 leaves)', () => {
    const random = prng(SEED);
    const path = Array.from({ length: 40 }, () => leafHash(Uint8Array.of(Math.floor(random() * 256))));
    const index = 2 ** 39 + 2 ** 33 + 5;
    // In a perfect tree, bit d of the index says on which side level d's sibling sits.
    let expected = leaf;
    path.forEach((sibling, depth) => {
      const bit = Math.floor(index / 2 ** depth) % 2;
      expected = bit === 1 ? nodeHash(sibling, expected) : nodeHash(expected, sibling);
    });
    expect(verifyInclusion(leaf, index, 2 ** 40, path, expected)).toBe(true);
    expect(verifyInclusion(leaf, index - 1, 2 ** 40, path, expected)).toBe(false);
    expect(rootFromInclusion(leaf, index, 2 ** 40, path.slice(1))).toBeUndefined();
    expect(rootFromInclusion(leaf, index, 2 ** 40 + 1, path)).toBeUndefined();
  });
});

describe(`inclusion proofs: randomised (seed ${SEED})`, () => {
  it('random trees, random leaves, random corruptions', () => {
    console.log(`merkle proof test seed: ${SEED} (set MERKLE_TEST_SEED to reproduce)`);
    const random = prng(SEED);
    const all = leavesOf(5000);
    for (let round = 0; round < 40; round++) {
      const size = 1 + Math.floor(random() * all.length);
      const leaves = all.slice(0, size);
      const builder = new MerkleBuilder(leaves);
      for (let probe = 0; probe < 10; probe++) {
        const index = Math.floor(random() * size);
        const proof = builder.proof(index);
        const leaf = leaves[index] as Uint8Array;
        const context = `seed ${SEED} size ${size} index ${index}`;
        expect(verifyInclusion(leaf, index, size, proof, builder.root), context).toBe(true);
        if (proof.length === 0) continue;
        const at = Math.floor(random() * proof.length);
        const corrupted = [...proof];
        corrupted[at] = flipBit(proof[at] as Uint8Array, Math.floor(random() * 256));
        expect(verifyInclusion(leaf, index, size, corrupted, builder.root), context).toBe(false);
        expect(verifyInclusion(flipBit(leaf, Math.floor(random() * 256)), index, size, proof, builder.root), context).toBe(false);
      }
    }
  });
});
