// Offline verification of a receipt against a trust anchor (docs/receipt-format.md lists the same
// checks in the same order). Every check is named in the result, so a court sees exactly which
// link of the chain evidence → tx → header → commit → validator sets → trust anchor held and which
// one broke. Signatures are checked with verifyStrict (noble, RFC 8032, zip215 off), the rule that
// runs identically in the browser and in Node. Browser-safe: no node:* imports.
import { blockHashOfHeader, validatorSetHash } from '../codec/block.js';
import { decodeCanonical, pb, type CommitMsg, type HeaderMsg } from '../codec/proto.js';
import { CHAIN_ID_BYTES_MAX, VOTE_PRECOMMIT, txSignBytes, voteSignBytes } from '../codec/sign-bytes.js';
import { decodeTx, type DecodedTx } from '../codec/tx.js';
import { verifyStrict } from '../crypto/ed25519.js';
import { createHasher, type EvidenceAlgorithm } from '../crypto/hash.js';
import { leafHash, rootFromLeafHashes, verifyInclusion } from '../merkle/index.js';
import { compareBytes, equalBytes, fromHex, toHex, utf8 } from '../types/index.js';
import { RECEIPT_TX_BYTES_MAX, RECEIPT_VERSION, algorithmName, type Receipt, type ReceiptSetChange, type ReceiptValidator } from './receipt.js';

/** The checks, in the order they run. A verifier in another language runs the same list. */
export const RECEIPT_CHECKS = [
  'format',
  'chain-id',
  'item-digest',
  'tx-decode',
  'tx-signature',
  'tx-item',
  'header',
  'tx-inclusion',
  'set-changes',
  'validators-hash',
  'commit-block',
  'commit-signatures',
] as const;

export type ReceiptCheckId = (typeof RECEIPT_CHECKS)[number];

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

export interface TrustedValidator {
  /** 32-byte ed25519 public key, as bytes or hex. */
  readonly publicKey: string | Uint8Array;
  readonly power: number;
  /** Shown next to the key when this validator signs; genesis files carry names. */
  readonly name?: string;
}

/**
 * Where trust starts. A parsed genesis (src/state/genesis.ts) fits as is: the chain id and the
 * first validators. Or a header the verifier already trusts (exact bytes), with the validator set
 * that header names in validators_hash; receipts are then checked from that height on.
 */
export interface TrustAnchor {
  readonly chainId: string;
  readonly validators: readonly TrustedValidator[];
  readonly trustedHeader?: Uint8Array;
}

/** The trust anchor itself is unusable; nothing about the receipt was decided. */
export class TrustAnchorError extends Error {
  override name = 'TrustAnchorError';
}

export interface ReceiptSigner {
  readonly publicKey: string;
  readonly power: number;
  /** Index in the height's validator set (ordered by public key bytes). */
  readonly validatorIndex: number;
  /** Known only for validators named by the trust anchor. */
  readonly name?: string;
}

/** What a valid receipt proves, for display and for records. Hashes and keys are lowercase hex. */
export interface VerifiedReceipt {
  readonly chainId: string;
  readonly height: number;
  /** Block time: the proposer's clock, bounded by the validators' clocks (docs/receipt-format.md). */
  readonly blockTimeMs: number;
  readonly blockTime: string;
  readonly blockHash: string;
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
  readonly commitRound: number;
  readonly signers: readonly ReceiptSigner[];
  readonly signedPower: number;
  /** Size and power of the set that signed the header. */
  readonly validatorCount: number;
  readonly totalPower: number;
  readonly validatorsHash: string;
  readonly setChanges: number;
  /** The height trust started from: 0 for a genesis, else the trusted header's height. */
  readonly trustHeight: number;
}

export type ReceiptVerification =
  | { readonly valid: true; readonly checks: readonly ReceiptCheck[]; readonly receipt: VerifiedReceipt }
  | {
      readonly valid: false;
      /** The checks that ran, the last one failed. */
      readonly checks: readonly ReceiptCheck[];
      readonly failed: ReceiptCheckId;
      readonly reason: string;
      /** The checks that did not run because an earlier one failed. */
      readonly skipped: readonly ReceiptCheckId[];
    };

/** An audit path of a tree below 2^53 leaves has at most 53 hashes. */
const PROOF_HASHES_MAX = 53;
/** Same bound as the consensus validator sets. */
const VALIDATORS_MAX = 1024;
/** Dates beyond this are not representable (ECMAScript time value range). */
export const TIME_MS_MAX = 8.64e15;

export interface ValidatorSetState {
  /** Ordered by public key bytes: commit indexes refer to this order. */
  readonly validators: readonly ReceiptValidator[];
  readonly total: bigint;
  readonly hash: Uint8Array;
}

export interface PreparedTrust {
  readonly chainId: string;
  readonly set: ValidatorSetState;
  readonly height: number;
  readonly header?: Uint8Array;
  readonly names: ReadonlyMap<string, string>;
}

/** A failed check; its message is the check's detail. */
export class CheckFailure extends Error {}

export function fail(detail: string): never {
  throw new CheckFailure(detail);
}

/**
 * Runs every check of docs/receipt-format.md in order and stops at the first failure. Never throws
 * for anything in the receipt or the evidence; throws TrustAnchorError for an unusable trust anchor.
 */
export function verifyReceipt(receipt: Receipt, evidence: ReceiptEvidence, trust: TrustAnchor): ReceiptVerification {
  const verifier = new Verifier(receipt, evidence, prepareTrust(trust));
  const checks: ReceiptCheck[] = [];
  for (let i = 0; i < RECEIPT_CHECKS.length; i++) {
    const id = RECEIPT_CHECKS[i]!;
    let detail: string;
    try {
      detail = verifier.run(id);
    } catch (error) {
      // Anything a hostile receipt makes a decoder or hash function throw is a failure of the check
      // that was reading it, never a crash of the court's tool.
      const reason = error instanceof CheckFailure ? error.message : `cannot be checked: ${(error as Error).message}`;
      checks.push({ id, ok: false, detail: reason });
      return { valid: false, checks, failed: id, reason, skipped: RECEIPT_CHECKS.slice(i + 1) };
    }
    checks.push({ id, ok: true, detail });
  }
  return { valid: true, checks, receipt: verifier.summary() };
}

/**
 * The verdict on a receipt document that does not parse (ReceiptFormatError from decodeReceipt or
 * the JSON reader: not canonical protobuf, a JSON field missing or unknown, a `decoded` view that
 * contradicts its bytes): it is not a well-formed receipt, so the `format` check fails and no other
 * runs. The trust anchor is checked all the same: an unusable one throws TrustAnchorError, as in
 * verifyReceipt, whatever the receipt.
 */
export function receiptFormatFailure(reason: string, trust: TrustAnchor): ReceiptVerification {
  prepareTrust(trust);
  return {
    valid: false, checks: [{ id: 'format', ok: false, detail: reason }], failed: 'format', reason, skipped: RECEIPT_CHECKS.slice(1),
  };
}

class Verifier {
  #algorithm: EvidenceAlgorithm = 'sha256';
  #fileDigest: Uint8Array = new Uint8Array();
  #tx: DecodedTx | undefined;
  #item: { category: string; externalRef: string; metadataDigest: Uint8Array; batchKind?: 'indexed' | 'root-only' } | undefined;
  #header: HeaderMsg | undefined;
  #blockHash: Uint8Array = new Uint8Array();
  #set: ValidatorSetState;
  #commit: CommitMsg | undefined;
  #signers: ReceiptSigner[] = [];
  #signedPower = 0n;

  constructor(readonly receipt: Receipt, readonly evidence: ReceiptEvidence, readonly trust: PreparedTrust) {
    this.#set = trust.set;
  }

  run(id: ReceiptCheckId): string {
    switch (id) {
      case 'format': return this.#format();
      case 'chain-id': return this.#chainId();
      case 'item-digest': return this.#itemDigest();
      case 'tx-decode': return this.#txDecode();
      case 'tx-signature': return this.#txSignature();
      case 'tx-item': return this.#txItem();
      case 'header': return this.#headerCheck();
      case 'tx-inclusion': return this.#txInclusion();
      case 'set-changes': return this.#setChanges();
      case 'validators-hash': return this.#validatorsHash();
      case 'commit-block': return this.#commitBlock();
      case 'commit-signatures': return this.#commitSignatures();
    }
  }

  #format(): string {
    const r = this.receipt;
    if (r.version !== RECEIPT_VERSION) fail(`version ${r.version}: this verifier reads version ${RECEIPT_VERSION}`);
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
    if (r.commit.length === 0) fail('commit bytes are empty');
    r.setChanges.forEach((change, i) => {
      if (change.header.length === 0 || change.commit.length === 0) fail(`set change ${i + 1}: header or commit bytes are empty`);
      const problem = validatorListProblem(change.nextValidators);
      if (problem !== undefined) fail(`set change ${i + 1}: next validators ${problem}`);
    });
    const where = r.batch === undefined ? 'a single evidence' : `item ${r.batch.itemIndex} of a batch of ${r.batch.itemCount}`;
    return `version ${r.version}, ${algorithm}, ${where}, ${r.setChanges.length} validator-set change(s)`;
  }

  #chainId(): string {
    if (this.receipt.chainId !== this.trust.chainId) {
      fail(`the receipt is for chain "${this.receipt.chainId}", the trust anchor is for "${this.trust.chainId}"`);
    }
    return `chain "${this.trust.chainId}"`;
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
    let tx: DecodedTx;
    try {
      tx = decodeTx(this.receipt.tx, RECEIPT_TX_BYTES_MAX);
    } catch (error) {
      fail(`the tx does not decode: ${(error as Error).message}`);
    }
    if (tx.body.chainId !== this.trust.chainId) fail(`the tx is for chain "${tx.body.chainId}"`);
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
    const r = this.receipt;
    const body = this.#tx!.body;
    let algorithm: number;
    let salted: boolean;
    let detail: string;
    if (body.action === 'anchorEvidence' && body.anchorEvidence) {
      const anchor = body.anchorEvidence;
      if (r.batch !== undefined) fail('the receipt gives a batch position, but the tx anchors a single evidence');
      if (!equalBytes(anchor.digest ?? new Uint8Array(), r.digest)) {
        fail(`the tx anchors digest ${toHex(anchor.digest ?? new Uint8Array())}, not the receipt's`);
      }
      algorithm = anchor.algorithm ?? 0;
      salted = anchor.salted ?? false;
      this.#item = { category: anchor.category ?? '', externalRef: anchor.externalRef ?? '', metadataDigest: anchor.metadataDigest ?? new Uint8Array() };
      detail = 'AnchorEvidence of the digest';
    } else if (body.action === 'anchorBatch' && body.anchorBatch) {
      const batch = body.anchorBatch;
      const position = r.batch;
      if (position === undefined) fail('the tx anchors a batch, but the receipt gives no batch position');
      const { itemIndex, itemCount, path } = position;
      const leaf = leafHash(r.digest);
      let kind: 'indexed' | 'root-only';
      if (batch.kind === 'indexed' && batch.indexed) {
        kind = 'indexed';
        const digests = batch.indexed.digests ?? [];
        if (itemCount !== digests.length) fail(`the receipt counts ${itemCount} items, the indexed batch holds ${digests.length}`);
        const listed = digests[itemIndex];
        if (listed === undefined || !equalBytes(listed, r.digest)) fail(`item ${itemIndex} of the indexed batch is not the receipt's digest`);
        if (path.length > 0) {
          if (digests.some((d) => d.length !== 32)) fail('the indexed batch holds a digest that is not 32 bytes');
          const root = rootFromLeafHashes(digests.map((d) => leafHash(d)));
          if (!verifyInclusion(leaf, itemIndex, itemCount, path, root)) fail('the batch path does not lead to the root of the indexed batch');
        }
        detail = `item ${itemIndex} of an indexed batch of ${itemCount}`;
      } else if (batch.kind === 'rootOnly' && batch.rootOnly) {
        kind = 'root-only';
        const root = batch.rootOnly.root ?? new Uint8Array();
        const count = batch.rootOnly.itemCount ?? 0;
        if (itemCount !== count) fail(`the receipt counts ${itemCount} items, the root-only batch ${count}`);
        if (!verifyInclusion(leaf, itemIndex, itemCount, path, root)) {
          fail(`the batch path does not lead from the digest at ${itemIndex} of ${itemCount} to the batch root ${toHex(root)}`);
        }
        detail = `item ${itemIndex} of a root-only batch of ${itemCount}, root ${toHex(root)}`;
      } else {
        fail('the batch is neither indexed nor root-only');
      }
      algorithm = batch.algorithm ?? 0;
      salted = batch.salted ?? false;
      this.#item = {
        category: batch.category ?? '', externalRef: batch.externalRef ?? '', metadataDigest: batch.metadataDigest ?? new Uint8Array(),
        batchKind: kind,
      };
    } else {
      fail(`the tx carries no evidence anchor (action: ${body.action ?? 'none'})`);
    }
    if (algorithm !== r.algorithm) fail(`the tx anchors with algorithm ${algorithm}, the receipt says ${r.algorithm}`);
    if (salted !== r.salted) fail(`the tx says salted = ${salted}, the receipt says ${r.salted}`);
    return detail;
  }

  #headerCheck(): string {
    const r = this.receipt;
    const header = decodeHeader(r.header, 'the header');
    if (header.chainId !== this.trust.chainId) fail(`the header is for chain "${header.chainId}"`);
    if (header.height < 1) fail('the header has no height');
    checkAgainstTrustedHeader(this.trust, header, r.header, 'the header');
    if (header.timeMs > TIME_MS_MAX) fail(`the header time ${header.timeMs} is not a representable date`);
    this.#header = header;
    this.#blockHash = blockHashOfHeader(r.header);
    return `height ${header.height}, time ${new Date(header.timeMs).toISOString()}, block hash ${toHex(this.#blockHash)}`;
  }

  #txInclusion(): string {
    const r = this.receipt;
    const header = this.#header!;
    if (header.txCount !== r.txCount) fail(`the header counts ${header.txCount} txs, the receipt ${r.txCount}`);
    if (!verifyInclusion(leafHash(this.#tx!.hash), r.txIndex, r.txCount, r.txProof, header.txRoot)) {
      fail(`the tx proof does not lead from the tx hash at ${r.txIndex} of ${r.txCount} to the header's tx root`);
    }
    return `tx ${r.txIndex} of ${r.txCount} under tx root ${toHex(header.txRoot)}`;
  }

  #setChanges(): string {
    const walked = walkSetChanges(this.trust, this.#set, this.receipt.setChanges, this.#header!.height);
    this.#set = walked.set;
    return walked.detail;
  }

  #validatorsHash(): string {
    if (!equalBytes(this.#header!.validatorsHash, this.#set.hash)) {
      fail(`the header's validators hash ${toHex(this.#header!.validatorsHash)} is not the hash ${toHex(this.#set.hash)} of the set trusted at its height`);
    }
    return `${this.#set.validators.length} validators, power ${this.#set.total}, set hash ${toHex(this.#set.hash)}`;
  }

  #commitBlock(): string {
    this.#commit = decodeCommitFor(this.receipt.commit, this.#header!, this.#blockHash, 'the commit');
    return `commit of height ${this.#commit.height}, round ${this.#commit.round}, block ${toHex(this.#blockHash)}`;
  }

  #commitSignatures(): string {
    const tally = tallyCommit(this.trust.chainId, this.#commit!, this.#set, 'the commit');
    requireQuorum(tally.power, this.#set.total, 'the commit');
    this.#signedPower = tally.power;
    this.#signers = tally.indexes.map((index) => {
      const validator = this.#set.validators[index]!;
      const key = toHex(validator.publicKey);
      const name = this.trust.names.get(key);
      return { publicKey: key, power: validator.power, validatorIndex: index, ...(name === undefined ? {} : { name }) };
    });
    return `${tally.indexes.length} of ${this.#set.validators.length} validators, power ${tally.power} of ${this.#set.total} (more than 2/3)`;
  }

  summary(): VerifiedReceipt {
    const r = this.receipt;
    const header = this.#header!;
    const tx = this.#tx!;
    const item = this.#item!;
    return {
      chainId: this.trust.chainId,
      height: header.height,
      blockTimeMs: header.timeMs,
      blockTime: new Date(header.timeMs).toISOString(),
      blockHash: toHex(this.#blockHash),
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
      commitRound: this.#commit!.round,
      signers: this.#signers,
      signedPower: Number(this.#signedPower),
      validatorCount: this.#set.validators.length,
      totalPower: Number(this.#set.total),
      validatorsHash: toHex(this.#set.hash),
      setChanges: r.setChanges.length,
      trustHeight: this.trust.height,
    };
  }
}

/**
 * Check 9 of both receipt kinds: each set change, from the set trusted so far, up to the set that
 * signs the header at `anchorHeight`. Returns that set and the check's detail; fails with the first
 * broken link.
 */
export function walkSetChanges(trust: PreparedTrust, trusted: ValidatorSetState, changes: readonly ReceiptSetChange[],
  anchorHeight: number): { set: ValidatorSetState; detail: string } {
  let set = trusted;
  // A genesis trusts the set of height 1; a trusted header may itself announce the next change.
  let lowest = Math.max(trust.height, 1);
  const applied: string[] = [];
  changes.forEach((change, i) => {
    const name = `set change ${i + 1} of ${changes.length}`;
    const header = decodeHeader(change.header, `${name}: the header`);
    if (header.chainId !== trust.chainId) fail(`${name}: the header is for chain "${header.chainId}"`);
    if (header.height < lowest) {
      fail(`${name}: height ${header.height} is not above the previous change or below the trust anchor (lowest allowed ${lowest})`);
    }
    if (header.height >= anchorHeight) fail(`${name}: height ${header.height} is not below the anchor's header (${anchorHeight})`);
    checkAgainstTrustedHeader(trust, header, change.header, `${name}: the header`);
    if (!equalBytes(header.validatorsHash, set.hash)) {
      fail(`${name} (height ${header.height}): the header's validators hash is not the hash of the set trusted so far`);
    }
    const what = `${name} (height ${header.height}): the commit`;
    const commit = decodeCommitFor(change.commit, header, blockHashOfHeader(change.header), what);
    requireQuorum(tallyCommit(trust.chainId, commit, set, what).power, set.total, what);
    const next = validatorSetState(change.nextValidators);
    if (!equalBytes(next.hash, header.nextValidatorsHash)) {
      fail(`${name} (height ${header.height}): the next validators do not hash to the header's next validators hash`);
    }
    set = next;
    applied.push(`height ${header.height + 1}: ${next.validators.length} validators, power ${next.total}`);
    lowest = header.height + 1;
  });
  return { set, detail: applied.length === 0 ? 'none: the trust anchor\'s set signs the header' : `sets from ${applied.join('; ')}` };
}

export function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1;
}

export function isIndex(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

export function checkHashList(list: readonly Uint8Array[], what: string): void {
  if (list.length > PROOF_HASHES_MAX) fail(`${what} has ${list.length} hashes, more than ${PROOF_HASHES_MAX}`);
  list.forEach((hash, i) => {
    if (hash.length !== 32) fail(`${what} hash ${i} is ${hash.length} bytes, not 32`);
  });
}

/** Why a validator list cannot be a set, or undefined when it can. Order must already be canonical. */
export function validatorListProblem(validators: readonly ReceiptValidator[]): string | undefined {
  if (validators.length === 0 || validators.length > VALIDATORS_MAX) return `must hold 1..${VALIDATORS_MAX} validators`;
  let total = 0n;
  for (let i = 0; i < validators.length; i++) {
    const v = validators[i]!;
    if (v.publicKey.length !== 32) return `key ${i} is ${v.publicKey.length} bytes, not 32`;
    if (!Number.isSafeInteger(v.power) || v.power <= 0) return `power ${i} is not a positive integer`;
    if (i > 0 && compareBytes(validators[i - 1]!.publicKey, v.publicKey) >= 0) {
      return 'are not ordered by public key bytes without duplicates';
    }
    total += BigInt(v.power);
  }
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) return 'hold a total power beyond 2^53';
  return undefined;
}

function validatorSetState(validators: readonly ReceiptValidator[]): ValidatorSetState {
  let total = 0n;
  for (const v of validators) total += BigInt(v.power);
  return { validators, total, hash: validatorSetHash(validators) };
}

export function decodeHeader(bytes: Uint8Array, what: string): HeaderMsg {
  try {
    return decodeCanonical(pb.Header, bytes, 'header');
  } catch (error) {
    fail(`${what} does not decode: ${(error as Error).message}`);
  }
}

/** At the trusted height only the trusted header itself is acceptable: anything else is a fork. */
export function checkAgainstTrustedHeader(trust: PreparedTrust, header: HeaderMsg, bytes: Uint8Array, what: string): void {
  if (trust.header === undefined) return;
  if (header.height < trust.height) fail(`${what} is at height ${header.height}, below the trusted header (${trust.height})`);
  if (header.height === trust.height && !equalBytes(bytes, trust.header)) fail(`${what} at the trusted height differs from the trusted header`);
}

export function decodeCommitFor(bytes: Uint8Array, header: HeaderMsg, blockHash: Uint8Array, what: string): CommitMsg {
  let commit: CommitMsg;
  try {
    commit = decodeCanonical(pb.Commit, bytes, 'commit');
  } catch (error) {
    fail(`${what} does not decode: ${(error as Error).message}`);
  }
  if (commit.height !== header.height) fail(`${what} is for height ${commit.height}, the header is at ${header.height}`);
  if (!equalBytes(commit.blockHash, blockHash)) {
    fail(`${what} is for block ${toHex(commit.blockHash)}, the header hashes to ${toHex(blockHash)}`);
  }
  return commit;
}

/**
 * Every signature must verify and name a distinct validator of the set: an honest node never
 * stores a bad one, so one bad signature condemns the whole commit (as block sync does).
 */
export function tallyCommit(chainId: string, commit: CommitMsg, set: ValidatorSetState, what: string): { power: bigint; indexes: number[] } {
  const signBytes = voteSignBytes(chainId, commit.height, commit.round, VOTE_PRECOMMIT, commit.blockHash);
  const seen = new Set<number>();
  let power = 0n;
  for (const sig of commit.signatures) {
    const index = sig.validatorIndex ?? 0;
    const validator = set.validators[index];
    if (validator === undefined) fail(`${what}: validator index ${index} is outside the set of ${set.validators.length}`);
    if (seen.has(index)) fail(`${what}: validator ${index} signs twice`);
    seen.add(index);
    if (!verifyStrict(validator.publicKey, signBytes, sig.signature ?? new Uint8Array())) {
      fail(`${what}: the precommit signature of validator ${index} (${toHex(validator.publicKey)}) does not verify`);
    }
    power += BigInt(validator.power);
  }
  return { power, indexes: [...seen].sort((a, b) => a - b) };
}

/** More than 2/3 in integers: 3 × signed > 2 × total. */
export function requireQuorum(signed: bigint, total: bigint, what: string): void {
  if (3n * signed <= 2n * total) fail(`${what}: signers hold power ${signed} of ${total}, not more than 2/3`);
}

export function prepareTrust(trust: TrustAnchor): PreparedTrust {
  const bad = (message: string): never => {
    throw new TrustAnchorError(`trust anchor: ${message}`);
  };
  const chainIdLength = utf8(trust.chainId).length;
  if (chainIdLength === 0 || chainIdLength > CHAIN_ID_BYTES_MAX) bad(`chain id must be 1..${CHAIN_ID_BYTES_MAX} bytes`);
  const names = new Map<string, string>();
  const validators = trust.validators.map((v, i): ReceiptValidator => {
    const key = typeof v.publicKey === 'string' ? fromHex(v.publicKey) : v.publicKey;
    if (key === undefined || key.length !== 32) return bad(`validator ${i} key is not 32 bytes`);
    if (v.name !== undefined) names.set(toHex(key), v.name);
    return { publicKey: key, power: v.power };
  }).sort((a, b) => compareBytes(a.publicKey, b.publicKey));
  const problem = validatorListProblem(validators);
  if (problem !== undefined) bad(`validators ${problem.replace('are not ordered by public key bytes without duplicates', 'contain a duplicate key')}`);
  const set = validatorSetState(validators);
  if (trust.trustedHeader === undefined) return { chainId: trust.chainId, set, height: 0, names };
  let header: HeaderMsg;
  try {
    header = decodeCanonical(pb.Header, trust.trustedHeader, 'trusted header');
  } catch (error) {
    return bad((error as Error).message);
  }
  if (header.chainId !== trust.chainId) bad(`the trusted header is for chain "${header.chainId}"`);
  if (header.height < 1) bad('the trusted header has no height');
  if (!equalBytes(header.validatorsHash, set.hash)) bad('the validators do not hash to the trusted header\'s validators hash');
  return { chainId: trust.chainId, set, height: header.height, header: trust.trustedHeader, names };
}
