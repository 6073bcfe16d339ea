// Compact range over an append-only history tree: only the roots of the
// perfect subtrees on the right border are kept, one per set bit of the
// size, so appending and computing the root cost O(log n).

import { HASH_LENGTH_BYTES, assert, assertHash, foldBorder, isHash, nodeHash } from './tree.js';

const SIZE_LENGTH_BYTES = 8;
const TWO_POW_32 = 2 ** 32;

export class Frontier {
  #size: number;
  // Perfect subtree roots, largest (leftmost) first.
  readonly #border: Uint8Array[];

  private constructor(size: number, border: Uint8Array[]) {
    this.#size = size;
    this.#border = border;
  }

  static empty(): Frontier {
    return new Frontier(0, []);
  }

  /**
   * Parses `u64be size || hashes of the perfect subtrees, largest first`.
   * Throws on any inconsistency: a frontier comes from our own storage, so a
   * bad one means corruption and must not be silently repaired.
   */
  static decode(bytes: Uint8Array): Frontier {
    if (!(bytes instanceof Uint8Array) || bytes.length < SIZE_LENGTH_BYTES) {
      throw new Error(`frontier: encoding must be at least ${SIZE_LENGTH_BYTES} bytes`);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const sizeHigh = view.getUint32(0);
    const sizeLow = view.getUint32(4);
    const size = sizeHigh * TWO_POW_32 + sizeLow;
    if (!Number.isSafeInteger(size)) {
      throw new Error(`frontier: size ${view.getBigUint64(0)} exceeds the supported maximum ${Number.MAX_SAFE_INTEGER}`);
    }
    const hashBytes = bytes.length - SIZE_LENGTH_BYTES;
    if (hashBytes % HASH_LENGTH_BYTES !== 0) {
      throw new Error(`frontier: ${hashBytes} hash bytes is not a multiple of ${HASH_LENGTH_BYTES}`);
    }
    const expected = popcount32(sizeHigh) + popcount32(sizeLow);
    const actual = hashBytes / HASH_LENGTH_BYTES;
    if (actual !== expected) {
      throw new Error(`frontier: size ${size} needs ${expected} hashes, encoding holds ${actual}`);
    }
    const border: Uint8Array[] = [];
    for (let at = SIZE_LENGTH_BYTES; at < bytes.length; at += HASH_LENGTH_BYTES) {
      border.push(bytes.slice(at, at + HASH_LENGTH_BYTES));
    }
    return new Frontier(size, border);
  }

  get size(): number {
    return this.#size;
  }

  append(leafHash: Uint8Array): void {
    if (!isHash(leafHash)) assertHash(leafHash, 'leaf hash');
    assert(this.#size < Number.MAX_SAFE_INTEGER, 'frontier is full');
    // Like incrementing a binary counter: each trailing one bit of the size
    // is a perfect subtree of the same height as ours, so the two merge.
    let hash: Uint8Array = leafHash.slice();
    for (let count = this.#size; count % 2 === 1; count = Math.floor(count / 2)) {
      hash = nodeHash(this.#border.pop() as Uint8Array, hash);
    }
    this.#border.push(hash);
    this.#size += 1;
  }

  /** Equals rootFromLeafHashes over every appended leaf hash. */
  root(): Uint8Array {
    return foldBorder(this.#border).slice();
  }

  encode(): Uint8Array {
    const out = new Uint8Array(SIZE_LENGTH_BYTES + this.#border.length * HASH_LENGTH_BYTES);
    const view = new DataView(out.buffer);
    view.setUint32(0, Math.floor(this.#size / TWO_POW_32));
    view.setUint32(4, this.#size % TWO_POW_32);
    this.#border.forEach((hash, i) => out.set(hash, SIZE_LENGTH_BYTES + i * HASH_LENGTH_BYTES));
    return out;
  }

  clone(): Frontier {
    return new Frontier(this.#size, this.#border.map((hash) => hash.slice()));
  }
}

function popcount32(value: number): number {
  let bits = 0;
  for (let v = value; v !== 0; v >>>= 1) bits += v & 1;
  return bits;
}
