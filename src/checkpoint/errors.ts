// Refusals of signed notes and checkpoints. Tools match on `code`, never on the message, so a code
// once published keeps its meaning. The API turns none of these into HTTP answers: a node only
// writes notes; verifiers (the SDK, a court's tool, a witness) read them.

export type NoteErrorCode =
  /** Not a signed note: bad UTF-8, a control character, no blank line before the signatures, a bad signature line. */
  | 'NOTE_MALFORMED'
  /** More bytes or signature lines than a verifier reads (NOTE_BYTES_MAX, NOTE_SIGNATURES_MAX). */
  | 'NOTE_TOO_LARGE'
  /** Two signature lines of one known key: refused rather than choosing one of them. */
  | 'NOTE_SIGNATURE_DUPLICATE'
  /** A signature of a known key does not verify: the whole note is refused. */
  | 'NOTE_SIGNATURE_INVALID'
  /** No signature of a known key: the text must not be trusted. */
  | 'NOTE_UNVERIFIED'
  /** A verifier key or signer name that is not `<name>+<8 hex>+<base64(0x01 || key)>` with a matching key ID. */
  | 'NOTE_KEY_INVALID'
  /** Text a note cannot carry (empty, not ending in a newline, a control character, not UTF-8). */
  | 'NOTE_TEXT_INVALID'
  /** A note text that is not origin, tree size, root hash and non-empty extension lines. */
  | 'CHECKPOINT_MALFORMED';

export class NoteError extends Error {
  override name = 'NoteError';

  constructor(readonly code: NoteErrorCode, message: string) {
    super(message);
  }
}

export function isNoteError(error: unknown): error is NoteError {
  return error instanceof NoteError;
}
