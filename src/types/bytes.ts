// Byte helpers used by every layer. Strict parsers: malformed hex or base64 is an error, never
// silently truncated (Buffer.from(..., 'hex') would stop at the first bad character).

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX_ALPHABET = '0123456789abcdef';

const HEX_CODES = Uint16Array.from(HEX_ALPHABET, (c) => c.charCodeAt(0));
/** Bytes turned into one string piece at a time (String.fromCharCode takes its input as arguments). */
const HEX_CHUNK_BYTES = 4_096;
const hexScratch = new Uint16Array(2 * HEX_CHUNK_BYTES);

/**
 * Lowercase hex. Built from character codes, so a hash comes back as one flat string: appending
 * pairs made a chain of ~30 cons strings per 32-byte hash, which V8 flattened again wherever the
 * hex became a key (Maps, sorting, LevelDB), and a validator makes a dozen such keys per tx.
 * Hex, key, Map and sort per 32-byte hash: 3.8-4.5 µs that way, 1.05 µs this way.
 */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let start = 0; start < bytes.length; start += HEX_CHUNK_BYTES) {
    const end = Math.min(bytes.length, start + HEX_CHUNK_BYTES);
    let at = 0;
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!;
      hexScratch[at++] = HEX_CODES[byte >> 4]!;
      hexScratch[at++] = HEX_CODES[byte & 15]!;
    }
    out += String.fromCharCode.apply(null, hexScratch.subarray(0, at) as unknown as number[]);
  }
  return out;
}

/**
 * Hex of bytes, or a hex string made already (by toHex: lowercase), passed through. Keys and indexes
 * take either, so that a caller holding a tx's id or a signer's hex does not make it again.
 */
export function hexOf(bytes: Uint8Array | string): string {
  return typeof bytes === 'string' ? bytes : toHex(bytes);
}

/** Each character code's hex digit value (either case), 255 for a character that is no hex digit. */
const HEX_VALUES = Uint8Array.from({ length: 128 }, (_, code) => {
  const digit = parseInt(String.fromCharCode(code), 16);
  return Number.isNaN(digit) ? 255 : digit;
});

/**
 * Parses lowercase or uppercase hex; returns undefined when it is not hex of whole bytes. By
 * character codes through a table: the block clock turns thousands of case numbers a block from
 * their key hex back to text, and a lowercase copy, a regex and a parseInt per byte took ~2 µs each.
 */
export function fromHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = HEX_VALUES[text.charCodeAt(2 * i)] ?? 255;
    const low = HEX_VALUES[text.charCodeAt(2 * i + 1)] ?? 255;
    if (high === 255 || low === 255) return undefined;
    out[i] = (high << 4) | low;
  }
  return out;
}

export function isBase64(text: string): boolean {
  return BASE64_RE.test(text);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Parses canonical padded base64; undefined when malformed. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!isBase64(text)) return undefined;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Total order on byte strings (validators are ordered by public key bytes). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();
export const utf8 = (text: string): Uint8Array => utf8Encoder.encode(text);
export const fromUtf8 = (bytes: Uint8Array): string => utf8Decoder.decode(bytes);

export function u64be(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
}

export function readU64be(bytes: Uint8Array, offset = 0): number {
  const value = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('u64 beyond 2^53');
  return Number(value);
}

export function u32be(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

export function readU32be(bytes: Uint8Array, offset = 0): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}

export function i32be(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, n);
  return out;
}

/** Fixed-width, zero-padded hex so that LevelDB key order equals numeric order. */
export function heightKey(n: number): string {
  return n.toString(16).padStart(16, '0');
}
