// Cosignatures (c2sp.org/tlog-cosignature, cosignature/v1, Ed25519 only): a witness's note
// signature on a checkpoint, stating that as of a time it saw no larger consistent tree of the log.
//
//   key ID     = SHA-256(name || 0x0A || 0x04 || 32-byte public key)[:4]
//   line       = — <name> base64(key ID || u64 big-endian timestamp || Ed25519 signature)
//   signed     = "cosignature/v1\ntime <timestamp>\n" || the checkpoint's note text
//
// The type byte 0x04 keeps a cosignature from ever passing as the log's own signature (0x01) of the
// same text, and keeps a key used for both from giving one key ID to both roles. Pure: no node:*.
// The verification itself lives in checkpoint/cosignature.ts (the state machine reads it too); this
// file signs, answers key refusals as WitnessErrors, and re-exports the rest under the old names.
import { checkRegistrableKey, sign } from '../crypto/ed25519.js';
import {
  COSIGNATURE_V1_TYPE, cosignatureMessage, cosignerKeyId, isKeyName, isNoteError, keyIdHex, parseWitnessKey,
  verifyCosignatures as verifyCosignatureKeys, type CosignatureCheck, type CosignerKey,
} from '../checkpoint/index.js';
import { SIGNATURE_BYTES, asPublicKey, concatBytes, toBase64, type PublicKey } from '../types/index.js';
import { WitnessError } from './errors.js';

export { COSIGNATURE_V1_TYPE, cosignatureMessage, cosignerKeyId, type CosignatureCheck, type CosignerKey };
const KEY_ID_BYTES = 4;
const TIMESTAMP_BYTES = 8;

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

/** The verifier key a witness publishes: `<name>+<key ID>+base64(0x04 || public key)`. */
export function encodeCosignerKey(name: string, publicKey: Uint8Array): string {
  const key = checkedKey(name, publicKey);
  return `${name}+${keyIdHex(cosignerKeyId(name, key))}+${toBase64(concatBytes(Uint8Array.of(COSIGNATURE_V1_TYPE), key))}`;
}

/** Parses a witness verifier key strictly, as parseVerifierKey does a log's (the first two '+' split it). */
export function parseCosignerKey(text: string): CosignerKey {
  try {
    return parseWitnessKey(text);
  } catch (error) {
    if (isNoteError(error)) invalidKey(error.message);
    throw error;
  }
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

/**
 * Checks a note's cosignatures against the witnesses a client trusts (verifier keys or parsed keys):
 * ok when at least `k` distinct ones cosigned its text (checkpoint/cosignature.ts). A verifier key
 * that does not parse is a WitnessError (COSIGNER_KEY_INVALID).
 */
export function verifyCosignatures(note: string | Uint8Array, witnessKeys: readonly (string | CosignerKey)[], k: number): CosignatureCheck {
  return verifyCosignatureKeys(note, witnessKeys.map((key) => (typeof key === 'string' ? parseCosignerKey(key) : key)), k);
}
