// Cosignatures (c2sp.org/tlog-cosignature, cosignature/v1, Ed25519 only): a witness's note
// signature on a checkpoint, stating that as of a time it saw no larger consistent tree of the log.
//
//   key ID     = SHA-256(name || 0x0A || 0x04 || 32-byte public key)[:4]
//   line       = — <name> base64(key ID || u64 big-endian timestamp || Ed25519 signature)
//   signed     = "cosignature/v1\ntime <timestamp>\n" || the checkpoint's note text
//
// The type byte 0x04 keeps a cosignature from ever passing as the log's own signature (0x01) of the
// same text, and keeps a key used for both from giving one key ID to both roles. Pure: no node:*,
// so a receipt verifier or the browser can check cosignatures.
import { checkRegistrableKey, sign, verifyStrict } from '../crypto/ed25519.js';
import { isKeyName, isNoteError, keyIdHex, parseNote, parseTypedKey, typedKeyId } from '../checkpoint/index.js';
import { SIGNATURE_BYTES, asPublicKey, concatBytes, toBase64, utf8, type PublicKey } from '../types/index.js';
import { WitnessError } from './errors.js';

export const COSIGNATURE_V1_TYPE = 0x04;
const KEY_ID_BYTES = 4;
const TIMESTAMP_BYTES = 8;

/** A witness key a client trusts: its name, key ID and Ed25519 public key. */
export interface CosignerKey {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: PublicKey;
}

/** A witness key that signs: what the witness needs to cosign. */
export interface Cosigner extends CosignerKey {
  /** The cosignature line (ending in a newline) on a checkpoint's note text at `timestamp` (POSIX seconds). */
  cosign(text: string, timestamp: number): string;
}

function invalidKey(message: string): never {
  throw new WitnessError('COSIGNER_KEY_INVALID', message);
}

function checkedKey(name: string, publicKey: Uint8Array): PublicKey {
  if (!isKeyName(name)) invalidKey('a key name must be non-empty, without spaces, \'+\' or control characters');
  const rejection = checkRegistrableKey(publicKey);
  if (rejection !== undefined) invalidKey(`the Ed25519 public key is refused: ${rejection}`);
  return asPublicKey(publicKey);
}

export function cosignerKeyId(name: string, publicKey: Uint8Array): number {
  return typedKeyId(name, COSIGNATURE_V1_TYPE, publicKey);
}

/** The verifier key a witness publishes: `<name>+<key ID>+base64(0x04 || public key)`. */
export function encodeCosignerKey(name: string, publicKey: Uint8Array): string {
  const key = checkedKey(name, publicKey);
  return `${name}+${keyIdHex(cosignerKeyId(name, key))}+${toBase64(concatBytes(Uint8Array.of(COSIGNATURE_V1_TYPE), key))}`;
}

/** Parses a witness verifier key strictly, as parseVerifierKey does a log's (the first two '+' split it). */
export function parseCosignerKey(text: string): CosignerKey {
  try {
    return parseTypedKey(text, COSIGNATURE_V1_TYPE, 'only cosignature/v1 keys, 0x04, are witness keys');
  } catch (error) {
    if (isNoteError(error)) invalidKey(error.message);
    throw error;
  }
}

/** The bytes a cosignature/v1 signature covers. */
export function cosignatureMessage(text: string, timestamp: number): Uint8Array {
  return utf8(`cosignature/v1\ntime ${timestamp}\n${text}`);
}

/** A cosigner for `name` with an Ed25519 key (its RFC 8032 seed and public key). */
export function ed25519Cosigner(name: string, key: { readonly seed: Uint8Array; readonly publicKey: Uint8Array }): Cosigner {
  const publicKey = checkedKey(name, key.publicKey);
  const keyId = cosignerKeyId(name, publicKey);
  return {
    name, keyId, publicKey,
    cosign(text, timestamp) {
      // Timestamps beyond 2^53 cannot be written from a JS number exactly; no clock reads one.
      if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError(`timestamp ${timestamp} is not POSIX seconds`);
      const payload = new Uint8Array(KEY_ID_BYTES + TIMESTAMP_BYTES + SIGNATURE_BYTES);
      const view = new DataView(payload.buffer);
      view.setUint32(0, keyId >>> 0);
      view.setBigUint64(KEY_ID_BYTES, BigInt(timestamp));
      payload.set(sign(key.seed, cosignatureMessage(text, timestamp)), KEY_ID_BYTES + TIMESTAMP_BYTES);
      return `\u2014 ${name} ${toBase64(payload)}\n`;
    },
  };
}

export interface CosignatureCheck {
  /** At least k distinct named witnesses cosigned the note's text. */
  readonly ok: boolean;
  /** The witnesses whose cosignature verified, with the time each signed at, in the note's order. */
  readonly verified: readonly { readonly name: string; readonly keyId: number; readonly timestamp: number }[];
  /** Lines naming a trusted witness whose cosignature does not verify: never counted. */
  readonly invalid: readonly { readonly name: string; readonly keyId: number }[];
}

/** The timestamp of a cosignature payload, or undefined when it is not 8 + 64 bytes or not a safe integer. */
function timestampOf(signature: Uint8Array): number | undefined {
  if (signature.length !== TIMESTAMP_BYTES + SIGNATURE_BYTES) return undefined;
  const value = new DataView(signature.buffer, signature.byteOffset, TIMESTAMP_BYTES).getBigUint64(0);
  // The spec caps timestamps at 2^63−1; below 2^53 is all a clock of this era can mean.
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}

/**
 * Checks a note's cosignatures against the witnesses a client trusts: ok when at least `k` distinct
 * ones cosigned its text. Lines of other keys (the log's own, unknown witnesses) are ignored, as the
 * spec asks; a trusted witness's line that fails is reported in `invalid` and not counted. The log's
 * signature is not checked here: open the note with the log's keys (openNote) for that.
 */
export function verifyCosignatures(note: string | Uint8Array, witnessKeys: readonly (string | CosignerKey)[], k: number): CosignatureCheck {
  const keys = witnessKeys.map((key) => (typeof key === 'string' ? parseCosignerKey(key) : key));
  const known = new Map(keys.map((key) => [`${key.name} ${keyIdHex(key.keyId)}`, key]));
  if (!Number.isSafeInteger(k) || k < 1 || k > known.size) throw new RangeError(`k = ${k} is not in 1..${known.size} (the distinct witness keys)`);
  const { text, signatures } = parseNote(note);
  const verified: { name: string; keyId: number; timestamp: number }[] = [];
  const invalid: { name: string; keyId: number }[] = [];
  const counted = new Set<string>();
  for (const line of signatures) {
    const id = `${line.name} ${keyIdHex(line.keyId)}`;
    const key = known.get(id);
    if (key === undefined) continue;
    const timestamp = timestampOf(line.signature);
    const good = timestamp !== undefined
      && verifyStrict(key.publicKey, cosignatureMessage(text, timestamp), line.signature.subarray(TIMESTAMP_BYTES));
    if (!good) {
      invalid.push({ name: line.name, keyId: line.keyId });
    } else if (!counted.has(id)) {
      counted.add(id);
      verified.push({ name: line.name, keyId: line.keyId, timestamp });
    }
  }
  return { ok: counted.size >= k, verified, invalid };
}
