// SM3 hash function (GB/T 32905-2016). Pure TypeScript with no node:*
// imports so that browsers can recompute evidence digests themselves.
//
// The Merkle-Damgård framing (64-byte blocks, 0x80 padding, 64-bit
// big-endian bit length) is the same as SHA-256; only the compression
// function differs.

export const SM3_DIGEST_LENGTH_BYTES = 32;
const BLOCK_LENGTH_BYTES = 64;
const LENGTH_FIELD_OFFSET = BLOCK_LENGTH_BYTES - 8;

const INITIAL_STATE = Uint32Array.of(
  0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
);

// Round constant T_j already rotated left by (j mod 32), as every round uses it.
const ROUND_CONSTANTS = new Int32Array(64);
for (let j = 0; j < 64; j++) ROUND_CONSTANTS[j] = rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32);

function rotl(x: number, bits: number): number {
  return (x << bits) | (x >>> (32 - bits));
}

function p0(x: number): number {
  return x ^ rotl(x, 9) ^ rotl(x, 17);
}

function p1(x: number): number {
  return x ^ rotl(x, 15) ^ rotl(x, 23);
}

/** Incremental SM3: feed chunks of any size, then call digest() once. */
export class Sm3 {
  readonly #state = INITIAL_STATE.slice();
  readonly #block = new Uint8Array(BLOCK_LENGTH_BYTES);
  // Message schedule W[0..67], reused across blocks to avoid allocation.
  readonly #schedule = new Int32Array(68);
  #blockFillBytes = 0;
  #totalLengthBytes = 0;
  #finished = false;

  update(chunk: Uint8Array): this {
    if (this.#finished) throw new Error('sm3: update() after digest()');
    if (!(chunk instanceof Uint8Array)) throw new TypeError('sm3: chunk must be a Uint8Array');
    const length = chunk.length;
    this.#totalLengthBytes += length;
    let offset = 0;
    if (this.#blockFillBytes > 0) {
      offset = Math.min(BLOCK_LENGTH_BYTES - this.#blockFillBytes, length);
      this.#block.set(chunk.subarray(0, offset), this.#blockFillBytes);
      this.#blockFillBytes += offset;
      if (this.#blockFillBytes < BLOCK_LENGTH_BYTES) return this;
      compress(this.#state, this.#schedule, this.#block, 0);
      this.#blockFillBytes = 0;
    }
    // Whole blocks are compressed straight from the caller's chunk, no copy.
    for (; length - offset >= BLOCK_LENGTH_BYTES; offset += BLOCK_LENGTH_BYTES) {
      compress(this.#state, this.#schedule, chunk, offset);
    }
    if (offset < length) {
      this.#block.set(chunk.subarray(offset), 0);
      this.#blockFillBytes = length - offset;
    }
    return this;
  }

  digest(): Uint8Array {
    if (this.#finished) throw new Error('sm3: digest() called twice');
    this.#finished = true;
    const block = this.#block;
    let fill = this.#blockFillBytes;
    block[fill++] = 0x80;
    if (fill > LENGTH_FIELD_OFFSET) {
      block.fill(0, fill);
      compress(this.#state, this.#schedule, block, 0);
      fill = 0;
    }
    block.fill(0, fill, LENGTH_FIELD_OFFSET);
    // Bit length = bytes * 8, split so neither half leaves the exact range.
    const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
    view.setUint32(LENGTH_FIELD_OFFSET, Math.floor(this.#totalLengthBytes / 2 ** 29));
    view.setUint32(LENGTH_FIELD_OFFSET + 4, (this.#totalLengthBytes % 2 ** 29) * 8);
    compress(this.#state, this.#schedule, block, 0);

    const out = new Uint8Array(SM3_DIGEST_LENGTH_BYTES);
    const outView = new DataView(out.buffer);
    for (let i = 0; i < 8; i++) outView.setUint32(i * 4, this.#state[i] as number);
    return out;
  }
}

/** One-shot SM3 digest (32 bytes). */
export function sm3(data: Uint8Array): Uint8Array {
  return new Sm3().update(data).digest();
}

function compress(state: Uint32Array, w: Int32Array, bytes: Uint8Array, offset: number): void {
  for (let i = 0, at = offset; i < 16; i++, at += 4) {
    w[i] =
      ((bytes[at] as number) << 24) |
      ((bytes[at + 1] as number) << 16) |
      ((bytes[at + 2] as number) << 8) |
      (bytes[at + 3] as number);
  }
  for (let j = 16; j < 68; j++) {
    const x = (w[j - 16] as number) ^ (w[j - 9] as number) ^ rotl(w[j - 3] as number, 15);
    w[j] = p1(x) ^ rotl(w[j - 13] as number, 7) ^ (w[j - 6] as number);
  }

  let a = (state[0] as number) | 0;
  let b = (state[1] as number) | 0;
  let c = (state[2] as number) | 0;
  let d = (state[3] as number) | 0;
  let e = (state[4] as number) | 0;
  let f = (state[5] as number) | 0;
  let g = (state[6] as number) | 0;
  let h = (state[7] as number) | 0;

  // Rounds 0..15 and 16..63 differ only in the boolean functions FF and GG.
  // Splitting the loop to drop the branch measured no faster in V8.
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + (ROUND_CONSTANTS[j] as number)) | 0, 7);
    const ss2 = ss1 ^ a12;
    const wj = w[j] as number;
    const wPrime = wj ^ (w[j + 4] as number);
    let ff: number;
    let gg: number;
    if (j < 16) {
      ff = a ^ b ^ c;
      gg = e ^ f ^ g;
    } else {
      ff = (a & b) | (a & c) | (b & c);
      gg = (e & f) | (~e & g);
    }
    const tt1 = (ff + d + ss2 + wPrime) | 0;
    const tt2 = (gg + h + ss1 + wj) | 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = p0(tt2);
  }

  state[0] = (state[0] as number) ^ a;
  state[1] = (state[1] as number) ^ b;
  state[2] = (state[2] as number) ^ c;
  state[3] = (state[3] as number) ^ d;
  state[4] = (state[4] as number) ^ e;
  state[5] = (state[5] as number) ^ f;
  state[6] = (state[6] as number) ^ g;
  state[7] = (state[7] as number) ^ h;
}
