// Signed notes and checkpoints in the C2SP formats (c2sp.org/signed-note, c2sp.org/tlog-checkpoint)
// over the chain's history tree (docs/checkpoints.md). Pure: no node:*, no storage, no network, so
// the SDK, the browser page and a witness can use it as the node does.
export { NoteError, isNoteError, type NoteErrorCode } from './errors.js';
export {
  ED25519_SIGNATURE_TYPE, ed25519NoteSigner, encodeVerifierKey, isKeyName, keyIdHex, noteKeyId, parseTypedKey, parseVerifierKey,
  typedKeyId,
  type NoteSigner, type NoteVerifier,
} from './keys.js';
export {
  NOTE_BYTES_MAX, NOTE_SIGNATURES_MAX, checkNoteText, openNote, parseNote, signNote, verifyNote,
  type NoteSignature, type OpenedNote, type ParsedNote,
} from './note.js';
export { checkpointOfHeader, encodeCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint.js';
export {
  COSIGNATURE_V1_TYPE, cosignatureMessage, cosignerKeyId, parseWitnessKey, verifyCosignatures,
  type CosignatureCheck, type CosignatureVerify, type CosignerKey,
} from './cosignature.js';
