// Offline verification of an event receipt against a trust anchor (docs/receipt-format.md, "Event
// receipts", lists the same checks in the same order): the event is a leaf of the events tree whose
// root the header carries, the header is the one the commit's signers signed, and those signers hold
// more than 2/3 of the power of the set the trust anchor leads to. The header, set-change and commit
// checks are the anchor receipt's own (receipt-commit.ts). Browser-safe: no node:* imports.
import { CHAIN_ID_BYTES_MAX } from '../codec/sign-bytes.js';
import { sha256 } from '../crypto/hash.js';
import { leafHash, verifyInclusion } from '../merkle/index.js';
import { toHex, utf8 } from '../types/index.js';
import { EVENT_RECEIPT_KIND, EVENT_RECEIPT_VERSION, type EventReceipt } from './event-receipt.js';
import {
  CommitProof, checkChainId, checkHashList, checkSetChangeShapes, fail, isCount, isIndex, type BlockFacts, type CommitFacts,
} from './receipt-commit.js';
import { isHeaderHashTrust } from './receipt-history.js';
import { TrustAnchorError, prepareTrust, type PreparedTrust, type TrustAnchor } from './receipt-trust.js';
import { runChecks, type FailedChecks, type ReceiptCheck } from './receipt-verify.js';

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
export interface VerifiedEventReceipt extends BlockFacts, CommitFacts {
  readonly eventIndex: number;
  readonly eventCount: number;
  /** The event bytes, and their SHA-256 (a handle to quote; the leaf is SHA-256(0x00 ‖ event)). */
  readonly event: string;
  readonly eventSha256: string;
  readonly eventsRoot: string;
}

export type EventReceiptVerification =
  | { readonly valid: true; readonly checks: readonly ReceiptCheck<EventReceiptCheckId>[]; readonly receipt: VerifiedEventReceipt }
  | FailedChecks<EventReceiptCheckId>;

/**
 * Runs every check in order and stops at the first failure. Never throws for anything in the
 * receipt; throws TrustAnchorError for an unusable trust anchor.
 */
export function verifyEventReceipt(receipt: EventReceipt, trust: TrustAnchor): EventReceiptVerification {
  // An event receipt is proved by signatures only (§12.5): a header hash alone cannot judge it.
  if (isHeaderHashTrust(trust)) {
    throw new TrustAnchorError('trust anchor: an event receipt is checked from a genesis or a trusted header with its validators, not a header hash');
  }
  const verifier = new EventVerifier(receipt, prepareTrust(trust));
  const run = runChecks(EVENT_RECEIPT_CHECKS, (id) => verifier.run(id));
  return run.valid ? { valid: true, checks: run.checks, receipt: verifier.summary() } : run;
}

class EventVerifier {
  readonly #proof: CommitProof;

  constructor(readonly receipt: EventReceipt, readonly trust: PreparedTrust) {
    this.#proof = new CommitProof(trust);
  }

  run(id: EventReceiptCheckId): string {
    const r = this.receipt;
    const proof = this.#proof;
    switch (id) {
      case 'format': return this.#format();
      case 'chain-id': return checkChainId(this.trust, r.chainId);
      case 'header': return proof.checkHeader(r.header);
      case 'event-inclusion': return this.#eventInclusion();
      case 'set-changes': return proof.walkSetChanges(r.setChanges);
      case 'validators-hash': return proof.checkValidatorsHash();
      case 'commit-block': return proof.checkCommitBlock(r.commit);
      case 'commit-signatures': return proof.checkCommitSignatures();
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
    checkSetChangeShapes(r.setChanges);
    return `${r.kind} receipt version ${r.version}, event ${r.eventIndex} of ${r.eventCount}, ${r.setChanges.length} validator-set change(s)`;
  }

  #eventInclusion(): string {
    const r = this.receipt;
    const header = this.#proof.header;
    // The count is in the header beside the root: an RFC 6962 root alone does not fix the tree's
    // size, and a path valid for index i of n can be valid for another (index, size) pair too.
    if (header.eventCount !== r.eventCount) fail(`the header counts ${header.eventCount} events, the receipt ${r.eventCount}`);
    if (header.eventsRoot.length !== 32) fail(`the header's events root is ${header.eventsRoot.length} bytes, not 32`);
    if (!verifyInclusion(leafHash(r.event), r.eventIndex, r.eventCount, r.eventProof, header.eventsRoot)) {
      fail(`the event proof does not lead from the event at ${r.eventIndex} of ${r.eventCount} to the header's events root`);
    }
    return `event ${r.eventIndex} of ${r.eventCount} under events root ${toHex(header.eventsRoot)}`;
  }

  summary(): VerifiedEventReceipt {
    const r = this.receipt;
    const header = this.#proof.header;
    return {
      ...this.#proof.block(), eventIndex: r.eventIndex, eventCount: r.eventCount, event: toHex(r.event),
      eventSha256: toHex(sha256(r.event)), eventsRoot: toHex(header.eventsRoot), ...this.#proof.facts(),
    };
  }
}
