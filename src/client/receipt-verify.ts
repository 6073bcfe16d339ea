// Offline verification of an anchor receipt against a trust anchor (docs/receipt-format.md lists the
// same checks in the same order). Every check is named in the result, so a court sees exactly which
// link of the chain evidence → tx → header → commit → validator sets → trust anchor held and which
// one broke. Signatures are checked with verifyStrict (noble, RFC 8032, zip215 off), the rule that
// runs identically in the browser and in Node. The trust anchor is read in receipt-trust.ts, the
// checks both receipt kinds share (header, set changes, commit) are in receipt-commit.ts; both are
// re-exported here, where the SDK's callers have always imported them. Browser-safe: no node:* imports.
import type { HeaderMsg } from '../codec/proto.js';
import { CHAIN_ID_BYTES_MAX, txSignBytes } from '../codec/sign-bytes.js';
import { verifyStrict } from '../crypto/ed25519.js';
import { createHasher, type EvidenceAlgorithm } from '../crypto/hash.js';
import { leafHash, verifyInclusion } from '../merkle/index.js';
import { equalBytes, toHex, utf8 } from '../types/index.js';
import { RECEIPT_TX_BYTES_MAX, RECEIPT_VERSION, RECEIPT_VERSION_TRUSTED, algorithmName, type Receipt } from './receipt.js';
import {
  CheckFailure, CommitProof, checkChainId, checkHashList, checkSetChangeShapes, fail, isCount, isIndex, type BlockFacts,
  type CommitFacts,
} from './receipt-commit.js';
import { decodeReceiptTx, type ReceiptTx } from './exact-proto.js';
import { checkTxItem, type AnchoredItem } from './receipt-item.js';
import { prepareTrust, type PreparedTrust, type TrustAnchor } from './receipt-trust.js';
import {
  checkHistoryInclusion, checkTrustedHeader, checkTrustedShape, isHeaderHashTrust, prepareHeaderHashTrust, type HeaderHashTrust,
} from './receipt-history.js';

export {
  TrustAnchorError, prepareTrust, validatorListProblem, type PreparedTrust, type TrustAnchor, type TrustedValidator, type ValidatorSetState,
} from './receipt-trust.js';
export {
  CheckFailure, TIME_MS_MAX, checkAgainstTrustedHeader, checkHashList, decodeCommitFor, decodeHeader, fail, isCount, isIndex,
  requireQuorum, tallyCommit, walkSetChanges, type ReceiptSigner,
} from './receipt-commit.js';
export { isHeaderHashTrust, type HeaderHashTrust } from './receipt-history.js';

/** The checks both versions run first: the receipt, the evidence, the tx and its place in the block. */
const ITEM_CHECKS = ['format', 'chain-id', 'item-digest', 'tx-decode', 'tx-signature', 'tx-item', 'header', 'tx-inclusion'] as const;

/** The checks of a version 1 receipt, in the order they run. A verifier in another language runs the same list. */
export const RECEIPT_CHECKS = [...ITEM_CHECKS, 'set-changes', 'validators-hash', 'commit-block', 'commit-signatures'] as const;

/** The checks of a version 2 receipt (§13), in the order they run: the block proved against the trusted header. */
export const RECEIPT_TRUSTED_CHECKS = [...ITEM_CHECKS, 'trusted-header', 'history-inclusion'] as const;

export type ReceiptCheckId = (typeof RECEIPT_CHECKS)[number] | (typeof RECEIPT_TRUSTED_CHECKS)[number];

/** The checks a verifier runs with this trust anchor: a header hash proves version 2 receipts. */
export function receiptChecksFor(trust: TrustAnchor | HeaderHashTrust): readonly ReceiptCheckId[] {
  return isHeaderHashTrust(trust) ? RECEIPT_TRUSTED_CHECKS : RECEIPT_CHECKS;
}

export interface ReceiptCheck<Id extends string = ReceiptCheckId> {
  readonly id: Id;
  readonly ok: boolean;
  /** What was checked and found, or why it failed, in one sentence. */
  readonly detail: string;
}

/**
 * What the court holds besides the receipt: the file (hashed here with the receipt's algorithm) or
 * its digest, and for a salted item the salt the platform kept. The salt is never in a receipt.
 */
export type ReceiptEvidence =
  | { readonly file: Uint8Array; readonly salt?: Uint8Array }
  | { readonly fileDigest: Uint8Array; readonly salt?: Uint8Array };

/** What a valid receipt proves, for display and for records. Hashes and keys are lowercase hex. */
export interface VerifiedReceipt extends BlockFacts, CommitFacts {
  readonly txHash: string;
  readonly txIndex: number;
  readonly txCount: number;
  readonly algorithm: EvidenceAlgorithm;
  /** The anchored item digest (for a salted item, H(salt ‖ file digest)). */
  readonly digest: string;
  /** The digest of the file itself. */
  readonly fileDigest: string;
  readonly salted: boolean;
  /** Public key of the member whose key signed the tx. */
  readonly submitter: string;
  readonly category: string;
  readonly externalRef: string;
  readonly metadataDigest: string;
  readonly batch?: { readonly kind: 'indexed' | 'root-only'; readonly itemIndex: number; readonly itemCount: number };
  /**
   * Version 2: the trusted header the block was proved against (then no commit was checked: the
   * signer and set fields are empty and 0, validatorsHash is the header's own).
   */
  readonly trusted?: { readonly height: number; readonly blockHash: string; readonly timeMs: number; readonly historyRoot: string };
}

/** A verdict that failed: the checks that ran, the first failure last, and the checks after it. */
export interface FailedChecks<Id extends string> {
  readonly valid: false;
  /** The checks that ran, the last one failed. */
  readonly checks: readonly ReceiptCheck<Id>[];
  readonly failed: Id;
  readonly reason: string;
  /** The checks that did not run because an earlier one failed. */
  readonly skipped: readonly Id[];
}

export type ReceiptVerification =
  | { readonly valid: true; readonly checks: readonly ReceiptCheck[]; readonly receipt: VerifiedReceipt }
  | FailedChecks<ReceiptCheckId>;

/**
 * Runs the checks of `list` in order with `run`, which returns a check's detail or throws, and stops
 * at the first failure; the checks of `all` after the failed one are named skipped (`all` starts with
 * `list`: a verifier with more checks to run after these passes them all). Every verifier's verdict
 * is assembled here, so each names its checks, its failure and its reason the same way.
 */
export function runChecks<Id extends All, All extends string = Id>(list: readonly Id[], run: (id: Id) => string, all: readonly All[] = list):
  { readonly valid: true; readonly checks: readonly ReceiptCheck<Id>[] } | FailedChecks<All> {
  const checks: ReceiptCheck<Id>[] = [];
  for (const id of list) {
    let detail: string;
    try {
      detail = run(id);
    } catch (error) {
      // Anything a hostile receipt makes a decoder or hash function throw is a failure of the check
      // that was reading it, never a crash of the court's tool.
      const reason = error instanceof CheckFailure ? error.message : `cannot be checked: ${(error as Error).message}`;
      checks.push({ id, ok: false, detail: reason });
      return { valid: false, checks, failed: id, reason, skipped: all.slice(all.indexOf(id) + 1) };
    }
    checks.push({ id, ok: true, detail });
  }
  return { valid: true, checks };
}

/** The verdict on a document that does not parse: `format`, the first of `list`, fails and no other check runs. */
export function formatFailure<Id extends string>(reason: string, list: readonly ('format' | Id)[]): FailedChecks<'format' | Id> {
  return { valid: false, checks: [{ id: 'format', ok: false, detail: reason }], failed: 'format', reason, skipped: list.slice(1) };
}

/**
 * Runs every check of docs/receipt-format.md in order and stops at the first failure. Never throws
 * for anything in the receipt or the evidence; throws TrustAnchorError for an unusable trust anchor.
 * A genesis or a trusted header with its set proves version 1 receipts (§6); the hash of a trusted
 * header proves version 2 receipts (§13), and refuses any receipt that is not proved against it.
 */
export function verifyReceipt(receipt: Receipt, evidence: ReceiptEvidence, trust: TrustAnchor | HeaderHashTrust): ReceiptVerification {
  const verifier = new Verifier(receipt, evidence, ...prepare(trust));
  const run = runChecks(receiptChecksFor(trust), (id) => verifier.run(id));
  return run.valid ? { valid: true, checks: run.checks, receipt: verifier.summary() } : run;
}

/**
 * The verdict on a receipt document that does not parse (ReceiptFormatError from decodeReceipt or
 * the JSON reader: not canonical protobuf, a JSON field missing or unknown, a `decoded` view that
 * contradicts its bytes): it is not a well-formed receipt, so the `format` check fails and no other
 * runs. The trust anchor is checked all the same: an unusable one throws TrustAnchorError, as in
 * verifyReceipt, whatever the receipt.
 */
export function receiptFormatFailure(reason: string, trust: TrustAnchor | HeaderHashTrust): ReceiptVerification {
  prepare(trust);
  return formatFailure(reason, receiptChecksFor(trust));
}

function prepare(trust: TrustAnchor | HeaderHashTrust): [PreparedTrust, Uint8Array | undefined] {
  if (!isHeaderHashTrust(trust)) return [prepareTrust(trust), undefined];
  const { prepared, headerHash } = prepareHeaderHashTrust(trust);
  return [prepared, headerHash];
}

class Verifier {
  #algorithm: EvidenceAlgorithm = 'sha256';
  #fileDigest: Uint8Array = new Uint8Array();
  #tx: ReceiptTx | undefined;
  #item: AnchoredItem | undefined;
  readonly #proof: CommitProof;
  #trustedHeader: HeaderMsg | undefined;

  /** `headerHash` is given for a header-hash trust: then only version 2 receipts are read. */
  constructor(readonly receipt: Receipt, readonly evidence: ReceiptEvidence, readonly trust: PreparedTrust,
    readonly headerHash: Uint8Array | undefined) {
    this.#proof = new CommitProof(trust);
  }

  run(id: ReceiptCheckId): string {
    switch (id) {
      case 'format': return this.#format();
      case 'chain-id': return this.#chainId();
      case 'item-digest': return this.#itemDigest();
      case 'tx-decode': return this.#txDecode();
      case 'tx-signature': return this.#txSignature();
      case 'tx-item': return this.#txItem();
      case 'header': return this.#proof.checkHeader(this.receipt.header);
      case 'tx-inclusion': return this.#txInclusion();
      case 'set-changes': return this.#proof.walkSetChanges(this.receipt.setChanges);
      case 'validators-hash': return this.#proof.checkValidatorsHash();
      case 'commit-block': return this.#proof.checkCommitBlock(this.receipt.commit);
      case 'commit-signatures': return this.#proof.checkCommitSignatures();
      case 'trusted-header': return this.#trustedHeaderCheck();
      case 'history-inclusion':
        return checkHistoryInclusion(this.receipt.trusted!, this.#trustedHeader!, this.#proof.header, this.#proof.blockHash);
    }
  }

  #trustedHeaderCheck(): string {
    const { header, detail } = checkTrustedHeader(this.receipt.trusted!, this.headerHash!, this.trust.chainId, this.#proof.header);
    this.#trustedHeader = header;
    return detail;
  }

  #format(): string {
    const r = this.receipt;
    // The trust anchor decides how the block must be proved: by signatures from a validator set
    // (version 1), or against the trusted header whose hash the verifier holds (version 2).
    if (this.headerHash === undefined) {
      if (r.version === RECEIPT_VERSION_TRUSTED) fail('version 2 is proved against a trusted header: verify it with that header\'s hash');
      if (r.version !== RECEIPT_VERSION) fail(`version ${r.version}: this verifier reads version ${RECEIPT_VERSION}`);
      if (r.trusted !== undefined) fail('a version 1 receipt carries no trusted header');
    } else {
      if (r.version !== RECEIPT_VERSION_TRUSTED) {
        fail(`version ${r.version}: with a trusted header hash only version ${RECEIPT_VERSION_TRUSTED} (proved against that header) is read`);
      }
      checkTrustedShape(r);
    }
    const chainIdBytes = utf8(r.chainId).length;
    if (chainIdBytes === 0 || chainIdBytes > CHAIN_ID_BYTES_MAX) fail(`chain id must be 1..${CHAIN_ID_BYTES_MAX} bytes`);
    const algorithm = algorithmName(r.algorithm);
    if (algorithm === undefined) fail(`hash algorithm ${r.algorithm} is not 1 (sha256) or 2 (sm3)`);
    this.#algorithm = algorithm;
    if (r.digest.length !== 32) fail(`digest is ${r.digest.length} bytes, not 32`);
    if (r.batch !== undefined) {
      const { itemIndex, itemCount, path } = r.batch;
      if (!isCount(itemCount) || !isIndex(itemIndex) || itemIndex >= itemCount) {
        fail(`batch position ${itemIndex} of ${itemCount} is not an index below a positive count`);
      }
      checkHashList(path, 'batch path');
    }
    if (r.tx.length === 0 || r.tx.length > RECEIPT_TX_BYTES_MAX) fail(`tx is ${r.tx.length} bytes (1..${RECEIPT_TX_BYTES_MAX})`);
    if (!isCount(r.txCount) || !isIndex(r.txIndex) || r.txIndex >= r.txCount) {
      fail(`tx position ${r.txIndex} of ${r.txCount} is not an index below a positive count`);
    }
    checkHashList(r.txProof, 'tx proof');
    if (r.header.length === 0) fail('header bytes are empty');
    if (r.commit.length === 0 && r.version === RECEIPT_VERSION) fail('commit bytes are empty');
    checkSetChangeShapes(r.setChanges);
    const where = r.batch === undefined ? 'a single evidence' : `item ${r.batch.itemIndex} of a batch of ${r.batch.itemCount}`;
    const proof = r.trusted === undefined ? `${r.setChanges.length} validator-set change(s)` : 'proved against a trusted header';
    return `version ${r.version}, ${algorithm}, ${where}, ${proof}`;
  }

  #chainId(): string {
    return checkChainId(this.trust, this.receipt.chainId);
  }

  #itemDigest(): string {
    const r = this.receipt;
    const algorithm = this.#algorithm;
    const evidence = this.evidence;
    if ('file' in evidence) {
      this.#fileDigest = createHasher(algorithm).update(evidence.file).digest();
    } else {
      if (evidence.fileDigest.length !== 32) fail(`the file digest given is ${evidence.fileDigest.length} bytes, not 32`);
      this.#fileDigest = evidence.fileDigest;
    }
    const salt = evidence.salt;
    let item: Uint8Array = this.#fileDigest;
    if (r.salted) {
      if (salt === undefined) fail('the item is salted (digest = H(salt ‖ file digest)): the salt the platform kept is needed');
      if (salt.length === 0) fail('the salt is empty');
      item = createHasher(algorithm).update(salt).update(this.#fileDigest).digest();
    } else if (salt !== undefined) {
      fail('a salt was given, but the receipt is for an unsalted item');
    }
    const what = r.salted ? `${algorithm}(salt ‖ file digest)` : `${algorithm} file digest`;
    if (!equalBytes(item, r.digest)) fail(`the evidence gives ${what} ${toHex(item)}, the receipt names ${toHex(r.digest)}`);
    return `${what} ${toHex(item)}`;
  }

  #txDecode(): string {
    let tx: ReceiptTx;
    try {
      // Exact: a nonce or expiry up to 2^64 - 1 is canonical (§1), not a reason to refuse the tx here.
      tx = decodeReceiptTx(this.receipt.tx, RECEIPT_TX_BYTES_MAX);
    } catch (error) {
      fail(`the tx does not decode: ${(error as Error).message}`);
    }
    if (tx.body.chainId !== this.trust.chainId) fail(`the tx is for chain "${tx.body.chainId}"`);
    // Only the two anchor actions can prove an item; deciding it here lets a verifier in another
    // language keep every other action's bytes opaque and still fail the same check (§6 check 4).
    const action = tx.body.action;
    if (action !== 'anchorEvidence' && action !== 'anchorBatch') fail(`the tx's action is ${action ?? 'none'}, not an evidence anchor`);
    this.#tx = tx;
    return `tx ${toHex(tx.hash)}, signer ${toHex(tx.body.signer)}`;
  }

  #txSignature(): string {
    const tx = this.#tx!;
    if (!verifyStrict(tx.body.signer, txSignBytes(this.trust.chainId, tx.bodyBytes), tx.signature)) {
      fail(`the tx signature does not verify under signer ${toHex(tx.body.signer)}`);
    }
    return `signed by ${toHex(tx.body.signer)}`;
  }

  #txItem(): string {
    const { item, detail } = checkTxItem(this.receipt, this.#tx!.body);
    this.#item = item;
    return detail;
  }

  #txInclusion(): string {
    const r = this.receipt;
    const header = this.#proof.header;
    if (header.txCount !== r.txCount) fail(`the header counts ${header.txCount} txs, the receipt ${r.txCount}`);
    if (!verifyInclusion(leafHash(this.#tx!.hash), r.txIndex, r.txCount, r.txProof, header.txRoot)) {
      fail(`the tx proof does not lead from the tx hash at ${r.txIndex} of ${r.txCount} to the header's tx root`);
    }
    // A node applies a tx only while the block time is below its expiry, and a block holds only
    // applied txs (§6 check 8): a block holding a tx at or past its expiry is no block of the chain.
    const expiresAtMs = this.#tx!.body.expiresAtMs as number | bigint;
    if (BigInt(expiresAtMs) <= BigInt(header.timeMs)) {
      fail(`the tx expired at ${expiresAtMs}, not after the block time ${header.timeMs}: no node applies it in this block`);
    }
    return `tx ${r.txIndex} of ${r.txCount} under tx root ${toHex(header.txRoot)}, expiry ${expiresAtMs} after the block time`;
  }

  summary(): VerifiedReceipt {
    const r = this.receipt;
    const proof = this.#proof;
    const header = proof.header;
    const tx = this.#tx!;
    const item = this.#item!;
    return {
      ...proof.block(),
      txHash: toHex(tx.hash),
      txIndex: r.txIndex,
      txCount: r.txCount,
      algorithm: this.#algorithm,
      digest: toHex(r.digest),
      fileDigest: toHex(this.#fileDigest),
      salted: r.salted,
      submitter: toHex(tx.body.signer),
      category: item.category,
      externalRef: item.externalRef,
      metadataDigest: toHex(item.metadataDigest),
      ...(item.batchKind === undefined || r.batch === undefined ? {} : {
        batch: { kind: item.batchKind, itemIndex: r.batch.itemIndex, itemCount: r.batch.itemCount },
      }),
      commitRound: proof.commit?.round ?? 0,
      signers: proof.signers,
      signedPower: Number(proof.signedPower),
      validatorCount: proof.set.validators.length,
      totalPower: Number(proof.set.total),
      validatorsHash: toHex(this.#trustedHeader === undefined ? proof.set.hash : header.validatorsHash),
      setChanges: r.setChanges.length,
      trustHeight: this.#trustedHeader?.height ?? this.trust.height,
      ...(this.#trustedHeader === undefined ? {} : { trusted: {
        height: this.#trustedHeader.height, blockHash: toHex(this.headerHash!), timeMs: this.#trustedHeader.timeMs,
        historyRoot: toHex(this.#trustedHeader.historyRoot),
      } }),
    };
  }
}
