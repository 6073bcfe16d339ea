// Anchor batches on the client side: one signed AnchorBatch tx carries many items, so a platform
// anchoring millions of files spends one validator signature check per batch instead of per file
// (docs/receipt-format.md, "batch tree"). Indexed batches carry every item digest, so the node can
// find each item by digest and serve its receipt; root-only batches carry only the RFC 6962 root
// and the item count, any number of items in one tx, and the platform completes each item's
// receipt itself from the tx's inclusion proof and its own audit path (rootOnlyReceipt).
// Browser-safe: no node:* imports.
import { decodeTx, encodeSignedTx, encodeTxBody, txHash, txSignBytes } from '../codec/index.js';
import { createHasher, type EvidenceAlgorithm } from '../crypto/hash.js';
import { sign, type KeyPair } from '../crypto/ed25519.js';
import { leafHash, MerkleBuilder, verifyInclusion } from '../merkle/index.js';
import { HASH_BYTES, TianpingError, toHex, type Hash32 } from '../types/index.js';
import { RECEIPT_TX_BYTES_MAX, algorithmId, type Receipt } from './receipt.js';
import { checkChainId, nonceAndExpiry, toDigest, type BuiltTx } from './tx.js';

/**
 * No chain accepts more items in one indexed batch: the item index is 16 bits in the node's state
 * keys, and genesis refuses a batchItemsMax above it. The chain's own batchItemsMax (genesis
 * params, 10,000 by default) is usually lower and is what the node enforces.
 */
export const INDEXED_BATCH_ITEMS_MAX = 65_535;

/** Bytes of a salt from randomSalt: as many as the digest, so guessing it is as hard as a preimage. */
export const SALT_BYTES = 32;

interface BatchTxCommon {
  readonly chainId: string;
  readonly keyPair: KeyPair;
  readonly algorithm: EvidenceAlgorithm;
  readonly category: string;
  /** The submitter's own reference for the whole batch; public. */
  readonly externalRef?: string;
  /** 32 bytes, or 64 hex characters. */
  readonly metadataDigest?: Uint8Array | string;
  /** Every item digest is H(salt_i ‖ file digest_i) (saltedDigest); the platform keeps the salts. */
  readonly salted?: boolean;
  /** Makes otherwise equal txs distinct; random when omitted. */
  readonly nonce?: number;
  /** Default: nowMs + 10 minutes. */
  readonly expiresAtMs?: number;
  /** Default: Date.now(). */
  readonly nowMs?: number;
}

export type BatchTxParams = BatchTxCommon & (
  | {
      readonly kind: 'indexed';
      /** The item digests in batch order: 32 bytes or 64 hex characters each. */
      readonly digests: readonly (Uint8Array | string)[];
    }
  | {
      readonly kind: 'root-only';
      /** batchTree(digests).root: 32 bytes or 64 hex characters. */
      readonly root: Uint8Array | string;
      readonly itemCount: number;
    }
);

export function buildBatchTx(params: BatchTxParams): BuiltTx {
  checkChainId(params.chainId);
  if (params.algorithm !== 'sha256' && params.algorithm !== 'sm3') {
    throw new TianpingError('ALGORITHM_UNSUPPORTED', `hash algorithm "${String(params.algorithm)}" is not sha256 or sm3`);
  }
  const metadataDigest = params.metadataDigest === undefined ? undefined : toDigest(params.metadataDigest, 'metadata digest');
  const { nonce, expiresAtMs } = nonceAndExpiry(params, 'EVIDENCE_FIELD_INVALID');
  let kind: { indexed: { digests: Uint8Array[] } } | { rootOnly: { root: Uint8Array; itemCount: number } };
  if (params.kind === 'indexed') {
    const count = params.digests.length;
    if (count === 0 || count > INDEXED_BATCH_ITEMS_MAX) {
      throw new TianpingError('BATCH_INVALID', `an indexed batch holds 1..${INDEXED_BATCH_ITEMS_MAX} items, got ${count}`);
    }
    kind = { indexed: { digests: params.digests.map((d, i) => toDigest(d, `item digest ${i}`)) } };
  } else if (params.kind === 'root-only') {
    if (!Number.isSafeInteger(params.itemCount) || params.itemCount < 1) {
      throw new TianpingError('BATCH_INVALID', `a root-only batch counts 1..2^53 - 1 items, got ${params.itemCount}`);
    }
    kind = { rootOnly: { root: toDigest(params.root, 'batch root'), itemCount: params.itemCount } };
  } else {
    throw new TianpingError('BATCH_INVALID', `batch kind must be "indexed" or "root-only"`);
  }
  const body = encodeTxBody({
    chainId: params.chainId,
    signer: params.keyPair.publicKey,
    nonce,
    expiresAtMs,
    anchorBatch: {
      algorithm: algorithmId(params.algorithm),
      category: params.category,
      ...kind,
      ...(params.externalRef === undefined ? {} : { externalRef: params.externalRef }),
      ...(metadataDigest === undefined ? {} : { metadataDigest }),
      ...(params.salted === undefined ? {} : { salted: params.salted }),
    },
  });
  const signature = sign(params.keyPair.seed, txSignBytes(params.chainId, body));
  const bytes = encodeSignedTx(body, signature);
  return { bytes, hash: txHash(bytes) };
}

/** The RFC 6962 tree over the items of a batch, as the chain and the verifier compute it. */
export interface BatchTree {
  /** MTH over leafHash(digest_i): RootOnly.root, and the root an indexed batch's paths lead to. */
  readonly root: Hash32;
  readonly itemCount: number;
  /** The audit path of item `index`, bottom-up: ReceiptBatchPath.path. */
  path(index: number): Uint8Array[];
}

/**
 * Builds the batch tree of the item digests (in batch order; salted digests for a salted batch).
 * Holds every level, about 64 bytes per item, so each path costs O(log n).
 */
export function batchTree(digests: readonly Uint8Array[]): BatchTree {
  if (digests.length === 0) throw new TianpingError('BATCH_INVALID', 'a batch holds at least one item');
  const leaves = digests.map((digest, i) => {
    if (digest.length !== HASH_BYTES) throw new TianpingError('DIGEST_INVALID', `item digest ${i} is ${digest.length} bytes, not ${HASH_BYTES}`);
    return leafHash(digest);
  });
  const tree = new MerkleBuilder(leaves);
  return { root: tree.root as Hash32, itemCount: tree.size, path: (index) => tree.proof(index) };
}

/**
 * The item digest of a salted item: H(salt ‖ file digest), H the evidence algorithm, exactly what
 * the offline verifier recomputes (check "item-digest" of docs/receipt-format.md).
 */
export function saltedDigest(algorithm: EvidenceAlgorithm, salt: Uint8Array, fileDigest: Uint8Array): Hash32 {
  // The verifier refuses an empty salt; refusing it here keeps a platform from anchoring what no
  // court could ever check.
  if (salt.length === 0) throw new TianpingError('EVIDENCE_FIELD_INVALID', 'the salt is empty');
  if (fileDigest.length !== HASH_BYTES) throw new TianpingError('DIGEST_INVALID', `the file digest must be ${HASH_BYTES} bytes`);
  return createHasher(algorithm).update(salt).update(fileDigest).digest();
}

/** A fresh random salt (crypto.getRandomValues): one per item, never reused. */
export function randomSalt(): Uint8Array {
  const salt = new Uint8Array(SALT_BYTES);
  globalThis.crypto.getRandomValues(salt);
  return salt;
}

/** What the platform alone knows about one item of a batch. */
export interface BatchItem {
  /** The item digest as anchored (for a salted item, saltedDigest(...)). */
  readonly digest: Uint8Array;
  readonly index: number;
  readonly count: number;
  /** batchTree(digests).path(index). */
  readonly path: readonly Uint8Array[];
  readonly algorithm: EvidenceAlgorithm;
  readonly salted?: boolean;
}

/**
 * Completes the receipt of one item of a root-only batch: the node's inclusion proof of the batch
 * tx (TianpingClient.txInclusion: tx, its place in the block, header, commit, set changes) plus the
 * item's digest and audit path. Checks, before anything is written for a court, that the tx is a
 * root-only batch of `count` items with this algorithm and salted flag and that the path leads from
 * the digest to its root; the result then verifies with verifyReceipt.
 */
export function rootOnlyReceipt(inclusion: Receipt, item: BatchItem): Receipt {
  return batchItemReceipt(inclusion, item, 'root-only');
}

/**
 * The same for an item of either kind of batch. For an indexed batch the result is, byte for byte,
 * the receipt the node serves at GET /v1/evidence/:digest/receipt?tx=HASH (with its batch path):
 * one inclusion proof per batch then stands for one request per item, each of which makes the node
 * rebuild the whole batch tree.
 */
export function batchItemReceipt(inclusion: Receipt, item: BatchItem, kind?: 'indexed' | 'root-only'): Receipt {
  const salted = item.salted ?? false;
  if (item.digest.length !== HASH_BYTES) throw new TianpingError('DIGEST_INVALID', `the item digest must be ${HASH_BYTES} bytes`);
  const batch = batchOfTx(inclusion.tx);
  if (batch === undefined || (kind !== undefined && batch.kind !== kind)) {
    throw new TianpingError('BATCH_INVALID', `the tx of this inclusion proof is not ${kind === undefined ? 'an' : `a ${kind}`} AnchorBatch`);
  }
  const { root, count } = batch;
  if (batch.digests !== undefined) {
    const listed = batch.digests[item.index];
    if (listed === undefined || toHex(listed) !== toHex(item.digest)) {
      throw new TianpingError('BATCH_INVALID', `item ${item.index} of the indexed batch is not ${toHex(item.digest)}`);
    }
  }
  if (count !== item.count) throw new TianpingError('BATCH_INVALID', `the batch counts ${count} items, the item says ${item.count}`);
  if (batch.algorithm !== algorithmId(item.algorithm)) {
    throw new TianpingError('BATCH_INVALID', `the batch anchors with algorithm ${batch.algorithm}, not ${item.algorithm}`);
  }
  if (batch.salted !== salted) throw new TianpingError('BATCH_INVALID', `the batch says salted = ${batch.salted}`);
  if (!verifyInclusion(leafHash(item.digest), item.index, item.count, item.path, root)) {
    throw new TianpingError('BATCH_INVALID',
      `the path does not lead from ${toHex(item.digest)} at ${item.index} of ${item.count} to the batch root ${toHex(root)}`);
  }
  return {
    ...inclusion,
    algorithm: algorithmId(item.algorithm),
    digest: item.digest,
    salted,
    batch: { itemIndex: item.index, itemCount: item.count, path: [...item.path] },
  };
}

interface DecodedBatch {
  readonly kind: 'indexed' | 'root-only';
  readonly algorithm: number;
  readonly salted: boolean;
  readonly root: Uint8Array;
  readonly count: number;
  /** Indexed batches only. */
  readonly digests?: readonly Uint8Array[];
}

// Every item of a batch shares one inclusion proof, so the tx is decoded (and an indexed batch's
// tree built) once per proof, not once per item: O(n) per batch instead of O(n²).
const decodedBatches = new WeakMap<Uint8Array, DecodedBatch | null>();

function batchOfTx(tx: Uint8Array): DecodedBatch | undefined {
  const cached = decodedBatches.get(tx);
  if (cached !== undefined) return cached ?? undefined;
  const batch = decodeTx(tx, RECEIPT_TX_BYTES_MAX).body.anchorBatch;
  let decoded: DecodedBatch | null = null;
  if (batch?.kind === 'rootOnly' && batch.rootOnly) {
    decoded = { kind: 'root-only', algorithm: batch.algorithm ?? 0, salted: batch.salted ?? false,
      root: batch.rootOnly.root ?? new Uint8Array(), count: batch.rootOnly.itemCount ?? 0 };
  } else if (batch?.kind === 'indexed' && batch.indexed) {
    const digests = batch.indexed.digests ?? [];
    // A malformed digest leaves no root any path could reach; the path check then refuses every item.
    const root = digests.length > 0 && digests.every((d) => d.length === HASH_BYTES) ? batchTree(digests).root : new Uint8Array();
    decoded = { kind: 'indexed', algorithm: batch.algorithm ?? 0, salted: batch.salted ?? false, root, count: digests.length, digests };
  }
  decodedBatches.set(tx, decoded);
  return decoded ?? undefined;
}
