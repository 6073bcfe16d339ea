// C2SP signed notes (c2sp.org/signed-note): a UTF-8 text ending in a newline, a blank line, and one
// or more signature lines `— <key name> <base64(key ID || signature)>`. The signature covers the
// text bytes exactly, its final newline included and the blank line not.
//
// Opening a note follows the spec's rules and refuses whatever is unclear rather than guess:
// - valid UTF-8, no control character but the newline, at most NOTE_BYTES_MAX bytes;
// - the text ends at the LAST blank line; every line after it is a signature line, at least one,
//   at most NOTE_SIGNATURES_MAX;
// - a signature line whose (name, key ID) is no known key is ignored (MUST), even when the name or
//   the ID alone matches one;
// - a known key's signature that fails refuses the whole note (the spec's SHOULD, taken);
// - two signature lines of one known key refuse the note: which to believe is not ours to choose;
// - no verified signature of a known key refuses the note (MUST).
import { SIGNATURE_BYTES, fromBase64, readU32be, toBase64, utf8 } from '../types/index.js';
import { NoteError } from './errors.js';
import { isKeyName, isWellFormed, keyIdHex, type NoteSigner, type NoteVerifier } from './keys.js';

/** Bytes a note may have: far above any checkpoint with its cosignatures, far below a burden. */
export const NOTE_BYTES_MAX = 1 << 20;
/** Signature lines read at most; the spec asks for at least 16, Go's reference reads 100. */
export const NOTE_SIGNATURES_MAX = 100;
const KEY_ID_BYTES = 4;
const SIGNATURE_PREFIX = '\u2014 ';
const SEPARATOR = '\n\n';
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** One signature line as read: who claims to have signed, and the signature bytes without the key ID. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  readonly signature: Uint8Array;
}

export interface OpenedNote {
  /** The signed text, its final newline included. */
  readonly text: string;
  /** Signatures of known keys, each verified, in the order of the note. */
  readonly verified: readonly NoteSignature[];
  /** Signature lines of keys the verifier does not know: not checked, kept for a caller that cosigns or forwards. */
  readonly unknown: readonly NoteSignature[];
}

/** Text a note may carry: non-empty, ending in a newline, UTF-8, no control character but the newline. */
export function checkNoteText(text: string): void {
  if (text.length === 0 || !text.endsWith('\n')) throw new NoteError('NOTE_TEXT_INVALID', 'a note text must end with a newline');
  if (!isWellFormed(text)) throw new NoteError('NOTE_TEXT_INVALID', 'a note text must be valid Unicode (no lone surrogate)');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/u.test(text)) {
    throw new NoteError('NOTE_TEXT_INVALID', 'a note text may hold no control character but the newline');
  }
}

/** Signs `text` with every signer, in the order given; the result opens with any of their verifier keys. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkNoteText(text);
  if (signers.length === 0) throw new NoteError('NOTE_TEXT_INVALID', 'a signed note needs at least one signature');
  if (signers.length > NOTE_SIGNATURES_MAX) throw new NoteError('NOTE_TOO_LARGE', `at most ${NOTE_SIGNATURES_MAX} signatures`);
  const bytes = utf8(text);
  const seen = new Set<string>();
  let lines = '';
  for (const signer of signers) {
    if (!isKeyName(signer.name)) throw new NoteError('NOTE_KEY_INVALID', `signer name ${JSON.stringify(signer.name)} is not a key name`);
    const id = `${signer.name} ${keyIdHex(signer.keyId)}`;
    if (seen.has(id)) throw new NoteError('NOTE_SIGNATURE_DUPLICATE', `key ${id} is given twice`);
    seen.add(id);
    const signature = signer.sign(bytes);
    const payload = new Uint8Array(KEY_ID_BYTES + signature.length);
    new DataView(payload.buffer).setUint32(0, signer.keyId >>> 0);
    payload.set(signature, KEY_ID_BYTES);
    lines += `${SIGNATURE_PREFIX}${signer.name} ${toBase64(payload)}\n`;
  }
  const note = `${text}\n${lines}`;
  if (utf8(note).length > NOTE_BYTES_MAX) throw new NoteError('NOTE_TOO_LARGE', `a note may hold at most ${NOTE_BYTES_MAX} bytes`);
  return note;
}

/** A note split into its text and signature lines, before any signature is checked. */
export interface ParsedNote {
  readonly text: string;
  readonly textBytes: Uint8Array;
  readonly signatures: readonly NoteSignature[];
}

/** Splits a note into its text and signature lines, checking only the form (no key, no signature). */
export function parseNote(note: string | Uint8Array): ParsedNote {
  const bytes = typeof note === 'string' ? utf8(checkedString(note)) : note;
  if (bytes.length > NOTE_BYTES_MAX) throw new NoteError('NOTE_TOO_LARGE', `a note may hold at most ${NOTE_BYTES_MAX} bytes`);
  let whole: string;
  try {
    whole = fatalUtf8.decode(bytes);
  } catch {
    throw new NoteError('NOTE_MALFORMED', 'a note must be valid UTF-8');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/u.test(whole)) throw new NoteError('NOTE_MALFORMED', 'a note may hold no control character but the newline');
  const split = whole.lastIndexOf(SEPARATOR);
  if (split < 0) throw new NoteError('NOTE_MALFORMED', 'no blank line separates the text from the signatures');
  const text = whole.slice(0, split + 1);
  const block = whole.slice(split + SEPARATOR.length);
  if (block.length === 0 || !block.endsWith('\n')) throw new NoteError('NOTE_MALFORMED', 'the signatures must be lines ending in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > NOTE_SIGNATURES_MAX) throw new NoteError('NOTE_TOO_LARGE', `more than ${NOTE_SIGNATURES_MAX} signature lines`);
  return { text, textBytes: utf8(text), signatures: lines.map(parseSignatureLine) };
}

function checkedString(note: string): string {
  if (!isWellFormed(note)) throw new NoteError('NOTE_MALFORMED', 'a note must be valid Unicode (no lone surrogate)');
  return note;
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) throw new NoteError('NOTE_MALFORMED', 'a signature line starts with an em dash and a space');
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? '' : rest.slice(0, space);
  const payload = space < 0 ? undefined : fromBase64(rest.slice(space + 1));
  if (!isKeyName(name)) throw new NoteError('NOTE_MALFORMED', 'a signature line names no valid key name');
  if (payload === undefined || payload.length <= KEY_ID_BYTES) {
    throw new NoteError('NOTE_MALFORMED', 'a signature is canonical base64 of a key ID and at least one signature byte');
  }
  return { name, keyId: readU32be(payload, 0), signature: payload.slice(KEY_ID_BYTES) };
}

/** Opens a note with the keys the caller trusts; throws a NoteError unless it may be believed. */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  return verifyNote(parseNote(note), verifiers);
}

/** openNote for a note parseNote has split already, so that a caller reading its text first parses it once. */
export function verifyNote(parsed: ParsedNote, verifiers: readonly NoteVerifier[]): OpenedNote {
  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) known.set(`${v.name} ${keyIdHex(v.keyId)}`, v);
  const { text, textBytes, signatures } = parsed;
  const verified: NoteSignature[] = [];
  const unknown: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const signature of signatures) {
    const id = `${signature.name} ${keyIdHex(signature.keyId)}`;
    const verifier = known.get(id);
    if (verifier === undefined) {
      unknown.push(signature);
      continue;
    }
    if (seen.has(id)) throw new NoteError('NOTE_SIGNATURE_DUPLICATE', `key ${id} signed the note twice`);
    seen.add(id);
    if (signature.signature.length !== SIGNATURE_BYTES || !verifier.verify(textBytes, signature.signature)) {
      throw new NoteError('NOTE_SIGNATURE_INVALID', `the signature of key ${id} does not verify`);
    }
    verified.push(signature);
  }
  if (verified.length === 0) throw new NoteError('NOTE_UNVERIFIED', 'no known key signed the note');
  return { text, verified, unknown };
}
