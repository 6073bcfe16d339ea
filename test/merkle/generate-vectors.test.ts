// Generator for test/vectors/merkle/inclusion.json. By default it checks that
// the committed file is exactly what the generator produces; run with
// TIANPING_WRITE_VECTORS=1 to (re)write it:
//   TIANPING_WRITE_VECTORS=1 npx vitest run test/merkle/generate-vectors.test.ts
//
// Proofs come from inclusionProof (the generator side); vectors.test.ts
// checks them with verifyInclusion (the verifier side). Bad cases are
// labelled by construction, never by running the verifier.

import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inclusionProof, leafHash, rootFromLeafHashes } from '../../src/merkle/index.js';

const VECTORS_PATH = new URL('../vectors/merkle/inclusion.json', import.meta.url);
const SMALL_SIZES = Array.from({ length: 17 }, (_, i) => i + 1);
const LARGE_SIZES = [100, 1000];

interface Vector {
  case: string;
  treeSize: number;
  index: number;
  leafHash: string;
  proof: string[];
  root: string;
  valid: boolean;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const leafOf = (i: number): Uint8Array => leafHash(new TextEncoder().encode(String(i)));

// Side of each audit-path sibling, bottom-up (RFC 6962 §2.1.1). A wrong tree
// size is only detectable when it changes this shape, so bad-size cases
// are chosen among sizes whose shape differs.
function pathShape(index: number, size: number): string {
  if (size <= 1) return '';
  let k = 1;
  while (k * 2 < size) k *= 2;
  return index < k ? `${pathShape(index, k)}R` : `${pathShape(index - k, size - k)}L`;
}

function flipFirstByte(hashHex: string): string {
  return ((parseInt(hashHex.slice(0, 2), 16) ^ 0x01).toString(16).padStart(2, '0')) + hashHex.slice(2);
}

function indicesFor(size: number): number[] {
  if (size <= 17) return Array.from({ length: size }, (_, i) => i);
  return [...new Set([0, 1, 2, Math.floor(size / 2), size - 2, size - 1, 63, 64, 511, 512])].filter((i) => i < size);
}

function badCases(good: Vector, roots: Map<number, string>, withAll: boolean): Vector[] {
  const { treeSize, index, proof } = good;
  const bad = (name: string, change: Partial<Vector>): Vector => ({ ...good, ...change, case: name, valid: false });
  const out: Vector[] = [];
  if (proof.length > 0) out.push(bad('proof hash flipped', { proof: proof.map((h, i) => (i === proof.length - 1 ? flipFirstByte(h) : h)) }));
  if (proof.length > 0) out.push(bad('proof truncated', { proof: proof.slice(0, -1) }));
  // With a one-hash proof this would duplicate 'proof truncated'.
  if (proof.length > 1) out.push(bad('empty proof', { proof: [] }));
  if (!withAll) return out;
  out.push(bad('wrong index', { index: index + 1 < treeSize ? index + 1 : index - 1 }));
  out.push(bad('index equals tree size', { index: treeSize }));
  const otherSize = [treeSize + 1, treeSize - 1, treeSize * 2, treeSize + 2].find(
    (size) => size > index && pathShape(index, size) !== pathShape(index, treeSize),
  );
  if (otherSize !== undefined) out.push(bad('wrong tree size', { treeSize: otherSize }));
  out.push(bad('proof extended by one hash', { proof: [...proof, good.root] }));
  out.push(bad('leaf hash of a different leaf', { leafHash: hex(leafOf(index + 1)) }));
  if (proof.length > 1) out.push(bad('proof order swapped', { proof: [...proof].reverse() }));
  out.push(bad('root of a different size', { root: roots.get(treeSize + 1) as string }));
  return out;
}

function generateVectors(): { description: string; vectors: Vector[] } {
  const maxSize = Math.max(...LARGE_SIZES) + 1;
  const leaves = Array.from({ length: maxSize }, (_, i) => leafOf(i));
  const roots = new Map<number, string>();
  for (const size of [...SMALL_SIZES, ...LARGE_SIZES]) {
    roots.set(size, hex(rootFromLeafHashes(leaves.slice(0, size))));
    roots.set(size + 1, hex(rootFromLeafHashes(leaves.slice(0, size + 1))));
  }
  const vectors: Vector[] = [];
  for (const treeSize of [...SMALL_SIZES, ...LARGE_SIZES]) {
    const tree = leaves.slice(0, treeSize);
    const indices = indicesFor(treeSize);
    // Every bad case for the first, middle and last leaf; cheap ones for all.
    const thorough = new Set([0, Math.floor(treeSize / 2), treeSize - 1]);
    for (const index of indices) {
      const good: Vector = {
        case: 'valid',
        treeSize,
        index,
        leafHash: hex(tree[index] as Uint8Array),
        proof: inclusionProof(tree, index).map(hex),
        root: roots.get(treeSize) as string,
        valid: true,
      };
      vectors.push(good, ...badCases(good, roots, thorough.has(index)));
    }
  }
  return {
    description:
      'RFC 6962 inclusion proofs over SHA-256. Leaf i is the ASCII decimal string of i; ' +
      'leafHash = SHA-256(0x00 || leaf). verifyInclusion(leafHash, index, treeSize, proof, root) must equal valid.',
    vectors,
  };
}

// One vector per line keeps the file diffable without bloating it.
function serialise(data: ReturnType<typeof generateVectors>): string {
  const lines = data.vectors.map((vector) => `    ${JSON.stringify(vector)}`);
  return `{\n  "description": ${JSON.stringify(data.description)},\n  "vectors": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

describe('merkle inclusion vectors generator', () => {
  it('matches the committed test/vectors/merkle/inclusion.json', () => {
    const text = serialise(generateVectors());
    if (process.env['TIANPING_WRITE_VECTORS'] === '1') writeFileSync(VECTORS_PATH, text);
    expect(readFileSync(VECTORS_PATH, 'utf8')).toBe(text);
  });

  it('labels every case by construction and keeps them distinct', () => {
    const { vectors } = generateVectors();
    const keys = vectors.map((v) => JSON.stringify([v.treeSize, v.index, v.leafHash, v.proof, v.root]));
    expect(new Set(keys).size).toBe(keys.length);
    const kinds = new Set(vectors.filter((v) => !v.valid).map((v) => v.case));
    expect([...kinds].sort()).toEqual([
      'empty proof',
      'index equals tree size',
      'leaf hash of a different leaf',
      'proof extended by one hash',
      'proof hash flipped',
      'proof order swapped',
      'proof truncated',
      'root of a different size',
      'wrong index',
      'wrong tree size',
    ]);
  });
});
