// Branded primitives: the compiler keeps a height from being passed where a round is expected,
// and a 32-byte hash from being confused with a public key. Brands cost nothing at run time.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** SHA-256 (or SM3) output: always 32 bytes. */
export type Hash32 = Brand<Uint8Array, 'Hash32'>;
/** Raw ed25519 public key: 32 bytes, checked as registrable where it enters the chain. */
export type PublicKey = Brand<Uint8Array, 'PublicKey'>;
/** Block height; the first block has height 1. */
export type Height = Brand<number, 'Height'>;
/** Consensus round within a height, from 0. */
export type Round = Brand<number, 'Round'>;
/** Milliseconds since the Unix epoch. */
export type TimeMs = Brand<number, 'TimeMs'>;
/** A node or member id: lowercase hex of its ed25519 public key. */
export type NodeId = Brand<string, 'NodeId'>;

export const HASH_BYTES = 32;
export const PUBLIC_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;

export function asHash32(bytes: Uint8Array): Hash32 {
  assert(bytes.length === HASH_BYTES, () => `hash must be ${HASH_BYTES} bytes, got ${bytes.length}`);
  return bytes as Hash32;
}

export function asPublicKey(bytes: Uint8Array): PublicKey {
  assert(bytes.length === PUBLIC_KEY_BYTES, () => `public key must be ${PUBLIC_KEY_BYTES} bytes, got ${bytes.length}`);
  return bytes as PublicKey;
}

export function asHeight(n: number): Height {
  assert(Number.isSafeInteger(n) && n >= 0, () => `height must be a non-negative safe integer, got ${n}`);
  return n as Height;
}

export function asRound(n: number): Round {
  assert(Number.isSafeInteger(n) && n >= 0, () => `round must be a non-negative safe integer, got ${n}`);
  return n as Round;
}

export function asTimeMs(n: number): TimeMs {
  assert(Number.isSafeInteger(n) && n >= 0, () => `time must be non-negative integer milliseconds, got ${n}`);
  return n as TimeMs;
}

export class AssertionError extends Error {
  override name = 'AssertionError';
}

/**
 * Crashes on a broken invariant. Only for programmer errors and corrupted internal state: input from
 * users and peers is checked with typed errors (errors.ts), never with assert. A message built from
 * values is passed as a function: a template literal is evaluated on every call, the assertion
 * holding or not, and on hot paths (every event of a block, every node of a Merkle tree) those
 * strings cost more than the check.
 */
export function assert(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new AssertionError(typeof message === 'string' ? message : message());
}
