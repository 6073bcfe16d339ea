// Cosignature verification (c2sp.org/tlog-cosignature, cosignature/v1, Ed25519 only): a witness's
// note signature on a checkpoint, stating that as of a time it saw no larger consistent tree of the
// log. Here beside the signed notes, pure, so that every reader of checkpoints checks cosignatures
// alike: the SDK and the browser, a witness (witness/cosignature.ts signs and re-exports these),
// and the state machine, which follows a transparency log (state/crosschain/) and verifies with
// the verifier it is given.
//
//   key ID     = SHA-256(name || 0x0A || 0x04 || 32-byte public key)[:4]
//   line       = — <name> base64(key ID || u64 big-endian timestamp || Ed25519 signature)
//   signed     = "cosignature/v1\ntime <timestamp>\n" || the checkpoint's note text
//
// The type byte 0x04 keeps a cosignature from ever passing as the log's own signature (0x01) of the
// same text, and keeps a key used for both from giving one key ID to both roles.
import { verifyStrict } from '../crypto/ed25519.js';
import { SIGNATURE_BYTES, utf8, type PublicKey } from '../types/index.js';
import { keyIdHex, parseTypedKey, typedKeyId } from './keys.js';
import { parseNote } from './note.js';

export const COSIGNATURE_V1_TYPE = 0x04;
const TIMESTAMP_BYTES = 8;

/** A witness key a client trusts: its name, key ID and Ed25519 public key. */
export interface CosignerKey {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: PublicKey;
}

/** Verifies one Ed25519 signature; the default is the SDK's rule (verifyStrict). */
export type CosignatureVerify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

export function cosignerKeyId(name: string, publicKey: Uint8Array): number {
  return typedKeyId(name, COSIGNATURE_V1_TYPE, publicKey);
}

/**
 * Parses a witness verifier key `<name>+<key ID>+base64(0x04 || public key)` strictly, as
 * parseVerifierKey does a log's. Throws a NoteError (NOTE_KEY_INVALID); the witness's own
 * parseCosignerKey answers the same refusal as a WitnessError.
 */
export function parseWitnessKey(text: string): CosignerKey {
  return parseTypedKey(text, COSIGNATURE_V1_TYPE, 'only cosignature/v1 keys, 0x04, are witness keys');
}

/** The bytes a cosignature/v1 signature covers. */
export function cosignatureMessage(text: string, timestamp: number): Uint8Array {
  return utf8(`cosignature/v1\ntime ${timestamp}\n${text}`);
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
 * signature is not checked here: open the note with the log's keys (openNote) for that. Throws
 * RangeError for a k outside 1..(distinct keys), and the note's NoteError when it does not parse.
 */
export function verifyCosignatures(note: string | Uint8Array, keys: readonly CosignerKey[], k: number,
  verify: CosignatureVerify = verifyStrict): CosignatureCheck {
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
      && verify(key.publicKey, cosignatureMessage(text, timestamp), line.signature.subarray(TIMESTAMP_BYTES));
    if (!good) {
      invalid.push({ name: line.name, keyId: line.keyId });
    } else if (!counted.has(id)) {
      counted.add(id);
      verified.push({ name: line.name, keyId: line.keyId, timestamp });
    }
  }
  return { ok: counted.size >= k, verified, invalid };
}
