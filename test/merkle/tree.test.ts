import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MerkleBuilder, emptyRoot, inclusionProof, leafHash, nodeHash, rootFromLeafHashes, rootOfEqualLeaves } from '../../src/merkle/index.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const unhex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

// Independent transcription of RFC 6962 §2.1 over node:crypto, used as the oracle.
function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

function referenceRoot(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return sha256();
  if (leafHashes.length === 1) return leafHashes[0] as Uint8Array;
  let k = 1;
  while (k * 2 < leafHashes.length) k *= 2;
  return sha256(Uint8Array.of(1), referenceRoot(leafHashes.slice(0, k)), referenceRoot(leafHashes.slice(k)));
}

const leavesOf = (size: number): Uint8Array[] => Array.from({ length: size }, (_, i) => leafHash(ascii(String(i))));

// Certificate Transparency reference data (google/certificate-transparency
// merkle_tree_test.cc, also in transparency-dev/merkle): roots of the trees
// over the first 1..8 of these leaves.
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('RFC 6962 hashing', () => {
  it('roots the empty tree at SHA-256 of the empty string', () => {
    const expected = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(hex(emptyRoot())).toBe(expected);
    expect(hex(rootFromLeafHashes([]))).toBe(expected);
    expect(hex(new MerkleBuilder([]).root)).toBe(expected);
  });

  it('separates leaves from nodes with 0x00 / 0x01 prefixes', () => {
    const leaf = ascii('evidence');
    expect(leafHash(leaf)).toEqual(sha256(Uint8Array.of(0), leaf));
    const [a, b] = [leafHash(ascii('a')), leafHash(ascii('b'))];
    expect(nodeHash(a, b)).toEqual(sha256(Uint8Array.of(1), a, b));
    expect(nodeHash(a, b)).not.toEqual(nodeHash(b, a));
  });

  it('matches the Certificate Transparency reference roots for 1..8 leaves', () => {
    const hashes = CT_LEAVES.map((leaf) => leafHash(unhex(leaf)));
    CT_ROOTS.forEach((root, i) => {
      expect(hex(rootFromLeafHashes(hashes.slice(0, i + 1)))).toBe(root);
      expect(hex(new MerkleBuilder(hashes.slice(0, i + 1)).root)).toBe(root);
    });
  });

  it('agrees with the recursive RFC definition for sizes 0..300', () => {
    const leaves = leavesOf(300);
    for (let size = 0; size <= 300; size++) {
      const prefix = leaves.slice(0, size);
      const expected = hex(referenceRoot(prefix));
      expect(hex(rootFromLeafHashes(prefix)), `size ${size}`).toBe(expected);
      expect(hex(new MerkleBuilder(prefix).root), `size ${size}`).toBe(expected);
    }
  });

  it('never hands back the caller\'s own buffers', () => {
    const leaves = leavesOf(2);
    const root = rootFromLeafHashes(leaves.slice(0, 1));
    expect(root).toEqual(leaves[0]);
    expect(root).not.toBe(leaves[0]);
    expect(inclusionProof(leaves, 0)[0]).not.toBe(leaves[1]);
  });

  it('rejects malformed trusted input by throwing', () => {
    const good = leafHash(ascii('x'));
    expect(() => nodeHash(good, new Uint8Array(31))).toThrow(/32-byte/);
    expect(() => nodeHash(new Uint8Array(33), good)).toThrow(/32-byte/);
    expect(() => rootFromLeafHashes([good, new Uint8Array(5)])).toThrow(/leaf hash 1/);
    expect(() => rootFromLeafHashes([new Uint8Array(0)])).toThrow(/leaf hash 0/);
    expect(() => new MerkleBuilder([good, good, new Uint8Array(64)])).toThrow(/leaf hash 2/);
  });
});

describe('rootOfEqualLeaves', () => {
  it('equals the root of the list of equal leaves, for sizes 1..300 and a few large ones', () => {
    const leaf = leafHash(Uint8Array.from([0, 0, 0, 0]));
    for (const count of [...Array.from({ length: 300 }, (_, i) => i + 1), 1023, 1024, 1025, 4097, 20_000]) {
      expect(Buffer.from(rootOfEqualLeaves(leaf, count)).toString('hex'), `count ${count}`)
        .toBe(Buffer.from(rootFromLeafHashes(Array.from({ length: count }, () => leaf))).toString('hex'));
    }
  });

  it('differs from a list where one leaf differs, and refuses no leaves or a bad hash', () => {
    const leaf = leafHash(Uint8Array.from([0]));
    const list = Array.from({ length: 7 }, () => leaf);
    list[6] = leafHash(Uint8Array.from([1]));
    expect(Buffer.from(rootOfEqualLeaves(leaf, 7)).equals(Buffer.from(rootFromLeafHashes(list)))).toBe(false);
    expect(() => rootOfEqualLeaves(leaf, 0)).toThrow();
    expect(() => rootOfEqualLeaves(new Uint8Array(31), 3)).toThrow();
    const root = rootOfEqualLeaves(leaf, 1);
    root[0] = (root[0] ?? 0) ^ 1; // a copy: the caller's leaf is untouched
    expect(Buffer.from(leaf).equals(Buffer.from(leafHash(Uint8Array.from([0]))))).toBe(true);
  });
});

describe('MerkleBuilder', () => {
  it('serves the same audit paths as inclusionProof for sizes 1..64', () => {
    const leaves = leavesOf(64);
    for (let size = 1; size <= 64; size++) {
      const prefix = leaves.slice(0, size);
      const builder = new MerkleBuilder(prefix);
      expect(builder.size).toBe(size);
      for (let index = 0; index < size; index++) {
        expect(builder.proof(index).map(hex), `size ${size} index ${index}`).toEqual(inclusionProof(prefix, index).map(hex));
      }
    }
  });

  it('does not let callers corrupt its state through returned buffers', () => {
    const leaves = leavesOf(5);
    const builder = new MerkleBuilder(leaves);
    const root = hex(builder.root);
    const before = builder.proof(2).map(hex);
    builder.proof(2).forEach((hash) => hash.fill(0));
    (leaves[0] as Uint8Array).fill(0);
    expect(builder.proof(2).map(hex)).toEqual(before);
    expect(hex(builder.root)).toBe(root);
  });

  it('throws on an index outside the tree', () => {
    const builder = new MerkleBuilder(leavesOf(3));
    expect(() => builder.proof(3)).toThrow(/outside tree of size 3/);
    expect(() => builder.proof(-1)).toThrow(/outside/);
    expect(() => builder.proof(1.5)).toThrow(/outside/);
    expect(() => new MerkleBuilder([]).proof(0)).toThrow(/outside/);
  });

  it('handles a 2^17 + 3 leaf batch and agrees with rootFromLeafHashes', () => {
    const size = 2 ** 17 + 3;
    const leaves = leavesOf(size);
    const builder = new MerkleBuilder(leaves);
    expect(hex(builder.root)).toBe(hex(rootFromLeafHashes(leaves)));
    for (const index of [0, 1, 2 ** 16, 2 ** 17 - 1, 2 ** 17, size - 1]) {
      expect(builder.proof(index).map(hex)).toEqual(inclusionProof(leaves, index).map(hex));
    }
  });
});
