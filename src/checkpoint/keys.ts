// Keys of C2SP signed notes (c2sp.org/signed-note), Ed25519 signature type 0x01 only: the chain's
// keys are Ed25519, and the spec asks implementations to support only the types they need.
//
//   key ID        = SHA-256(name || 0x0A || 0x01 || 32-byte public key)[:4], a big-endian uint32
//   verifier key  = <name>+<key ID as 8 lowercase hex>+<base64(0x01 || public key)>
import { checkRegistrableKey, sign, verifyStrict } from '../crypto/ed25519.js';
import { sha256 } from '../crypto/hash.js';
import { PUBLIC_KEY_BYTES, asPublicKey, concatBytes, fromBase64, readU32be, toBase64, utf8,
  type PublicKey } from '../types/index.js';
import { NoteError } from './errors.js';

export const ED25519_SIGNATURE_TYPE = 0x01;
const NEWLINE = 0x0a;
const KEY_ID_HEX_RE = /^[0-9a-f]{8}$/;
/**
 * Unicode spaces as Go's unicode.IsSpace sees them (what the reference implementation refuses in
 * names): JavaScript's \s lacks U+0085 (NEL) and adds U+FEFF, which is no space there.
 */
const SPACE_RE = /[\s\u0085]/u;
const NAME_BYTES_MAX = 256;

/** A key that may sign: its name, key ID, and a function signing the exact note text bytes. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(text: Uint8Array): Uint8Array;
}

/** A key a verifier trusts, parsed from its verifier key. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: PublicKey;
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

/**
 * Key names are non-empty and hold no Unicode space and no '+' (the spec's rule, which keeps the
 * verifier key's '+' separators and the signature line's spaces unambiguous).
 */
export function isKeyName(name: string): boolean {
  if (name.length === 0 || name.includes('+') || SPACE_RE.test(name)) return false;
  // Control characters are not spaces, but a note may not hold them anywhere.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/u.test(name)) return false;
  return isWellFormed(name) && utf8(name).length <= NAME_BYTES_MAX;
}

/** No lone surrogate: such a string has no UTF-8 form (TextEncoder would write U+FFFD instead). */
export function isWellFormed(text: string): boolean {
  // With the u flag, a surrogate range matches only surrogates that are not half of a pair.
  return !/[\uD800-\uDFFF]/u.test(text);
}

/** SHA-256(name || 0x0A || type || public key)[:4]: the key ID of a key of this type (0x01 a log's, 0x04 a witness's). */
export function typedKeyId(name: string, type: number, publicKey: Uint8Array): number {
  return readU32be(sha256(concatBytes(utf8(name), Uint8Array.of(NEWLINE, type), publicKey)), 0);
}

export function noteKeyId(name: string, publicKey: Uint8Array): number {
  return typedKeyId(name, ED25519_SIGNATURE_TYPE, publicKey);
}

export function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

function checkName(name: string): void {
  if (!isKeyName(name)) {
    throw new NoteError('NOTE_KEY_INVALID', 'a key name must be non-empty, without spaces, \'+\' or control characters');
  }
}

function checkPublicKey(publicKey: Uint8Array): PublicKey {
  const rejection = checkRegistrableKey(publicKey);
  // The chain registers no such key either; refusing it keeps every verifier's answer the same.
  if (rejection !== undefined) throw new NoteError('NOTE_KEY_INVALID', `the Ed25519 public key is refused: ${rejection}`);
  return asPublicKey(publicKey);
}

/** The verifier key a signer publishes for `name` and its Ed25519 public key. */
export function encodeVerifierKey(name: string, publicKey: Uint8Array): string {
  checkName(name);
  const key = checkPublicKey(publicKey);
  return `${name}+${keyIdHex(noteKeyId(name, key))}+${toBase64(concatBytes(Uint8Array.of(ED25519_SIGNATURE_TYPE), key))}`;
}

/**
 * Parses a verifier key strictly: three fields separated by the first two '+', the key ID as 8 lowercase hex
 * digits, canonical base64 of the type byte 0x01 and 32 key bytes, and a key ID that is the one the
 * name and key give (a verifier key that names another ID is a mistake or a trap, never a key).
 */
export function parseVerifierKey(text: string): NoteVerifier {
  const { name, keyId, publicKey } = parseTypedKey(text, ED25519_SIGNATURE_TYPE, 'only Ed25519, 0x01');
  return {
    name, keyId, publicKey,
    verify: (message, signature) => verifyStrict(publicKey, message, signature),
  };
}

/**
 * Parses `<name>+<key ID>+base64(type || key)` for keys of one type (a log's, a witness's). Only the
 * first two '+' separate fields: base64 has '+' of its own, and a name has none. Throws NOTE_KEY_INVALID;
 * `supported` says which type is, for the message.
 */
export function parseTypedKey(text: string, type: number, supported: string): { name: string; keyId: number; publicKey: PublicKey } {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw new NoteError('NOTE_KEY_INVALID', 'a verifier key is <name>+<key id>+<key>');
  const [name, idHex, keyBase64] = [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
  checkName(name);
  if (!KEY_ID_HEX_RE.test(idHex)) throw new NoteError('NOTE_KEY_INVALID', 'the key ID must be 8 lowercase hex digits');
  const keyBytes = fromBase64(keyBase64);
  if (keyBytes === undefined || keyBytes.length !== 1 + PUBLIC_KEY_BYTES) {
    throw new NoteError('NOTE_KEY_INVALID', `the key must be canonical base64 of ${1 + PUBLIC_KEY_BYTES} bytes`);
  }
  if (keyBytes[0] !== type) {
    throw new NoteError('NOTE_KEY_INVALID', `signature type 0x${keyBytes[0]!.toString(16).padStart(2, '0')} is not supported (${supported})`);
  }
  const publicKey = checkPublicKey(keyBytes.slice(1));
  const keyId = typedKeyId(name, type, publicKey);
  if (keyIdHex(keyId) !== idHex) throw new NoteError('NOTE_KEY_INVALID', 'the key ID is not the one of this name and key');
  return { name, keyId, publicKey };
}

/** A signer for `name` with an Ed25519 key (its RFC 8032 seed and public key). */
export function ed25519NoteSigner(name: string, key: { readonly seed: Uint8Array; readonly publicKey: Uint8Array }): NoteSigner {
  checkName(name);
  const publicKey = checkPublicKey(key.publicKey);
  return { name, keyId: noteKeyId(name, publicKey), sign: (text) => sign(key.seed, text) };
}
