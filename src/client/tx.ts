// Builds and signs AnchorEvidence transactions. Runs in the browser and in Node: it imports only
// types, the hash and ed25519 modules and the codec, never node:*.
import { ALGORITHM_IDS, encodeSignedTx, encodeTxBody, txHash, txSignBytes, CHAIN_ID_BYTES_MAX } from '../codec/index.js';
import type { EvidenceAlgorithm } from '../crypto/hash.js';
import { sign, type KeyPair } from '../crypto/ed25519.js';
import { HASH_BYTES, TianpingError, fromHex, utf8, type ErrorCode, type Hash32 } from '../types/index.js';

/** How long a tx stays valid when the caller does not say: long enough to retry, short enough to forget. */
export const DEFAULT_TX_LIFETIME_MS = 10 * 60 * 1000;

export interface AnchorTxParams {
  readonly chainId: string;
  readonly keyPair: KeyPair;
  /** 32 bytes, or 64 hex characters. */
  readonly digest: Uint8Array | string;
  readonly algorithm: EvidenceAlgorithm;
  readonly category: string;
  /** The submitter's own reference (case id, order number); public to whoever holds the file. */
  readonly externalRef?: string;
  /** Digest of metadata kept by the platform: 32 bytes, or 64 hex characters. */
  readonly metadataDigest?: Uint8Array | string;
  /** The digest is H(salt ‖ file hash); the platform keeps the salt. */
  readonly salted?: boolean;
  /** Makes otherwise equal txs distinct; random when omitted. */
  readonly nonce?: number;
  /** Default: nowMs + 10 minutes. */
  readonly expiresAtMs?: number;
  /** Default: Date.now(). */
  readonly nowMs?: number;
}

export interface BuiltTx {
  /** The SignedTx bytes to submit. */
  readonly bytes: Uint8Array;
  /** SHA-256 of bytes: the tx hash the node reports. */
  readonly hash: Hash32;
}

export function buildAnchorTx(params: AnchorTxParams): BuiltTx {
  checkChainId(params.chainId);
  const algorithm = ALGORITHM_IDS[params.algorithm] as number | undefined;
  if (algorithm === undefined) {
    throw new TianpingError('ALGORITHM_UNSUPPORTED', `hash algorithm "${String(params.algorithm)}" is not sha256 or sm3`);
  }
  const digest = toDigest(params.digest, 'digest');
  const metadataDigest = params.metadataDigest === undefined ? undefined : toDigest(params.metadataDigest, 'metadata digest');
  const { nonce, expiresAtMs } = nonceAndExpiry(params, 'EVIDENCE_FIELD_INVALID');
  const body = encodeTxBody({
    chainId: params.chainId,
    signer: params.keyPair.publicKey,
    nonce,
    expiresAtMs,
    anchorEvidence: {
      algorithm,
      digest,
      category: params.category,
      ...(params.externalRef === undefined ? {} : { externalRef: params.externalRef }),
      ...(metadataDigest === undefined ? {} : { metadataDigest }),
      ...(params.salted === undefined ? {} : { salted: params.salted }),
    },
  });
  const signature = sign(params.keyPair.seed, txSignBytes(params.chainId, body));
  const bytes = encodeSignedTx(body, signature);
  return { bytes, hash: txHash(bytes) };
}

/** A uniformly random 48-bit integer: far below 2^53, and collisions are negligible. */
export function randomNonce(): number {
  const words = new Uint16Array(3);
  globalThis.crypto.getRandomValues(words);
  return words[0]! * 2 ** 32 + words[1]! * 2 ** 16 + words[2]!;
}

/** What a governance or case tx needs besides its action: the chain, the signer, and when it lapses. */
export interface TxCommon {
  readonly chainId: string;
  readonly keyPair: KeyPair;
  /** Makes otherwise equal txs distinct (a re-sent vote); random when omitted. */
  readonly nonce?: number;
  /** Default: nowMs + 10 minutes. */
  readonly expiresAtMs?: number;
  /** Default: Date.now(). */
  readonly nowMs?: number;
}

/** The action of a TxBody: every field but the ones TxCommon fills in. */
export type TxAction = Omit<NonNullable<Parameters<typeof encodeTxBody>[0]>, 'chainId' | 'signer' | 'nonce' | 'expiresAtMs'>;

/**
 * A tx's nonce (random when omitted) and expiry (nowMs + DEFAULT_TX_LIFETIME_MS when omitted),
 * checked: TX_NONCE_INVALID, or expiryCode for an expiry that is not a positive integer (an anchor
 * or batch tx answers EVIDENCE_FIELD_INVALID, a governance or case tx TX_EXPIRED).
 */
export function nonceAndExpiry(p: Pick<TxCommon, 'nonce' | 'expiresAtMs' | 'nowMs'>, expiryCode: ErrorCode):
  { nonce: number; expiresAtMs: number } {
  const nonce = p.nonce ?? randomNonce();
  if (!Number.isSafeInteger(nonce) || nonce < 0) {
    throw new TianpingError('TX_NONCE_INVALID', `nonce must be a non-negative safe integer, got ${nonce}`);
  }
  const expiresAtMs = p.expiresAtMs ?? (p.nowMs ?? Date.now()) + DEFAULT_TX_LIFETIME_MS;
  if (!Number.isSafeInteger(expiresAtMs) || expiresAtMs <= 0) {
    throw new TianpingError(expiryCode, `expiresAtMs must be a positive integer, got ${expiresAtMs}`);
  }
  return { nonce, expiresAtMs };
}

/**
 * Checks the common fields (TX_WRONG_CHAIN, TX_NONCE_INVALID, TX_EXPIRED), then encodes and signs
 * the body with the action: the governance and case txs. An anchor or batch tx checks its own
 * fields between the chain id and the nonce, and answers a bad expiry with its own code.
 */
export function signTx(common: TxCommon, action: TxAction): BuiltTx {
  checkChainId(common.chainId);
  const { nonce, expiresAtMs } = nonceAndExpiry(common, 'TX_EXPIRED');
  const body = encodeTxBody({ chainId: common.chainId, signer: common.keyPair.publicKey, nonce, expiresAtMs, ...action });
  const bytes = encodeSignedTx(body, sign(common.keyPair.seed, txSignBytes(common.chainId, body)));
  return { bytes, hash: txHash(bytes) };
}

export function checkChainId(chainId: string): void {
  const length = utf8(chainId).length;
  if (length === 0 || length > CHAIN_ID_BYTES_MAX) {
    throw new TianpingError('TX_WRONG_CHAIN', `chain id must be 1..${CHAIN_ID_BYTES_MAX} bytes, got ${length}`);
  }
}

export function toDigest(value: Uint8Array | string, what: string): Uint8Array {
  const bytes = typeof value === 'string' ? fromHex(value) : value;
  if (bytes === undefined || bytes.length !== HASH_BYTES) {
    throw new TianpingError('DIGEST_INVALID', `${what} must be ${HASH_BYTES} bytes (${HASH_BYTES * 2} hex characters)`);
  }
  return bytes;
}
