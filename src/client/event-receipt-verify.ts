// Offline verification of an event receipt against a trust anchor (docs/receipt-format.md, "Event
// receipts", lists the same checks in the same order): the event is a leaf of the events tree whose
// root the header carries, the header is the one the commit's signers signed, and those signers hold
// more than 2/3 of the power of the set the trust anchor leads to. The header, set-change and commit
// checks are the anchor receipt's own (receipt-verify.ts). Browser-safe: no node:* imports.
import { blockHashOfHeader } from '../codec/block.js';
import type { CommitMsg, HeaderMsg } from '../codec/proto.js';
import { CHAIN_ID_BYTES_MAX } from '../codec/sign-bytes.js';
import { sha256 } from '../crypto/hash.js';
import { leafHash, verifyInclusion } from '../merkle/index.js';
import { equalBytes, toHex, utf8 } from '../types/index.js';
import { EVENT_RECEIPT_KIND, EVENT_RECEIPT_VERSION, type EventReceipt } from './event-receipt.js';
import {
  CheckFailure, TIME_MS_MAX, checkAgainstTrustedHeader, checkHashList, decodeCommitFor, decodeHeader, fail, isCount, isIndex,
  prepareTrust, requireQuorum, tallyCommit, validatorListProblem, walkSetChanges, type PreparedTrust, type ReceiptCheck,
  type ReceiptSigner, type TrustAnchor, type ValidatorSetState,
} from './receipt-verify.js';

/** The checks of an event receipt, in the order they run. */
export const EVENT_RECEIPT_CHECKS = [
  'format',
  'chain-id',
  'header',
  'event-inclusion',
  'set-changes',
  'validators-hash',
  'commit-block',
  'commit-signatures',
] as const;

export type EventReceiptCheckId = (typeof EVENT_RECEIPT_CHECKS)[number];

/** A block holds at most 65,536 events (src/state/keys.ts): the tree's size, and so its paths, are bounded. */
export const EVENT_COUNT_MAX = 0x10000;
/** Bigger event bytes are refused before hashing; far above any case event. */
export const EVENT_BYTES_MAX = 1024 * 1024;

/** What a valid event receipt proves. Hashes and keys are lowercase hex. */
export interface VerifiedEventReceipt {
  readonly chainId: string;
  readonly height: number;
  readonly blockTimeMs: number;
  readonly blockTime: string;
  readonly blockHash: string;
  readonly eventIndex: number;
  readonly eventCount: number;
  /** The event bytes, and their SHA-256 (a handle to quote; the leaf is SHA-256(0x00 ‖ event)). */
  readonly event: string;
  readonly eventSha256: string;
  readonly eventsRoot: string;
  readonly commitRound: number;
  readonly signers: readonly ReceiptSigner[];
  readonly signedPower: number;
  readonly validatorCount: number;
  readonly totalPower: number;
  readonly validatorsHash: string;
  readonly setChanges: number;
  readonly trustHeight: number;
}

export type EventReceiptVerification =
  | { readonly valid: true; readonly checks: readonly ReceiptCheck<EventReceiptCheckId>[]; readonly receipt: VerifiedEventReceipt }
  | {
      readonly valid: false;
      readonly checks: readonly ReceiptCheck<EventReceiptCheckId>[];
      readonly failed: EventReceiptCheckId;
      readonly reason: string;
      readonly skipped: readonly EventReceiptCheckId[];
    };

/**
 * Runs every check in order and stops at the first failure. Never throws for anything in the
 * receipt; throws TrustAnchorError for an unusable trust anchor.
 */
export function verifyEventReceipt(receipt: EventReceipt, trust: TrustAnchor): EventReceiptVerification {
  const verifier = new EventVerifier(receipt, prepareTrust(trust));
  const checks: ReceiptCheck<EventReceiptCheckId>[] = [];
  for (let i = 0; i < EVENT_RECEIPT_CHECKS.length; i++) {
    const id = EVENT_RECEIPT_CHECKS[i]!;
    let detail: string;
    try {
      detail = verifier.run(id);
    } catch (error) {
      const reason = error instanceof CheckFailure ? error.message : `cannot be checked: ${(error as Error).message}`;
      checks.push({ id, ok: false, detail: reason });
      return { valid: false, checks, failed: id, reason, skipped: EVENT_RECEIPT_CHECKS.slice(i + 1) };
    }
    checks.push({ id, ok: true, detail });
  }
  return { valid: true, checks, receipt: verifier.summary() };
}

class EventVerifier {
  #header: HeaderMsg | undefined;
  #blockHash: Uint8Array = new Uint8Array();
  #set: ValidatorSetState;
  #commit: CommitMsg | undefined;
  #signers: ReceiptSigner[] = [];
  #signedPower = 0n;

  constructor(readonly receipt: EventReceipt, readonly trust: PreparedTrust) {
    this.#set = trust.set;
  }

  run(id: EventReceiptCheckId): string {
    switch (id) {
      case 'format': return this.#format();
      case 'chain-id': return this.#chainId();
      case 'header': return this.#headerCheck();
      case 'event-inclusion': return this.#eventInclusion();
      case 'set-changes': return this.#setChanges();
      case 'validators-hash': return this.#validatorsHash();
      case 'commit-block': return this.#commitBlock();
      case 'commit-signatures': return this.#commitSignatures();
    }
  }

  #format(): string {
    const r = this.receipt;
    if (r.kind !== EVENT_RECEIPT_KIND) fail(`kind "${r.kind}" is not "${EVENT_RECEIPT_KIND}"`);
    if (r.version !== EVENT_RECEIPT_VERSION) fail(`version ${r.version}: this verifier reads event receipts of version ${EVENT_RECEIPT_VERSION}`);
    const chainIdBytes = utf8(r.chainId).length;
    if (chainIdBytes === 0 || chainIdBytes > CHAIN_ID_BYTES_MAX) fail(`chain id must be 1..${CHAIN_ID_BYTES_MAX} bytes`);
    if (r.event.length === 0 || r.event.length > EVENT_BYTES_MAX) fail(`the event is ${r.event.length} bytes (1..${EVENT_BYTES_MAX})`);
    if (!isCount(r.eventCount) || r.eventCount > EVENT_COUNT_MAX || !isIndex(r.eventIndex) || r.eventIndex >= r.eventCount) {
      fail(`event position ${r.eventIndex} of ${r.eventCount} is not an index below a count of 1..${EVENT_COUNT_MAX}`);
    }
    checkHashList(r.eventProof, 'event proof');
    if (r.header.length === 0) fail('header bytes are empty');
    if (r.commit.length === 0) fail('commit bytes are empty');
    r.setChanges.forEach((change, i) => {
      if (change.header.length === 0 || change.commit.length === 0) fail(`set change ${i + 1}: header or commit bytes are empty`);
      const problem = validatorListProblem(change.nextValidators);
      if (problem !== undefined) fail(`set change ${i + 1}: next validators ${problem}`);
    });
    return `${r.kind} receipt version ${r.version}, event ${r.eventIndex} of ${r.eventCount}, ${r.setChanges.length} validator-set change(s)`;
  }

  #chainId(): string {
    if (this.receipt.chainId !== this.trust.chainId) {
      fail(`the receipt is for chain "${this.receipt.chainId}", the trust anchor is for "${this.trust.chainId}"`);
    }
    return `chain "${this.trust.chainId}"`;
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

  #eventInclusion(): string {
    const r = this.receipt;
    const header = this.#header!;
    // The count is in the header beside the root: an RFC 6962 root alone does not fix the tree's
    // size, and a path valid for index i of n can be valid for another (index, size) pair too.
    if (header.eventCount !== r.eventCount) fail(`the header counts ${header.eventCount} events, the receipt ${r.eventCount}`);
    if (header.eventsRoot.length !== 32) fail(`the header's events root is ${header.eventsRoot.length} bytes, not 32`);
    if (!verifyInclusion(leafHash(r.event), r.eventIndex, r.eventCount, r.eventProof, header.eventsRoot)) {
      fail(`the event proof does not lead from the event at ${r.eventIndex} of ${r.eventCount} to the header's events root`);
    }
    return `event ${r.eventIndex} of ${r.eventCount} under events root ${toHex(header.eventsRoot)}`;
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

  summary(): VerifiedEventReceipt {
    const r = this.receipt;
    const header = this.#header!;
    return {
      chainId: this.trust.chainId, height: header.height, blockTimeMs: header.timeMs, blockTime: new Date(header.timeMs).toISOString(),
      blockHash: toHex(this.#blockHash), eventIndex: r.eventIndex, eventCount: r.eventCount, event: toHex(r.event),
      eventSha256: toHex(sha256(r.event)), eventsRoot: toHex(header.eventsRoot), commitRound: this.#commit!.round,
      signers: this.#signers, signedPower: Number(this.#signedPower), validatorCount: this.#set.validators.length,
      totalPower: Number(this.#set.total), validatorsHash: toHex(this.#set.hash), setChanges: r.setChanges.length,
      trustHeight: this.trust.height,
    };
  }
}
