// Ed25519 with @noble/ed25519: key generation, signing, and the SDK's verification rule. Runs in the
// browser and in Node. The node's hot path verifies with node:crypto instead (verify-node.ts); the
// two rules agree on every registrable key except 14 low-order-residue signatures that only noble
// accepts, so the SDK never refuses what a node accepted (pinned in test/crypto/ed25519-vectors).
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { type PublicKey, PUBLIC_KEY_BYTES, SIGNATURE_BYTES, equalBytes } from '../types/index.js';

ed.hashes.sha512 = sha512;

export const SEED_BYTES = 32;

export interface KeyPair {
  /** RFC 8032 private key seed: 32 bytes. */
  readonly seed: Uint8Array;
  readonly publicKey: PublicKey;
}

export interface SignatureVerifier {
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

export function keyPairFromSeed(seed: Uint8Array): KeyPair {
  if (seed.length !== SEED_BYTES) throw new RangeError(`ed25519 seed must be ${SEED_BYTES} bytes`);
  return { seed, publicKey: ed.getPublicKey(seed) as PublicKey };
}

export function generateKeyPair(): KeyPair {
  return keyPairFromSeed(ed.utils.randomSecretKey());
}

export function sign(seed: Uint8Array, message: Uint8Array): Uint8Array {
  return ed.sign(message, seed);
}

/** RFC 8032 verification as noble implements it with `zip215: false`; never throws. */
export function verifyStrict(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== PUBLIC_KEY_BYTES || signature.length !== SIGNATURE_BYTES) return false;
  try {
    return ed.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

export type KeyRejection = 'length' | 'non-canonical' | 'not-on-curve' | 'low-order' | 'not-prime-order';

/**
 * Whether a public key may be registered on the chain. Refusing non-canonical encodings and keys
 * with a torsion component is what makes every verifier we ship agree on signatures by members.
 */
export function checkRegistrableKey(publicKey: Uint8Array): KeyRejection | undefined {
  if (publicKey.length !== PUBLIC_KEY_BYTES) return 'length';
  let point: ed.Point;
  try {
    point = ed.Point.fromBytes(publicKey, false);
  } catch {
    // Noble refuses y >= p here, points whose y has no x on the curve, and x = 0 with the sign bit
    // set: a second encoding of (0, 1) or (0, -1), which is non-canonical, not off the curve.
    if (!isCanonicalY(publicKey)) return 'non-canonical';
    const unsigned = publicKey.slice();
    unsigned[PUBLIC_KEY_BYTES - 1]! &= 0x7f;
    try {
      ed.Point.fromBytes(unsigned, false);
      return 'non-canonical';
    } catch {
      return 'not-on-curve';
    }
  }
  if (!equalBytes(point.toBytes(), publicKey)) return 'non-canonical';
  if (point.isSmallOrder()) return 'low-order';
  if (!point.isTorsionFree()) return 'not-prime-order';
  return undefined;
}

const P = 2n ** 255n - 19n;
function isCanonicalY(encoded: Uint8Array): boolean {
  let y = 0n;
  for (let i = PUBLIC_KEY_BYTES - 1; i >= 0; i--) y = (y << 8n) | BigInt(encoded[i]!);
  y &= (1n << 255n) - 1n;
  return y < P;
}
