// Entry of the browser bundle (tianping-web.js, built by scripts/generate.mjs). The court's page
// runs exactly the SDK's code, not a re-implementation: the same streaming hashers as the CLI, and
// the same receipt checks (docs/receipt-format.md §6, and §13 for a receipt proved against a trusted
// header hash), and for an event receipt the same
// eight event checks as `tianping verify`; a two-hop receipt (docs/crosschain.md §5) runs
// verifyTwoHopReceipt against the main chain's genesis. Only browser-safe modules are
// imported here (no node:*), one by one rather than through client/index.ts, so the bundle carries
// the verifier and not the HTTP client.
import { decodeCanonical, pb } from '../../codec/proto.js';
import { TrustAnchorError, isHeaderHashTrust, verifyReceipt, type HeaderHashTrust, type ReceiptEvidence, type ReceiptVerification, type TrustAnchor }
  from '../../client/receipt-verify.js';
import { parseWitnessPolicy, verifyWitnessedReceipt, type WitnessPolicyTrust, type WitnessedVerification } from '../../client/witness-policy.js';
import { algorithmName, type Receipt } from '../../client/receipt.js';
import { parseTrustAnchorJson } from '../../client/trust-file.js';
import { sha256, type EvidenceAlgorithm } from '../../crypto/hash.js';
import { fromHex, toHex } from '../../types/index.js';

export { verifyReceipt, RECEIPT_CHECKS, RECEIPT_TRUSTED_CHECKS, TrustAnchorError, isHeaderHashTrust } from '../../client/receipt-verify.js';
export { RECEIPT_WITNESSED_CHECKS, verifyWitnessedReceipt } from '../../client/witness-policy.js';
export { parseReceiptJson, parseReceiptBytes } from '../../client/receipt-json.js';
export { parseAnyReceiptBytes } from '../../client/event-receipt.js';
export { verifyEventReceipt, EVENT_RECEIPT_CHECKS } from '../../client/event-receipt-verify.js';
export { parseReceiptFileBytes } from '../../client/two-hop.js';
export { verifyTwoHopReceipt, TWO_HOP_CHECKS } from '../../client/two-hop-verify.js';
export { ReceiptFormatError } from '../../client/receipt.js';
export { createHasher, EVIDENCE_ALGORITHMS } from '../../crypto/hash.js';
export { GenesisError } from '../../state/genesis.js';
export { fromHex, toHex };
// Types only, for the page script (app.ts): they add nothing to the bundle.
export type { ReceiptCheckId, ReceiptVerification, VerifiedReceipt } from '../../client/receipt-verify.js';
export type { Receipt } from '../../client/receipt.js';
export type { WitnessedCheckId, WitnessedVerification } from '../../client/witness-policy.js';
export type { AnyReceipt, EventReceipt } from '../../client/event-receipt.js';
export type { EventReceiptCheckId, EventReceiptVerification, VerifiedEventReceipt } from '../../client/event-receipt-verify.js';
export type { ReceiptFile, TwoHopReceipt } from '../../client/two-hop.js';
export type { TwoHopCheckId, TwoHopVerification, VerifiedTwoHop } from '../../client/two-hop-verify.js';
export type { ReceiptEvidence } from '../../client/receipt-verify.js';
export type { EvidenceAlgorithm } from '../../crypto/hash.js';

/** A validator as the page shows it in the trust anchor and the certificate. */
export interface TrustValidatorView {
  readonly publicKey: string;
  readonly power: number;
  readonly name: string;
}

/** A member named by a genesis: lets the page name a submitter even offline. */
export interface TrustMemberView {
  readonly publicKey: string;
  readonly name: string;
  readonly organisation: string;
}

export interface LoadedTrust {
  readonly anchor: TrustAnchor | HeaderHashTrust | WitnessPolicyTrust;
  /**
   * A trusted header hash proves only receipts of version 2, and names no validators; a witness
   * policy proves version 2 receipts that carry cosignatures of k of its witnesses (§13.5).
   */
  readonly kind: 'genesis' | 'trusted-header' | 'trusted-header-hash' | 'witness-policy';
  readonly chainId: string;
  /** 0 for a genesis: trust starts before block 1. */
  readonly height: number;
  readonly validators: readonly TrustValidatorView[];
  readonly members: readonly TrustMemberView[];
  /** SHA-256 of the bytes read, lowercase hex: what a court compares with the published genesis hash. */
  readonly sha256: string;
}

/** Input the page cannot use as a trust anchor; the message says why. */
export class TrustFileError extends Error {
  override name = 'TrustFileError';
}

/**
 * A trust anchor from the bytes of a file: a genesis, a trusted-header file {chainId, trustedHeader
 * (hex), validators: [{publicKey, power, name?}]} or a trusted-header-hash file {chainId,
 * trustedHeaderHash (hex)}, read as docs/receipt-format.md §5 says (the forms `tianping verify
 * --trust` reads), or a witness policy with its chainId. verifyReceipt checks the anchor itself again.
 */
export function parseTrustAnchor(bytes: Uint8Array): LoadedTrust {
  let doc: unknown;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    doc = JSON.parse(text);
  } catch (error) {
    throw new TrustFileError(`not a JSON file: ${(error as Error).message}`);
  }
  const digest = toHex(sha256(bytes));
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new TrustFileError('not a JSON object');
  if ('witnesses' in doc) {
    let policy;
    try {
      policy = parseWitnessPolicy(doc);
    } catch (error) {
      throw new TrustFileError(error instanceof TrustAnchorError ? error.message : String(error));
    }
    // The page holds no other trust file beside it: the policy must name its chain.
    if (policy.chainId === undefined) throw new TrustFileError('a witness policy for the page names its chain: add "chainId"');
    return {
      anchor: { chainId: policy.chainId, policy }, kind: 'witness-policy', chainId: policy.chainId, height: 0, validators: [], members: [],
      sha256: digest,
    };
  }
  // Genesis, trusted header and trusted header hash files are read as docs/receipt-format.md §5
  // specifies, by the SDK's reader: the page accepts and refuses the same files as a verifier
  // written from that page (a genesis of chainId, genesisTimeMs and validators alone included).
  let anchor: TrustAnchor | HeaderHashTrust;
  try {
    anchor = parseTrustAnchorJson(text);
  } catch (error) {
    throw new TrustFileError(error instanceof TrustAnchorError ? error.message.replace(/^trust anchor file: /, '') : String(error));
  }
  if (isHeaderHashTrust(anchor)) {
    const hash = anchor.trustedHeaderHash;
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) {
      throw new TrustFileError('a trusted-header-hash file holds "chainId" and "trustedHeaderHash" (64 hex characters)');
    }
    return { anchor, kind: 'trusted-header-hash', chainId: anchor.chainId, height: 0, validators: [], members: [], sha256: digest };
  }
  const validators = anchor.validators.map((v): TrustValidatorView => ({
    publicKey: typeof v.publicKey === 'string' ? v.publicKey.toLowerCase() : toHex(v.publicKey), power: v.power, name: v.name ?? '' }));
  if (anchor.trustedHeader !== undefined) {
    return { anchor, kind: 'trusted-header', chainId: anchor.chainId, height: trustedHeaderHeight(anchor.trustedHeader), validators,
      members: [], sha256: digest };
  }
  return { anchor, kind: 'genesis', chainId: anchor.chainId, height: 0, validators, members: membersToShow(doc), sha256: digest };
}

/**
 * The members a genesis file names, only to name submitters on the certificate: the anchor is what
 * parseTrustAnchorJson read, and an entry without a hex key and a name is left out, not refused.
 */
function membersToShow(doc: object): TrustMemberView[] {
  const members = (doc as { members?: unknown }).members;
  if (!Array.isArray(members)) return [];
  return members.flatMap((m: unknown): TrustMemberView[] => {
    const { publicKey, name, organisation } = (m ?? {}) as Record<string, unknown>;
    if (typeof publicKey !== 'string' || !/^[0-9a-fA-F]{64}$/.test(publicKey) || typeof name !== 'string') return [];
    return [{ publicKey: publicKey.toLowerCase(), name, organisation: typeof organisation === 'string' ? organisation : '' }];
  });
}

/** The trusted header's height, for display; 0 when it does not decode (verifyReceipt then says why). */
function trustedHeaderHeight(header: Uint8Array): number {
  try {
    return decodeCanonical(pb.Header, header, 'trusted header').height;
  } catch {
    return 0;
  }
}

/** What the page needs of a receipt before the checks: which hash to run over the file. */
export function receiptFacts(receipt: Receipt): { algorithm: EvidenceAlgorithm | undefined; digest: string; salted: boolean; chainId: string } {
  return { algorithm: algorithmName(receipt.algorithm), digest: toHex(receipt.digest), salted: receipt.salted, chainId: receipt.chainId };
}

/** What the page shows of a case event (docs/contracts.md): its name, kind and legal time. */
export interface CaseEventFacts {
  /** Empty for an unmatched payment, which belongs to no case (reportedCaseNo says what it named). */
  readonly caseNo: string;
  readonly seq: number;
  /** The kind's name without its prefix (DEFAULT, SUSPENDED, ...), or its number when this build does not know it. */
  readonly kind: string;
  readonly legalAtMs: number;
  /** The case's status after the event, named like kind. */
  readonly status: string;
  readonly reportedCaseNo: string;
  readonly reasonCode: string;
}

/**
 * The case event in an event receipt's bytes, decoded for display, or undefined when they are no
 * CaseEvent. The receipt's checks prove the bytes whatever they say; this only reads them.
 */
export function caseEventFacts(bytes: Uint8Array): CaseEventFacts | undefined {
  let event: InstanceType<typeof pb.CaseEvent>;
  try {
    event = pb.CaseEvent.decode(bytes);
  } catch {
    return undefined;
  }
  const kind: string | undefined = pb.CaseEventKind[event.kind];
  const status: string | undefined = pb.CaseStatus[event.status];
  return {
    caseNo: event.caseNo, seq: event.seq, kind: kind?.replace('CASE_EVENT_KIND_', '') ?? String(event.kind), legalAtMs: event.legalAtMs,
    status: status?.replace('CASE_STATUS_', '') ?? String(event.status), reportedCaseNo: event.reportedCaseNo, reasonCode: event.reasonCode,
  };
}

/**
 * Verifies with whichever trust anchor was loaded: a witness policy runs the witnessed checks
 * (docs/receipt-format.md §13.5), anything else verifyReceipt. Throws TrustAnchorError as they do.
 */
export function verifyWithTrust(receipt: Receipt, evidence: ReceiptEvidence, anchor: LoadedTrust['anchor']):
  ReceiptVerification | WitnessedVerification {
  return 'policy' in anchor ? verifyWitnessedReceipt(receipt, evidence, anchor) : verifyReceipt(receipt, evidence, anchor);
}
