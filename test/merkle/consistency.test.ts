import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consistencyProof, consistencyProofRanges, emptyRoot, leafHash, rootFromLeafHashes, verifyConsistency } from '../../src/merkle/index.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const unhex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
const leavesOf = (size: number): Uint8Array[] =>
  Array.from({ length: size }, (_, i) => leafHash(new TextEncoder().encode(String(i))));

function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

// Recursive transcription of RFC 9162 §2.1.4.1 (MTH and SUBPROOF) as the oracle.
function mth(d: readonly Uint8Array[]): Uint8Array {
  if (d.length === 0) return sha256();
  if (d.length === 1) return d[0] as Uint8Array;
  const k = split(d.length);
  return sha256(Uint8Array.of(1), mth(d.slice(0, k)), mth(d.slice(k)));
}

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function subproof(m: number, d: readonly Uint8Array[], complete: boolean): Uint8Array[] {
  if (m === d.length) return complete ? [] : [mth(d)];
  const k = split(d.length);
  return m <= k
    ? [...subproof(m, d.slice(0, k), complete), mth(d.slice(k))]
    : [...subproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
}

// transparency-dev/merkle proof/verify_test.go, over the CT reference leaves.
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const CT_CONSISTENCY: { oldSize: number; newSize: number; proof: string[] }[] = [
  { oldSize: 1, newSize: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { oldSize: 6, newSize: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { oldSize: 2, newSize: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
  { oldSize: 6, newSize: 7, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
];

describe('consistency proofs', () => {
  const ctHashes = CT_LEAVES.map((leaf) => leafHash(unhex(leaf)));

  it.each(CT_CONSISTENCY)('reference $oldSize -> $newSize', ({ oldSize, newSize, proof }) => {
    const tree = ctHashes.slice(0, newSize);
    expect(consistencyProof(tree, oldSize).map(hex)).toEqual(proof);
    const [oldRoot, newRoot] = [rootFromLeafHashes(tree.slice(0, oldSize)), rootFromLeafHashes(tree)];
    expect(verifyConsistency(oldSize, newSize, proof.map(unhex), oldRoot, newRoot)).toBe(true);
  });

  it('generates RFC 9162 proofs that verify, for every pair of sizes up to 64', () => {
    const leaves = leavesOf(65);
    const roots = Array.from({ length: 66 }, (_, size) => rootFromLeafHashes(leaves.slice(0, size)));
    for (let newSize = 1; newSize <= 64; newSize++) {
      const tree = leaves.slice(0, newSize);
      const newRoot = roots[newSize] as Uint8Array;
      for (let oldSize = 1; oldSize < newSize; oldSize++) {
        const oldRoot = roots[oldSize] as Uint8Array;
        const proof = consistencyProof(tree, oldSize);
        const context = `${oldSize} -> ${newSize}`;
        expect(proof.map(hex), context).toEqual(subproof(oldSize, tree, true).map(hex));
        const verify = (p: readonly Uint8Array[], m = oldSize, n = newSize, r1 = oldRoot, r2 = newRoot): boolean =>
          verifyConsistency(m, n, p, r1, r2);
        expect(verify(proof), context).toBe(true);

        proof.forEach((hash, i) => {
          const altered = [...proof];
          altered[i] = hash.map((byte, j) => (j === 0 ? byte ^ 0x10 : byte));
          expect(verify(altered), `${context} flip ${i}`).toBe(false);
        });
        expect(verify([]), context).toBe(false);
        expect(verify(proof.slice(0, -1)), context).toBe(false);
        expect(verify([...proof, oldRoot]), context).toBe(false);
        expect(verify([newRoot, ...proof]), context).toBe(false);
        expect(verify(proof, oldSize, newSize, newRoot, newRoot), context).toBe(false);
        expect(verify(proof, oldSize, newSize, oldRoot, oldRoot), context).toBe(false);
        expect(verify(proof, oldSize, newSize, newRoot, oldRoot), context).toBe(false);
        expect(verify(proof, oldSize, newSize, roots[oldSize + 1] as Uint8Array), context).toBe(false);
        expect(verify(proof, oldSize, newSize, oldRoot, roots[newSize + 1] as Uint8Array), context).toBe(false);
      }
    }
  });

  it('treats equal sizes and the empty old tree as trivially consistent', () => {
    const leaves = leavesOf(5);
    const root = rootFromLeafHashes(leaves);
    expect(consistencyProof(leaves, 5)).toEqual([]);
    expect(consistencyProof(leaves, 0)).toEqual([]);
    expect(verifyConsistency(5, 5, [], root, root)).toBe(true);
    expect(verifyConsistency(5, 5, [root], root, root)).toBe(false);
    expect(verifyConsistency(5, 5, [], root, emptyRoot())).toBe(false);
    expect(verifyConsistency(0, 5, [], emptyRoot(), root)).toBe(true);
    expect(verifyConsistency(0, 0, [], emptyRoot(), emptyRoot())).toBe(true);
    // The empty tree has exactly one root; anything else claiming size 0 is a lie.
    expect(verifyConsistency(0, 5, [], root, root)).toBe(false);
    expect(verifyConsistency(0, 5, [root], emptyRoot(), root)).toBe(false);
  });

  it('returns false instead of throwing on malformed arguments', () => {
    const leaves = leavesOf(7);
    const proof = consistencyProof(leaves, 3);
    const [oldRoot, newRoot] = [rootFromLeafHashes(leaves.slice(0, 3)), rootFromLeafHashes(leaves)];
    const call = (...args: unknown[]): boolean => (verifyConsistency as (...a: unknown[]) => boolean)(...args);
    expect(call(3, 7, proof, oldRoot, newRoot)).toBe(true);
    for (const junk of [undefined, null, -1, 1.5, NaN, 'x', {}, new Uint8Array(31), [new Uint8Array(32), 5]]) {
      expect(call(junk, 7, proof, oldRoot, newRoot)).toBe(false);
      expect(call(3, junk, proof, oldRoot, newRoot)).toBe(false);
      expect(call(3, 7, junk, oldRoot, newRoot)).toBe(false);
      expect(call(3, 7, proof, junk, newRoot)).toBe(false);
      expect(call(3, 7, proof, oldRoot, junk)).toBe(false);
    }
    expect(call(7, 3, proof, oldRoot, newRoot)).toBe(false);
    const sparse: Uint8Array[] = [...proof];
    delete sparse[0];
    expect(call(3, 7, sparse, oldRoot, newRoot)).toBe(false);
    expect(call(3, 2 ** 53, proof, oldRoot, newRoot)).toBe(false);
  });

  it('names the ranges whose roots make the proof: aligned nodes of the new tree, roots equal to the proof', () => {
    const leaves = leavesOf(64);
    for (let newSize = 1; newSize <= 64; newSize++) {
      for (let oldSize = 0; oldSize <= newSize; oldSize++) {
        const ranges = consistencyProofRanges(oldSize, newSize);
        const context = `${oldSize} -> ${newSize}`;
        expect(ranges.map(([b, e]) => hex(mth(leaves.slice(b, e)))), context).toEqual(consistencyProof(leaves.slice(0, newSize), oldSize).map(hex));
        for (const [begin, end] of ranges) {
          expect(begin < end && end <= newSize, context).toBe(true);
          // A node of an RFC 6962 tree starts at a multiple of its largest power-of-two part.
          expect(begin % split(end - begin + 1), `${context} [${begin}, ${end})`).toBe(0);
        }
      }
    }
    expect(() => consistencyProofRanges(5, 4)).toThrow(/old size 5/);
  });

  it('throws when asked for a proof from a size the tree does not have', () => {
    const leaves = leavesOf(4);
    expect(() => consistencyProof(leaves, 5)).toThrow(/old size 5/);
    expect(() => consistencyProof(leaves, -1)).toThrow(/old size -1/);
  });
});
