// Consistency proof vectors, test/vectors/merkle/consistency.json: good proofs with bad ones next
// to them, over a tree shaped as the chain's history tree (leaf i is the "block hash"
// SHA-256("block " || i+1), a leaf node as is). The generator (consistencyProof) writes the file
// with TIANPING_WRITE_VECTORS=1 and otherwise checks that the committed file is what it makes;
// the verifier (verifyConsistency) must then answer `valid` for every vector. Bad cases are
// labelled by construction, never by running the verifier.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consistencyProof, consistencyProofRanges, emptyRoot, rootFromLeafHashes, verifyConsistency } from '../../src/merkle/index.js';
import { sha256 } from '../../src/crypto/hash.js';
import { fromHex, toHex, utf8 } from '../../src/types/index.js';

const VECTORS_PATH = new URL('../vectors/merkle/consistency.json', import.meta.url);
const SMALL_MAX = 10;
const LARGE: readonly [number, number][] = [[1, 100], [3, 100], [64, 100], [99, 100], [1, 1000], [255, 1000], [512, 1000], [999, 1000]];

interface Vector {
  case: string;
  oldSize: number;
  newSize: number;
  proof: string[];
  oldRoot: string;
  newRoot: string;
  valid: boolean;
}

const leafOf = (i: number): Uint8Array => sha256(utf8(`block ${i + 1}`));
const flip = (hash: string): string => ((parseInt(hash.slice(0, 2), 16) ^ 0x01).toString(16).padStart(2, '0')) + hash.slice(2);
// What the verifier does with a proof depends on its sizes only through this shape: whether the old
// root opens the path (old size a power of two) and, for each hash, whether it joins from the left
// (inside the old tree, so both roots take it) or from the right (the new root alone). Another size
// with the same shape gets the same answer, so wrong-size cases take sizes whose shape differs.
const isPowerOfTwo = (v: number): boolean => v > 0 && (v & (v - 1)) === 0;
const shape = (m: number, n: number): string =>
  `${isPowerOfTwo(m) ? 'root+' : ''}${consistencyProofRanges(m, n).map(([, e]) => (e <= m ? 'L' : 'R')).join('')}`;

function badCases(good: Vector, root: (size: number) => string): Vector[] {
  const { oldSize: m, newSize: n, proof } = good;
  const bad = (name: string, change: Partial<Vector>): Vector => ({ ...good, ...change, case: name, valid: false });
  const out: Vector[] = [];
  proof.forEach((hash, i) => out.push(bad(`proof hash ${i} flipped`, { proof: proof.map((h, j) => (j === i ? flip(h) : h)) })));
  if (proof.length > 0) out.push(bad('proof truncated', { proof: proof.slice(0, -1) }));
  out.push(bad('proof extended by one hash', { proof: [...proof, good.newRoot] }));
  if (proof.length > 1) out.push(bad('proof order reversed', { proof: [...proof].reverse() }));
  if (m !== n) out.push(bad('old root of another size', { oldRoot: root(m === 0 ? 1 : m - 1) }));
  // Every tree extends the empty one: from size 0 any new root is consistent.
  if (m > 0) out.push(bad('new root of another size', { newRoot: root(n + 1) }));
  if (m !== n) out.push(bad('roots swapped', { oldRoot: good.newRoot, newRoot: good.oldRoot }));
  const otherOld = [m + 1, m - 1].find((s) => s >= 1 && s <= n && shape(s, n) !== shape(m, n));
  if (m > 0 && otherOld !== undefined) out.push(bad('wrong old size', { oldSize: otherOld }));
  const otherNew = [n + 1, n - 1, n * 2].find((s) => s >= m && s > 0 && shape(m, s) !== shape(m, n));
  if (m > 0 && otherNew !== undefined) out.push(bad('wrong new size', { newSize: otherNew }));
  if (m > 0 && m < n) out.push(bad('old size 0 with a proof', { oldSize: 0 }));
  if (m > n - 1 && n > 0) out.push(bad('old size beyond new size', { oldSize: n + 1 }));
  return out;
}

function generateVectors(): { description: string; vectors: Vector[] } {
  const leaves = Array.from({ length: 1001 }, (_, i) => leafOf(i));
  const roots = new Map<number, string>();
  const root = (size: number): string => {
    if (!roots.has(size)) roots.set(size, toHex(size === 0 ? emptyRoot() : rootFromLeafHashes(leaves.slice(0, size))));
    return roots.get(size) as string;
  };
  const pairs: [number, number][] = [];
  for (let n = 0; n <= SMALL_MAX; n++) for (let m = 0; m <= n; m++) pairs.push([m, n]);
  pairs.push(...LARGE);
  const vectors: Vector[] = [];
  for (const [m, n] of pairs) {
    const good: Vector = { case: 'valid', oldSize: m, newSize: n, proof: consistencyProof(leaves.slice(0, n), m).map(toHex),
      oldRoot: root(m), newRoot: root(n), valid: true };
    vectors.push(good, ...badCases(good, root));
  }
  return {
    description: 'RFC 9162 consistency proofs over SHA-256, shaped as the history tree: leaf node i is SHA-256("block " || '
      + 'decimal(i+1)) as is (no 0x00 leaf hash); interior nodes SHA-256(0x01 || left || right); the empty tree SHA-256(""). '
      + 'verifyConsistency(oldSize, newSize, proof, oldRoot, newRoot) must equal valid.',
    vectors,
  };
}

function serialise(data: ReturnType<typeof generateVectors>): string {
  const lines = data.vectors.map((vector) => `    ${JSON.stringify(vector)}`);
  return `{\n  "description": ${JSON.stringify(data.description)},\n  "vectors": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

describe('merkle consistency vectors', () => {
  it('the committed file is what the generator makes', () => {
    const text = serialise(generateVectors());
    if (process.env['TIANPING_WRITE_VECTORS'] === '1') writeFileSync(VECTORS_PATH, text);
    expect(readFileSync(VECTORS_PATH, 'utf8')).toBe(text);
  });

  it('verifyConsistency answers `valid` for every committed vector, with every kind of bad proof present', () => {
    const file = JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as { vectors: Vector[] };
    const wrong = file.vectors.filter((v) =>
      verifyConsistency(v.oldSize, v.newSize, v.proof.map((h) => fromHex(h)!), fromHex(v.oldRoot)!, fromHex(v.newRoot)!) !== v.valid);
    expect(wrong.map((v) => `${v.case}: ${v.oldSize} -> ${v.newSize}`)).toEqual([]);
    const kinds = new Set(file.vectors.filter((v) => !v.valid).map((v) => v.case.replace(/^proof hash \d+ flipped$/u, 'proof hash N flipped')));
    expect([...kinds].sort()).toEqual([
      'new root of another size', 'old root of another size', 'old size 0 with a proof', 'old size beyond new size',
      'proof extended by one hash', 'proof hash N flipped', 'proof order reversed', 'proof truncated', 'roots swapped',
      'wrong new size', 'wrong old size',
    ]);
    // Equal sizes and the empty old tree are among the good ones.
    expect(file.vectors.some((v) => v.valid && v.oldSize === v.newSize && v.newSize > 0)).toBe(true);
    expect(file.vectors.some((v) => v.valid && v.oldSize === 0 && v.newSize > 0)).toBe(true);
  });
});
