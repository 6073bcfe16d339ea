// Inclusion and consistency proofs (RFC 9162 §2.1.3 and §2.1.4).
//
// Generators take trusted arguments and throw on broken invariants.
// Verifiers take untrusted input: anything malformed is simply "false".

import {
  assert,
  emptyRoot,
  hashesEqual,
  isHash,
  nodeHash,
  rangeRoot,
  splitPoint,
} from './tree.js';

/** Audit path for leafHashes[index], bottom-up (RFC 6962 §2.1.1). O(n) hashing. */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number): Uint8Array[] {
  return inclusionProofRanges(index, leafHashes.length).map(([begin, end]) => rangeRoot(leafHashes, begin, end));
}

/**
 * The leaf ranges [begin, end) whose subtree roots make the audit path of leaf
 * `index` in the tree of `size`, bottom-up: as consistencyProofRanges, for a
 * store that keeps subtree roots. O(log n), no hashing.
 */
export function inclusionProofRanges(index: number, size: number): [begin: number, end: number][] {
  assert(Number.isInteger(index) && index >= 0 && index < size, () => `leaf index ${index} outside tree of size ${size}`);
  // Descend from the root; each split contributes the subtree we do not enter.
  const topDown: [number, number][] = [];
  let begin = 0;
  let end = size;
  while (end - begin > 1) {
    const middle = begin + splitPoint(end - begin);
    if (index < middle) {
      topDown.push([middle, end]);
      end = middle;
    } else {
      topDown.push([begin, middle]);
      begin = middle;
    }
  }
  return topDown.reverse();
}

/**
 * Recomputes the root implied by an inclusion proof (RFC 9162 §2.1.3.2), or
 * undefined when the input is malformed or the proof has the wrong length.
 */
export function rootFromInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
): Uint8Array | undefined {
  if (!isHash(leafHash) || !isSize(treeSize) || !isSize(index) || index >= treeSize) return undefined;
  if (!isHashList(proof, MAX_INCLUSION_PROOF_LENGTH)) return undefined;
  let fn = index;
  let sn = treeSize - 1;
  let root = leafHash;
  for (const sibling of proof) {
    if (sn === 0) return undefined;
    if (isOdd(fn) || fn === sn) {
      root = nodeHash(sibling, root);
      // Skip the levels where our node was a lone last node (promoted).
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      root = nodeHash(root, sibling);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? root : undefined;
}

/** Never throws: any malformed input yields false. */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isHash(root)) return false;
  const computed = rootFromInclusion(leafHash, index, treeSize, proof);
  return computed !== undefined && hashesEqual(computed, root);
}

/**
 * Proof that the tree over the first oldSize leaves is a prefix of the tree
 * over all leafHashes (RFC 9162 §2.1.4.1). Empty when oldSize is 0 or n.
 */
export function consistencyProof(leafHashes: readonly Uint8Array[], oldSize: number): Uint8Array[] {
  return consistencyProofRanges(oldSize, leafHashes.length).map(([begin, end]) => rangeRoot(leafHashes, begin, end));
}

/**
 * The leaf ranges [begin, end) whose subtree roots make the consistency proof
 * from oldSize to newSize, in proof order: a store that keeps subtree roots
 * (not every leaf in memory) serves the proof from these. Each range is a
 * node of the tree of newSize, so it starts at a multiple of its largest
 * power-of-two part. O(log n), no hashing.
 */
export function consistencyProofRanges(oldSize: number, newSize: number): [begin: number, end: number][] {
  assert(Number.isSafeInteger(newSize) && newSize >= 0, () => `tree size ${newSize}`);
  assert(Number.isInteger(oldSize) && oldSize >= 0 && oldSize <= newSize, () => `old size ${oldSize} outside 0..${newSize}`);
  if (oldSize === 0 || oldSize === newSize) return [];
  // Iterative SUBPROOF(m, D[begin:end], b); ranges are collected top-down.
  const topDown: [number, number][] = [];
  let begin = 0;
  let end = newSize;
  let m = oldSize;
  let oldRootIsKnown = true;
  while (m !== end - begin) {
    const k = splitPoint(end - begin);
    if (m <= k) {
      topDown.push([begin + k, end]);
      end = begin + k;
    } else {
      topDown.push([begin, begin + k]);
      begin += k;
      m -= k;
      oldRootIsKnown = false;
    }
  }
  if (!oldRootIsKnown) topDown.push([begin, end]);
  return topDown.reverse();
}

/** RFC 9162 §2.1.4.2. Never throws: any malformed input yields false. */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  proof: readonly Uint8Array[],
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize) return false;
  if (!isHash(oldRoot) || !isHash(newRoot)) return false;
  if (!isHashList(proof, MAX_CONSISTENCY_PROOF_LENGTH)) return false;
  if (oldSize === newSize) return proof.length === 0 && hashesEqual(oldRoot, newRoot);
  // Every tree extends the empty one, but only if oldRoot really is empty.
  if (oldSize === 0) return proof.length === 0 && hashesEqual(oldRoot, emptyRoot());
  if (proof.length === 0) return false;

  // When the old tree is a perfect left subtree its root is not repeated.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let oldHash = path[0] as Uint8Array;
  let newHash = oldHash;
  for (let i = 1; i < path.length; i++) {
    const sibling = path[i] as Uint8Array;
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      oldHash = nodeHash(sibling, oldHash);
      newHash = nodeHash(sibling, newHash);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      newHash = nodeHash(newHash, sibling);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && hashesEqual(oldHash, oldRoot) && hashesEqual(newHash, newRoot);
}

// Sizes stay below 2^53, so no honest proof is longer than these bounds;
// checking first keeps hostile megabyte-long "proofs" cheap to reject.
const MAX_INCLUSION_PROOF_LENGTH = 53;
const MAX_CONSISTENCY_PROOF_LENGTH = 2 * 53;

// An explicit index loop: every() would skip the holes of a sparse array.
function isHashList(value: unknown, maxLength: number): value is readonly Uint8Array[] {
  if (!Array.isArray(value) || value.length > maxLength) return false;
  for (let i = 0; i < value.length; i++) if (!isHash(value[i])) return false;
  return true;
}

// Sizes can exceed 2^32, so shifts are done arithmetically.
function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isOdd(value: number): boolean {
  return value % 2 === 1;
}

function half(value: number): number {
  return Math.floor(value / 2);
}

function isPowerOfTwo(value: number): boolean {
  let v = value;
  while (v > 1 && !isOdd(v)) v = half(v);
  return v === 1;
}
