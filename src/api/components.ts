// What the API needs from the node, and nothing more (the js-libp2p "Components" pattern): tests
// stub exactly this, and the API never reaches into the ledger or mempool directly.
import type {
  AnchorSchema, BlockSchema, EquivocationSchema, EventReceiptSchema, Json, MemberRoleSchema, MemberSchema, ProposalSchema, ProposalStatusSchema,
  ReadySchema, SignedStatementSchema, StatusSchema, TxCommittedSchema, TxPendingSchema, ValidatorSetSchema, VoterSchema,
} from '../contract/http.js';
import type { ConsistencyProofSchema } from '../contract/history.js';
import type { CaseEventSchema, CaseEventsSchema, CaseListSchema, CaseSchema, CaseStatusNameSchema, CaseSummarySchema } from '../contract/cases.js';
import type {
  CaseVerificationsSchema, CrossChainVerdictSchema, ForeignChainDetailSchema, ForeignChainSchema, LightBlockSchema, TwoHopReceiptSchema,
  VerificationCountsSchema, VerificationRecordSchema,
} from '../contract/crosschain.js';
import type {
  MoneyReceivedListSchema, PayoutListSchema, PayoutPolicySchema, PayoutSchema, PayoutStatusName,
} from '../contract/payouts.js';
import type { Genesis } from '../state/genesis.js';
import type { Hash32 } from '../types/index.js';

// The views are the response shapes of contract/http.ts, less the ISO 8601 times the routes add
// (api/views.ts, routes/governance.ts): the node hands over milliseconds, and the API writes them
// out twice. Deriving them
// keeps the node, the routes and the SDK on one definition of each shape.

/** A committed tx's place in the chain, as the node knows it. */
export type TxCommitInfo = Omit<Json<typeof TxCommittedSchema>, 'status' | 'blockTime'>;

/** 'unknown' never goes out: the route answers it with TX_NOT_FOUND. */
export type TxStatus =
  | Json<typeof TxPendingSchema>
  | ({ readonly status: 'committed' } & TxCommitInfo)
  | { readonly status: 'unknown'; readonly hash: string };

export type EvidenceAnchor = Omit<Json<typeof AnchorSchema>, 'blockTime'>;

export type BlockSummary = Omit<Json<typeof BlockSchema>, 'time'>;

export type NodeStatusView = Json<typeof StatusSchema>;

/**
 * GET /readyz: ready, with the figures of the answer, or the code of why not (in the order the
 * route checks them: halted, repairing, behind, cut off).
 */
export type ReadinessView = Omit<Json<typeof ReadySchema>, 'ready'> & (
  | { readonly ready: true }
  | { readonly ready: false; readonly code: 'NODE_HALTED' | 'LEDGER_REPAIRING' | 'NODE_SYNCING' | 'QUORUM_UNREACHABLE'; readonly detail: string });

/** One of the two conflicting statements of an equivocation, with the fields its signature covers. */
export type SignedStatementView = Json<typeof SignedStatementSchema>;

/**
 * An equivocation recorded on chain: who signed two conflicting statements, and who reported it.
 * `statements` holds exactly two (the schema's minItems/maxItems), typed as the array it is in JSON.
 */
export type EquivocationView = Json<typeof EquivocationSchema>;

export type MemberRoleName = Json<typeof MemberRoleSchema>;

/** A member record in state: one per key ever registered. Keys and digests in lowercase hex. */
export type MemberEntry = Json<typeof MemberSchema>;

/**
 * What a signed read needs to know of the signing key's holder. Only 'active' members may read;
 * 'suspended' and 'removed' ones are refused.
 */
export type MemberView = Pick<MemberEntry, 'name' | 'role' | 'status'>;

/** The validator set that signs one height, in commit order (public key bytes). */
export type ValidatorSetView = Json<typeof ValidatorSetSchema>;

/** GET /v1/history/consistency: a proof between two sizes of the history tree, hashes in hex. */
export type ConsistencyProofView = Json<typeof ConsistencyProofSchema>;

export type ProposalStatus = Json<typeof ProposalStatusSchema>;

export type ProposalVoter = Json<typeof VoterSchema>;

/** A governance proposal with its votes weighed, and its opening action decoded. */
export type GovernanceProposalView = Omit<Json<typeof ProposalSchema>, 'expiresAt'>;

/** A judgment contract's case as of a time: terms, schedule, money, owed, first events (contract/cases.ts). */
export type CaseView = Json<typeof CaseSchema>;
export type CaseEventView = Json<typeof CaseEventSchema>;
export type CaseSummaryView = Json<typeof CaseSummarySchema>;
export type CaseListView = Json<typeof CaseListSchema>;
export type CaseEventsView = Json<typeof CaseEventsSchema>;
export type CaseStatusName = Json<typeof CaseStatusNameSchema>;

export interface CaseListQuery {
  readonly status?: CaseStatusName | undefined;
  /** A party's id: member key or identity commitment, 64 lowercase hex characters. */
  readonly party?: string | undefined;
  /** Only cases whose number sorts after this one (bytes of UTF-8). */
  readonly after?: string | undefined;
  readonly limit: number;
}

/** A foreign chain with its standing at the newest block time (docs/crosschain.md §1); the route adds expiresAt. */
export type ForeignChainView = Omit<Json<typeof ForeignChainSchema>, 'expiresAt'>;
export type ForeignChainDetailView = Omit<Json<typeof ForeignChainDetailSchema>, 'expiresAt'>;
export type VerificationRecordView = Omit<Json<typeof VerificationRecordSchema>, 'time'>;
export type CaseVerificationsView = Omit<Json<typeof CaseVerificationsSchema>, 'verifications'> & {
  readonly verifications: readonly VerificationRecordView[];
};
export type VerificationCountsView = Json<typeof VerificationCountsSchema>;
export type CrossChainVerdict = Json<typeof CrossChainVerdictSchema>;
export type LightBlockView = Json<typeof LightBlockSchema>;
export type TwoHopReceiptView = Json<typeof TwoHopReceiptSchema>;

/** POST /v1/crosschain/verify's body: the receipt is the foreign chain's own JSON form, read by the node. */
export interface CrossChainVerifyRequest {
  readonly chain: string;
  readonly receipt: unknown;
  /** The item's digest, when the court holds it apart from the receipt (hex). */
  readonly digest?: string | undefined;
}

/** The cross-chain reads and checks (docs/crosschain.md §4–§5). */
export interface CrossChainComponents {
  /** Every registered chain with its standing at the newest block time. */
  foreignChains(): Promise<{ atMs: number; chains: ForeignChainView[] }>;
  /** One chain with its anchor, newest trusted headers and freeze record: FOREIGN_CHAIN_UNKNOWN. */
  foreignChain(name: string): Promise<ForeignChainDetailView>;
  /**
   * The verdict on a foreign receipt against the light client: FOREIGN_CHAIN_UNKNOWN, FOREIGN_CHAIN_FROZEN,
   * FOREIGN_CHAIN_EXPIRED, FOREIGN_RECEIPT_MALFORMED; a receipt that fails a check is a verdict, not an error.
   */
  verifyForeign(request: CrossChainVerifyRequest): Promise<CrossChainVerdict>;
  /** A case's records (the first 100) with counts per chain: CASE_UNKNOWN. */
  caseVerifications(caseNo: string): Promise<CaseVerificationsView>;
  /** Records counted per chain and per case. */
  verificationCounts(): Promise<VerificationCountsView>;
  /**
   * The two-hop receipt of a side-chain anchor (§5): FOREIGN_CHAIN_UNKNOWN, FOREIGN_CHAIN_KIND_MISMATCH,
   * FOREIGN_NOT_CHECKPOINTED, FOREIGN_SOURCE_UNAVAILABLE, EVIDENCE_NOT_FOUND.
   */
  twoHopReceipt(name: string, digest: Uint8Array, algorithm: 'sha256' | 'sm3'): Promise<TwoHopReceiptView>;
  /** Header, commit and next set of a committed height, with the set changes since `since` (§5): BLOCK_NOT_FOUND. */
  lightBlock(height: number, since: number): Promise<LightBlockView>;
}

/** A payout order with its deadline alert and reconciliation state (docs/payouts.md §1). */
export type PayoutView = Json<typeof PayoutSchema>;
export type PayoutListView = Json<typeof PayoutListSchema>;
export type PayoutPolicyView = Json<typeof PayoutPolicySchema>;
export type MoneyReceivedListView = Json<typeof MoneyReceivedListSchema>;

export interface PayoutListQuery {
  readonly status?: PayoutStatusName | undefined;
  /** Only this case's orders. */
  readonly caseNo?: string | undefined;
  /** Only orders whose id (lowercase hex) sorts after this one. */
  readonly after?: string | undefined;
  readonly limit: number;
}

/** The payout reads (docs/payouts.md §1, §3, §8). */
export interface PayoutComponents {
  /** A page of orders by id, all or a case's, of one status or any; `next` when the scan has more. */
  payouts(query: PayoutListQuery): Promise<PayoutListView>;
  /** One order by id (64 lowercase hex): PAYOUT_UNKNOWN. */
  payout(id: string): Promise<PayoutView>;
  /** The approval policy in force: governance's, or the default. */
  payoutPolicy(): Promise<PayoutPolicyView>;
  /** A page of the money received the chain recorded, for reconciliation; `after` is the previous page's `next`. */
  moneyReceived(page: { after?: string | undefined; limit: number }): Promise<MoneyReceivedListView>;
}

export interface ApiComponents {
  readonly genesis: Genesis;
  /** Admits a signed tx to the mempool; throws TianpingError on bad input. */
  submitTx(bytes: Uint8Array): Promise<{ hash: Hash32 }>;
  /** Resolves when the tx commits; rejects with COMMIT_TIMEOUT after timeoutMs. */
  waitForCommit(hash: Hash32, timeoutMs: number): Promise<TxCommitInfo>;
  txStatus(hash: Hash32): Promise<TxStatus>;
  /** Every anchor of the digest, oldest first. */
  evidence(digest: Uint8Array, algorithm: 'sha256' | 'sm3', page: { offset: number; limit: number }):
    Promise<{ total: number; anchors: EvidenceAnchor[] }>;
  /** Anchors made by one submitter key, oldest first. */
  anchorsBySubmitter(publicKey: Uint8Array, page: { offset: number; limit: number }):
    Promise<{ total: number; anchors: EvidenceAnchor[] }>;
  block(height: number | 'latest'): Promise<BlockSummary | undefined>;
  /** The member holding this key (lowercase hex) in committed state, for signed reads. */
  member(publicKeyHex: string): Promise<MemberView | undefined>;
  /**
   * The receipt of an anchor: the earliest of the digest, or the one made by the tx given. JSON
   * (docs/receipt-format.md) and protobuf bytes. EVIDENCE_NOT_FOUND when there is none. With
   * `trustedHeight`, version 2 proved against that header (§13): TRUSTED_HEIGHT_UNKNOWN,
   * TRUSTED_HEIGHT_NOT_ABOVE, HISTORY_PROOF_BUSY.
   */
  receipt(digest: Uint8Array, algorithm: 'sha256' | 'sm3', txHash?: Uint8Array, trustedHeight?: number): Promise<ReceiptForms>;
  /**
   * The version 2 receipt proved against the header H whose checkpoint (size H − 1) at least
   * `cosignatures` of the node's witnesses cosigned most recently, with that cosigned note attached
   * (docs/receipt-format.md §13.5): WITNESSED_CHECKPOINT_NOT_FOUND when no such checkpoint covers
   * the anchor yet (or the node pushes to fewer witnesses). Absent on a node without witnesses.
   */
  witnessedReceipt?(digest: Uint8Array, algorithm: 'sha256' | 'sm3', txHash: Uint8Array | undefined, cosignatures: number):
    Promise<ReceiptForms>;
  /** A committed tx's inclusion proof (a receipt without item fields). TX_NOT_FOUND when unknown. */
  txInclusion(txHash: Uint8Array): Promise<ReceiptForms>;
  /**
   * The receipt of event `index` of the block at `height` (docs/receipt-format.md, "Event
   * receipts"): JSON and protobuf. EVENT_NOT_FOUND for a height not committed or an index beyond
   * the block's events.
   */
  eventReceipt(height: number, index: number): Promise<EventReceiptForms>;
  /** A case as of `atMs` (default: the latest block time). CASE_UNKNOWN; CASE_TIME_INVALID for a day before the latest block's. */
  caseView(caseNo: string, atMs?: number): Promise<CaseView>;
  /** A page of cases, all or a party's, in case-number order; `next` when the scan has more. */
  cases(query: CaseListQuery): Promise<CaseListView>;
  /** A case's events after seq `after` (from the first when omitted), by seq. CASE_UNKNOWN. */
  caseEvents(caseNo: string, page: { after?: number | undefined; limit: number }): Promise<CaseEventsView>;
  /** The receipt of event `seq` of a case: CASE_UNKNOWN, CASE_EVENT_UNKNOWN. */
  caseEventReceipt(caseNo: string, seq: number): Promise<EventReceiptForms>;
  /** The member keys (lowercase hex) among a case's parties; undefined when there is no such case. */
  caseParties(caseNo: string): Promise<readonly string[] | undefined>;
  /** Every equivocation recorded on chain, by offender, then offence height. */
  equivocations(): Promise<EquivocationView[]>;
  /** Every member record in state (every key ever registered), in public key order. */
  members(): Promise<MemberEntry[]>;
  /** The set that signs `height` (default: the next height); undefined beyond the next height. */
  validators(height?: number): Promise<ValidatorSetView | undefined>;
  /** Governance proposals, oldest first; only those of `status` when given. */
  proposals(status?: ProposalStatus): Promise<GovernanceProposalView[]>;
  proposal(id: Uint8Array): Promise<GovernanceProposalView | undefined>;
  status(): NodeStatusView;
  /** Caught up and hearing a quorum (GET /readyz); the genesis time is the route's to check. */
  readiness(): ReadinessView;
  /**
   * The C2SP checkpoint of the latest header, as a signed note signed by this node's key
   * (docs/checkpoints.md); CHECKPOINT_NOT_FOUND before block 1.
   */
  checkpoint(): Promise<string>;
  /**
   * The newest checkpoint at least `cosignatures` of this node's witnesses cosigned, as the note it
   * pushed with their lines appended (docs/checkpoints.md §6): WITNESSED_CHECKPOINT_NOT_FOUND when
   * none is yet, or the node pushes to no witnesses (then the method may be absent).
   */
  witnessedCheckpoint?(cosignatures: number): Promise<string>;
  /**
   * RFC 9162 consistency proof between two sizes of the history tree: HISTORY_SIZE_INVALID,
   * HISTORY_SIZE_BEYOND_TIP, HISTORY_PROOF_BUSY.
   */
  historyConsistency(from: number, to: number): Promise<ConsistencyProofView>;
  /** The cross-chain routes are served when present (docs/crosschain.md). */
  readonly crosschain?: CrossChainComponents;
  /** The payout routes are served when present (docs/payouts.md). */
  readonly payouts?: PayoutComponents;
}

/** A receipt as JSON (format "tianping-receipt", docs/receipt-format.md) and as protobuf bytes. */
export interface EventReceiptForms {
  readonly json: Json<typeof EventReceiptSchema>;
  readonly bytes: Uint8Array;
}

export interface ReceiptForms {
  readonly json: { readonly format: 'tianping-receipt'; readonly version: number };
  readonly bytes: Uint8Array;
}
