// RFC 6962 / RFC 9162 Merkle tree hashing over SHA-256.
//
// Trees of any size are supported. The shape is the one of RFC 6962 §2.1:
// a tree of n > 1 leaves splits at k, the largest power of two below n.
// Building bottom-up and promoting a lone last node to the next level yields
// exactly that shape, which lets us hash iteratively without recursion.

import { sha256 } from '../crypto/hash.js';

export const HASH_LENGTH_BYTES = 32;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

// sha256() is synchronous, so one shared input buffer is safe and saves an
// allocation per node on the hot path of big batches.
const nodeInput = new Uint8Array(1 + 2 * HASH_LENGTH_BYTES);
nodeInput[0] = NODE_PREFIX;
const LEAF_SCRATCH_BYTES = 1_024;
const leafInput = new Uint8Array(LEAF_SCRATCH_BYTES);
leafInput[0] = LEAF_PREFIX;

/** SHA-256(0x00 || leaf). */
export function leafHash(leaf: Uint8Array): Uint8Array {
  // Small leaves (tx hashes, case events: thousands a block) share one input buffer, as nodes do.
  if (leaf.length > LEAF_SCRATCH_BYTES - 1) {
    const input = new Uint8Array(1 + leaf.length);
    input[0] = LEAF_PREFIX;
    input.set(leaf, 1);
    return sha256(input);
  }
  leafInput.set(leaf, 1);
  return sha256(leafInput.subarray(0, 1 + leaf.length));
}

/**
 * Leaf hashes of items of itemBytes each, laid end to end in `items`: SHA-256(0x00 || item) for
 * each, laid end to end in the result. One input buffer serves every item.
 */
export function leafHashesOfItems(items: Uint8Array, itemBytes: number): Uint8Array {
  assert(Number.isInteger(itemBytes) && itemBytes > 0 && items.length % itemBytes === 0,
    `items must be a whole number of ${itemBytes}-byte items`);
  const count = items.length / itemBytes;
  const out = new Uint8Array(count * HASH_LENGTH_BYTES);
  const input = new Uint8Array(1 + itemBytes);
  input[0] = LEAF_PREFIX;
  for (let i = 0; i < count; i++) {
    input.set(items.subarray(i * itemBytes, (i + 1) * itemBytes), 1);
    out.set(sha256(input), i * HASH_LENGTH_BYTES);
  }
  return out;
}

/** SHA-256(0x01 || left || right). Both children must be 32-byte hashes. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  assertHash(left, 'left child');
  assertHash(right, 'right child');
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_LENGTH_BYTES);
  return sha256(nodeInput);
}

/** Root of the empty tree: SHA-256 of the empty string (RFC 6962 §2.1). */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/** Tree head over already-hashed leaves. O(n) hashing, O(log n) memory. */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return emptyRoot();
  return rangeRoot(leafHashes, 0, leafHashes.length);
}

/**
 * Root of the subtree over leafHashes[begin, end), end > begin.
 * Keeps the roots of the perfect subtrees seen so far (a compact range) and
 * merges them like a binary counter, so no level arrays are materialised.
 */
export function rangeRoot(leafHashes: readonly Uint8Array[], begin: number, end: number): Uint8Array {
  assert(begin >= 0 && end <= leafHashes.length && begin < end, () => `bad leaf range [${begin}, ${end})`);
  if (end - begin === 1) {
    // The root of one leaf is the leaf hash itself; copy so callers never alias their input.
    const only = leafHashes[begin] as Uint8Array;
    assertHash(only, `leaf hash ${begin}`);
    return only.slice();
  }
  const border: Uint8Array[] = [];
  for (let i = begin; i < end; i++) {
    let hash = leafHashes[i] as Uint8Array;
    if (!isHash(hash)) assertHash(hash, `leaf hash ${i}`);
    for (let count = i - begin; (count & 1) === 1; count >>>= 1) {
      hash = nodeHash(border.pop() as Uint8Array, hash);
    }
    border.push(hash);
  }
  return foldBorder(border);
}

/**
 * Root of `count` leaves that all hash to `leaf` (count >= 1): what rootFromLeafHashes gives for
 * that list, in O(log count) hashes. Perfect subtrees of equal leaves are equal, so the border of
 * the tree (one perfect subtree per set bit of count) needs only the 2^j-leaf roots. A block's
 * result codes are nearly always all 0, and hashing them leaf by leaf cost two hashes per tx.
 */
export function rootOfEqualLeaves(leaf: Uint8Array, count: number): Uint8Array {
  assert(Number.isSafeInteger(count) && count >= 1, () => `leaf count ${count}`);
  assertHash(leaf, 'leaf hash');
  const border: Uint8Array[] = [];
  let perfect: Uint8Array = leaf.slice();
  for (let rest = count; rest > 0; rest >>>= 1) {
    if ((rest & 1) === 1) border.push(perfect);
    if (rest > 1) perfect = nodeHash(perfect, perfect);
  }
  // Set bits were met smallest first; the border lists the largest subtree first.
  return foldBorder(border.reverse());
}

/** Hashes the right border of a tree (perfect subtree roots, largest first). */
export function foldBorder(border: readonly Uint8Array[]): Uint8Array {
  let root = border[border.length - 1];
  if (root === undefined) return emptyRoot();
  for (let i = border.length - 2; i >= 0; i--) root = nodeHash(border[i] as Uint8Array, root);
  return root;
}

/** Largest power of two strictly below n (n >= 2): RFC 6962's split point. */
export function splitPoint(n: number): number {
  assert(Number.isSafeInteger(n) && n >= 2, () => `no split point for ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Holds every level of a tree so that all inclusion proofs of a batch can be
 * served in O(log n) each. Levels are flat byte arrays: a million leaves
 * cost ~64 MB instead of millions of small objects.
 */
export class MerkleBuilder {
  readonly size: number;
  readonly root: Uint8Array;
  // levels[0] holds the leaf hashes; the last level holds the root alone.
  readonly #levels: Uint8Array[];

  /**
   * From leaf hashes: an array of 32-byte hashes, or one flat array of them laid end to end (what
   * leafHashesOfItems returns: no object per leaf, for batches of millions).
   */
  constructor(leafHashes: readonly Uint8Array[] | Uint8Array) {
    let leaves: Uint8Array;
    if (leafHashes instanceof Uint8Array) {
      assert(leafHashes.length % HASH_LENGTH_BYTES === 0, () => `flat leaf hashes must be a multiple of ${HASH_LENGTH_BYTES} bytes`);
      leaves = leafHashes.slice();
      this.size = leaves.length / HASH_LENGTH_BYTES;
    } else {
      this.size = leafHashes.length;
      leaves = new Uint8Array(this.size * HASH_LENGTH_BYTES);
      for (let i = 0; i < this.size; i++) {
        const hash = leafHashes[i] as Uint8Array;
        if (!isHash(hash)) assertHash(hash, `leaf hash ${i}`);
        leaves.set(hash, i * HASH_LENGTH_BYTES);
      }
    }
    this.#levels = [leaves];
    for (let level: Uint8Array = leaves; level.length > HASH_LENGTH_BYTES; ) {
      level = hashLevel(level);
      this.#levels.push(level);
    }
    this.root = this.size === 0 ? emptyRoot() : (this.#levels[this.#levels.length - 1] as Uint8Array).slice();
  }

  /** Audit path for leaf `index`, bottom-up as in RFC 6962 §2.1.1. */
  proof(index: number): Uint8Array[] {
    const path: Uint8Array[] = [];
    this.forEachProofHash(index, (bytes, offset) => path.push(bytes.slice(offset, offset + HASH_LENGTH_BYTES)));
    return path;
  }

  /**
   * The same audit path without allocating: visit(bytes, offset) is called for each hash in order
   * with the 32 bytes at bytes[offset..], which the visitor must copy, not keep. Returns the
   * path's length. For writers of millions of receipts.
   */
  forEachProofHash(index: number, visit: (bytes: Uint8Array, offset: number) => void): number {
    this.#assertIndex(index);
    let length = 0;
    let position = index;
    for (let depth = 0; depth < this.#levels.length - 1; depth++) {
      const level = this.#levels[depth] as Uint8Array;
      const offset = siblingOffset(level, position);
      if (offset >= 0) {
        visit(level, offset);
        length++;
      }
      position = Math.floor(position / 2);
    }
    return length;
  }

  #assertIndex(index: number): void {
    assert(Number.isInteger(index) && index >= 0 && index < this.size, () => `leaf index ${index} outside tree of size ${this.size}`);
  }
}

/** Byte offset of the sibling of `position`, or -1 for a lone last node. */
function siblingOffset(level: Uint8Array, position: number): number {
  // Arithmetic rather than `^ 1`: positions may exceed the int32 range.
  const offset = (position + 1 - 2 * (position % 2)) * HASH_LENGTH_BYTES;
  // A lone last node has no sibling at this level: it was promoted unchanged.
  return offset < level.length ? offset : -1;
}

function hashLevel(level: Uint8Array): Uint8Array {
  const count = level.length / HASH_LENGTH_BYTES;
  const next = new Uint8Array(Math.ceil(count / 2) * HASH_LENGTH_BYTES);
  const pairBytes = 2 * HASH_LENGTH_BYTES;
  let out = 0;
  let at = 0;
  for (; at + pairBytes <= level.length; at += pairBytes, out += HASH_LENGTH_BYTES) {
    nodeInput.set(level.subarray(at, at + pairBytes), 1);
    next.set(sha256(nodeInput), out);
  }
  if (at < level.length) next.set(level.subarray(at), out);
  return next;
}

export function assertHash(hash: Uint8Array, what: string): void {
  assert(hash instanceof Uint8Array && hash.length === HASH_LENGTH_BYTES, () => `${what} must be a ${HASH_LENGTH_BYTES}-byte hash`);
}

/** A message built from values is passed as a function, evaluated only when the check fails. */
export function assert(condition: boolean, message: string | (() => string)): asserts condition {
  if (!condition) throw new Error(`merkle: ${typeof message === 'string' ? message : message()}`);
}

/** Type guard for untrusted input; never throws. */
export function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_LENGTH_BYTES;
}

export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
