// Signed transactions: encoding, hashing and the structural decode of untrusted bytes. Semantic
// checks (signature, chain, expiry, permissions) are the state machine's (state/tx-rules.ts).
import { pb, decodeCanonical, type TxBodyMsg, type AnchorEvidenceMsg } from './proto.js';
import { sha256 } from '../crypto/hash.js';
import { TianpingError, toHex, type Hash32, SIGNATURE_BYTES, PUBLIC_KEY_BYTES } from '../types/index.js';

export interface DecodedTx {
  /** The exact SignedTx bytes; the tx hash is taken over these. */
  readonly bytes: Uint8Array;
  readonly hash: Hash32;
  /**
   * The hash in lowercase hex: the key of every index of pending and committed txs (mempool,
   * commit waiters, state). Made once per decoded tx, so each Map it enters hashes the same string
   * instead of a fresh one (a validator used to make it ~10 times per tx).
   */
  readonly id: string;
  readonly bodyBytes: Uint8Array;
  readonly body: TxBodyMsg;
  readonly signature: Uint8Array;
}

export function encodeSignedTx(bodyBytes: Uint8Array, signature: Uint8Array): Uint8Array {
  return pb.SignedTx.encode({ body: bodyBytes, signature }).finish();
}

export function encodeTxBody(body: ConstructorParameters<typeof pb.TxBody>[0]): Uint8Array {
  return pb.TxBody.encode(pb.TxBody.create(body ?? {})).finish();
}

export function txHash(signedTxBytes: Uint8Array): Hash32 {
  return sha256(signedTxBytes);
}

/** Structural decode: size, canonical envelope and body, field lengths. Throws TianpingError. */
export function decodeTx(bytes: Uint8Array, txBytesMax: number): DecodedTx {
  if (bytes.length === 0) throw new TianpingError('TX_MALFORMED', 'transaction is empty');
  if (bytes.length > txBytesMax) {
    throw new TianpingError('TX_TOO_LARGE', `transaction is ${bytes.length} bytes; the limit is ${txBytesMax}`);
  }
  const envelope = decodeCanonical(pb.SignedTx, bytes, 'signed transaction');
  if (envelope.signature.length !== SIGNATURE_BYTES) {
    throw new TianpingError('TX_MALFORMED', `signature must be ${SIGNATURE_BYTES} bytes`);
  }
  const body = decodeCanonical(pb.TxBody, envelope.body, 'transaction body');
  if (body.signer.length !== PUBLIC_KEY_BYTES) {
    throw new TianpingError('TX_MALFORMED', `signer must be a ${PUBLIC_KEY_BYTES}-byte ed25519 public key`);
  }
  const hash = txHash(bytes);
  return { bytes, hash, id: toHex(hash), bodyBytes: envelope.body, body, signature: envelope.signature };
}

/** The anchor action of a decoded body. Decoded sub-messages are full instances with defaults. */
export function anchorOf(body: TxBodyMsg): AnchorEvidenceMsg | undefined {
  return body.action === 'anchorEvidence' && body.anchorEvidence ? (body.anchorEvidence as AnchorEvidenceMsg) : undefined;
}
