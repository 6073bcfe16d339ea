// Loads the C2SP CCTV ed25519 edge-case vectors from ../shared/vectors/ (beside the project root, not
// copied into it: see that folder's README) and measures which vectors a verifier accepts. Shared by
// the vector test and scripts/gen-ed25519-accept-sets.ts, so the pinned sets and the check that
// re-measures them read the vectors the same way.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromHex, utf8 } from '../../src/types/index.js';

export const VECTORS_FILE = fileURLToPath(new URL('../../../shared/vectors/ed25519/ed25519vectors.json', import.meta.url));
export const ACCEPT_SETS_FILE = fileURLToPath(new URL('../vectors/ed25519-accept-sets.json', import.meta.url));
export const VECTOR_COUNT = 914;

export interface Ed25519Vector {
  readonly number: number;
  readonly publicKey: Uint8Array;
  readonly signature: Uint8Array;
  readonly message: Uint8Array;
  readonly flags: readonly string[];
}

/** The committed accept sets: vector numbers, ascending. */
export interface AcceptSets {
  readonly vectors: number;
  readonly nodeVerifier: { readonly count: number; readonly accepted: readonly number[] };
  readonly nobleStrict: { readonly count: number; readonly accepted: readonly number[] };
}

export function vectorsPresent(): boolean {
  return existsSync(VECTORS_FILE);
}

export function loadVectors(): Ed25519Vector[] {
  const raw = JSON.parse(readFileSync(VECTORS_FILE, 'utf8')) as unknown;
  if (!Array.isArray(raw)) throw new Error(`${VECTORS_FILE}: expected a JSON array`);
  return raw.map((entry: unknown, index) => {
    const v = entry as { number?: unknown; key?: unknown; sig?: unknown; msg?: unknown; flags?: unknown };
    const publicKey = typeof v.key === 'string' ? fromHex(v.key) : undefined;
    const signature = typeof v.sig === 'string' ? fromHex(v.sig) : undefined;
    // The file's numbers are its array positions; the pinned sets rely on that.
    if (v.number !== index || publicKey === undefined || signature === undefined || typeof v.msg !== 'string') {
      throw new Error(`${VECTORS_FILE}: vector at position ${index} is malformed`);
    }
    const flags = v.flags === null || v.flags === undefined ? [] : (v.flags as string[]);
    return { number: index, publicKey, signature, message: utf8(v.msg), flags };
  });
}

export type VerifyFn = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

export function acceptedNumbers(vectors: readonly Ed25519Vector[], verify: VerifyFn): number[] {
  return vectors.filter((v) => verify(v.publicKey, v.message, v.signature)).map((v) => v.number);
}
