// Receipts (存证证书): the proof, verifiable offline, that one evidence item was anchored in a block
// committed by the chain's validators (docs/receipt-format.md). This module holds the in-memory
// form and its protobuf encoding (proto/tianping.proto, message Receipt); receipt-json.ts holds the
// JSON form for people and tools, receipt-verify.ts the checks. Browser-safe: no node:* imports.
import { algorithmId, algorithmName } from '../codec/algorithms.js';
import { decodeCanonical, pb } from '../codec/proto.js';
import { TianpingError } from '../types/index.js';

/** Version 1: the block is proved by its commit and the validator-set changes from the trust anchor. */
export const RECEIPT_VERSION = 1;
/** Version 2: the block is proved against a newer trusted header by the history tree (`trusted`). */
export const RECEIPT_VERSION_TRUSTED = 2;

/** Bigger SignedTx bytes are refused before decoding; far above any chain's txBytesMax in use. */
export const RECEIPT_TX_BYTES_MAX = 16 * 1024 * 1024;

// The algorithm table is codec's (one for node, API and SDK); the SDK's callers find it here too.
export { algorithmId, algorithmName };

export interface ReceiptValidator {
  /** Ed25519 public key, 32 bytes. */
  readonly publicKey: Uint8Array;
  readonly power: number;
}

/** Where the item sits in the batch tree of an AnchorBatch. */
export interface ReceiptBatchPath {
  readonly itemIndex: number;
  readonly itemCount: number;
  /** RFC 6962 audit path of the item, bottom-up; may be empty for an indexed batch. */
  readonly path: readonly Uint8Array[];
}

/**
 * Block h - 1 before a validator-set change that takes effect at h: the header names the new set in
 * next_validators_hash, the commit is signed by the set trusted so far.
 */
export interface ReceiptSetChange {
  readonly header: Uint8Array;
  readonly commit: Uint8Array;
  /** The new set, ordered by public key bytes. */
  readonly nextValidators: readonly ReceiptValidator[];
}

/** RFC 6962 audit path of a block hash in a trusted header's history tree. */
export interface ReceiptHistoryProof {
  /** The block's height - 1. */
  readonly leafIndex: number;
  /** The trusted header's height - 1. */
  readonly treeSize: number;
  /** Bottom-up, 32 bytes each. */
  readonly hashes: readonly Uint8Array[];
}

/** Version 2: the trusted header H (exact bytes) and the proof of the receipt's block in H's history root. */
export interface ReceiptTrusted {
  readonly header: Uint8Array;
  readonly historyProof: ReceiptHistoryProof;
  /** H's checkpoint as a signed note with witness cosignature lines (§13.5); absent when none is attached. */
  readonly witnessedCheckpoint?: string;
}

/**
 * A receipt as the verifier reads it. Byte fields are the exact bytes that were signed or hashed;
 * nothing here is re-encoded to verify. Fields hold whatever the input said: the `format` check
 * of verifyReceipt, not the decoder, decides whether the values make sense.
 */
/**
 * A committed tx proved to its block's commit: the part an anchor receipt and a two-hop receipt's
 * main-chain hop share.
 */
export interface TxInclusion {
  /** Exact SignedTx bytes. */
  readonly tx: Uint8Array;
  readonly txIndex: number;
  readonly txCount: number;
  /** RFC 6962 audit path of the tx hash in the block's tx tree, bottom-up. */
  readonly txProof: readonly Uint8Array[];
  /** Exact Header bytes. */
  readonly header: Uint8Array;
  /** Exact Commit bytes for that header. */
  readonly commit: Uint8Array;
  /** Oldest first, from the trust anchor's set to the set that signed the header. */
  readonly setChanges: readonly ReceiptSetChange[];
}

export interface Receipt extends TxInclusion {
  readonly version: number;
  readonly chainId: string;
  /** HashAlgorithm enum value: 1 SHA-256, 2 SM3. */
  readonly algorithm: number;
  /** The item digest; for a salted item H(salt ‖ file digest). */
  readonly digest: Uint8Array;
  readonly salted: boolean;
  /** Absent for a single AnchorEvidence. */
  readonly batch?: ReceiptBatchPath;
  /** Version 2 only; `commit` and `setChanges` are then empty. */
  readonly trusted?: ReceiptTrusted;
}

/** The receipt document itself is unreadable: not protobuf, not JSON, wrong shape, unknown version. */
export class ReceiptFormatError extends Error {
  override name = 'ReceiptFormatError';
}

/** A ValidatorSetChange message as protobufjs reads and writes it (every field may be absent). */
type SetChangeProps = NonNullable<ConstructorParameters<typeof pb.ValidatorSetChange>[0]>;

/** A set change as every receipt kind encodes it (message ValidatorSetChange). */
export function setChangeToMessage(change: ReceiptSetChange): SetChangeProps {
  return {
    header: change.header, commit: change.commit,
    nextValidators: { validators: change.nextValidators.map((v) => ({ publicKey: v.publicKey, power: v.power })) },
  };
}

/** A decoded ValidatorSetChange of any receipt kind: an absent field is its proto3 default. */
export function setChangeFromMessage(change: SetChangeProps): ReceiptSetChange {
  return {
    header: change.header ?? new Uint8Array(),
    commit: change.commit ?? new Uint8Array(),
    nextValidators: (change.nextValidators?.validators ?? []).map((v) => ({ publicKey: v.publicKey ?? new Uint8Array(), power: v.power ?? 0 })),
  };
}

/**
 * Decodes a receipt message of any kind (`what`: "receipt", "event receipt", ...). Only the canonical
 * encoding is accepted; anything else is ReceiptFormatError naming the kind.
 */
export function decodeReceiptMessage<T>(type: { decode(bytes: Uint8Array): T; encode(message: NoInfer<T>): { finish(): Uint8Array } },
  bytes: Uint8Array, what: string): T {
  try {
    return decodeCanonical(type, bytes, what);
  } catch (error) {
    throw new ReceiptFormatError(`${what} protobuf: ${error instanceof TianpingError ? error.message : String(error)}`);
  }
}

export function encodeReceipt(receipt: Receipt): Uint8Array {
  return pb.Receipt.encode({
    version: receipt.version,
    chainId: receipt.chainId,
    algorithm: receipt.algorithm,
    digest: receipt.digest,
    salted: receipt.salted,
    ...(receipt.batch === undefined ? {} : {
      batch: { itemIndex: receipt.batch.itemIndex, itemCount: receipt.batch.itemCount, path: [...receipt.batch.path] },
    }),
    tx: receipt.tx,
    txIndex: receipt.txIndex,
    txCount: receipt.txCount,
    txProof: [...receipt.txProof],
    header: receipt.header,
    commit: receipt.commit,
    setChanges: receipt.setChanges.map(setChangeToMessage),
    ...(receipt.trusted === undefined ? {} : { trusted: trustedToMessage(receipt.trusted) }),
  }).finish();
}

function trustedToMessage(trusted: ReceiptTrusted): NonNullable<ConstructorParameters<typeof pb.TrustedHistory>[0]> {
  const { leafIndex, treeSize, hashes } = trusted.historyProof;
  return {
    header: trusted.header, historyProof: { leafIndex, treeSize, hashes: [...hashes] },
    ...(trusted.witnessedCheckpoint === undefined ? {} : { witnessedCheckpoint: trusted.witnessedCheckpoint }),
  };
}

/**
 * Decodes the protobuf form. Only the canonical encoding is accepted (fields in number order,
 * defaults omitted, minimal varints, no unknown fields), so one receipt has exactly one protobuf
 * form and converting JSON ↔ protobuf is lossless in both directions.
 */
export function decodeReceipt(bytes: Uint8Array): Receipt {
  const message = decodeReceiptMessage(pb.Receipt, bytes, 'receipt');
  const batch = message.batch ?? undefined;
  const trusted = message.trusted ?? undefined;
  // An absent proof has no JSON form that converts back to the same bytes: the document is refused.
  if (trusted !== undefined && !trusted.historyProof) throw new ReceiptFormatError('receipt protobuf: trusted.history_proof is missing');
  return {
    version: message.version,
    chainId: message.chainId,
    algorithm: message.algorithm,
    digest: message.digest,
    salted: message.salted,
    ...(batch === undefined ? {} : {
      batch: { itemIndex: batch.itemIndex ?? 0, itemCount: batch.itemCount ?? 0, path: [...(batch.path ?? [])] },
    }),
    tx: message.tx,
    txIndex: message.txIndex,
    txCount: message.txCount,
    txProof: [...message.txProof],
    header: message.header,
    commit: message.commit,
    setChanges: message.setChanges.map(setChangeFromMessage),
    ...(trusted === undefined ? {} : {
      trusted: {
        header: trusted.header ?? new Uint8Array(),
        historyProof: {
          leafIndex: trusted.historyProof?.leafIndex ?? 0,
          treeSize: trusted.historyProof?.treeSize ?? 0,
          hashes: [...(trusted.historyProof?.hashes ?? [])],
        },
        // proto3 writes no empty string: "" and absent are one encoding, read as absent.
        ...(trusted.witnessedCheckpoint ? { witnessedCheckpoint: trusted.witnessedCheckpoint } : {}),
      },
    }),
  };
}
