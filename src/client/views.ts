// JSON shapes the node's HTTP API answers with, as the SDK sees them: the route schemas of
// contract/http.ts, read as types. The import is type-only, so the SDK (a court's tool, the browser
// page) carries no schema code and nothing of the node; the names are the SDK's own.
import type {
  AlgorithmSchema, AnchorSchema, BlockSchema, EvidenceResponseSchema, HeaderSchema, Json, MemberRoleSchema, MemberSchema,
  MembersResponseSchema, ProposalSchema, ProposalStatusSchema, ProposalsResponseSchema, StatusSchema, SubmitterAnchorsSchema,
  TxBulkResponseSchema, TxBulkResultSchema, TxCommittedSchema, TxPendingSchema, TxStatusSchema, ValidatorSetSchema, VoterSchema,
} from '../contract/http.js';
import type { CaseAmountSchema, CaseEventSchema, CaseEventsSchema, CaseListSchema, CaseSchema, CaseStatusNameSchema } from '../contract/cases.js';
import type {
  CaseVerificationsSchema, CrossChainVerdictSchema, ForeignChainDetailSchema, ForeignChainSchema, ForeignChainsSchema, TrustedHeaderSchema,
  VerificationCountsSchema, VerificationRecordSchema,
} from '../contract/crosschain.js';

export type AlgorithmName = Json<typeof AlgorithmSchema>;

/** `index` is the tx's position in its block; blockTime is blockTimeMs as ISO 8601 UTC. */
export type CommittedTxView = Json<typeof TxCommittedSchema>;

export type PendingTxView = Json<typeof TxPendingSchema>;

export type SubmitResult = Json<typeof TxStatusSchema>;

/**
 * One tx of a bulk submission; `index` is its position in the request, as in `results`. `error`
 * is there exactly when `status` is 'refused' (the schema keeps one flat object, for speed).
 */
export type BulkTxResult = Json<typeof TxBulkResultSchema>;

/** Why POST /v1/txs/bulk refused one tx: what POST /v1/txs would have answered for it. */
export type BulkTxRefusal = NonNullable<BulkTxResult['error']>;

export type BulkSubmitResult = Json<typeof TxBulkResponseSchema>;

/** A hash the node has never seen is ApiError TX_NOT_FOUND, not a view. */
export type TxView = Json<typeof TxStatusSchema>;

export type EvidenceAnchorView = Json<typeof AnchorSchema>;

/** `anchors` may be one page of the `total`, starting at `offset`; oldest first. */
export type EvidenceView = Json<typeof EvidenceResponseSchema>;

/** time is timeMs as ISO 8601 UTC. */
export type BlockView = Json<typeof BlockSchema>;

/** A block without its transaction hashes: what anyone may read. */
export type HeaderView = Json<typeof HeaderSchema>;

export type SubmitterAnchorsView = Json<typeof SubmitterAnchorsSchema>;

export type NodeStatus = Json<typeof StatusSchema>;

export type MemberRoleView = Json<typeof MemberRoleSchema>;

/** 'removed' also for a key rotated away: such a key is never registered again. */
export type MemberView = Json<typeof MemberSchema>;

export type MembersView = Json<typeof MembersResponseSchema>;

/** `index` of each validator is its validator index in votes and commits. */
export type ValidatorSetView = Json<typeof ValidatorSetSchema>;

export type ProposalStatusName = Json<typeof ProposalStatusSchema>;

export type ProposalVoterView = Json<typeof VoterSchema>;

/** The opening action is decoded in `payload`: exactly one of its fields is present. */
export type ProposalView = Json<typeof ProposalSchema>;

export type ProposalsView = Json<typeof ProposalsResponseSchema>;

/** Integer fen as a decimal string, with the same amount in yuan ("52.50"): never a float. */
export type CaseAmountView = Json<typeof CaseAmountSchema>;

export type CaseStatusView = Json<typeof CaseStatusNameSchema>;

/** A case as of a time: terms, schedule, money received and owed, and its first events. */
export type CaseView = Json<typeof CaseSchema>;

/** One case event: kind, seq, legal time, height and position in its block, block time, tx hash, details. */
export type CaseEventView = Json<typeof CaseEventSchema>;

/** A page of cases; `next` (when present) is the `after` of the next page. */
export type CaseListView = Json<typeof CaseListSchema>;

/** A page of a case's events by seq; `next` (when present) is the `after` of the next page. */
export type CaseEventsView = Json<typeof CaseEventsSchema>;

/** A foreign chain with its standing at the newest block time (docs/crosschain.md §4). */
export type ForeignChainView = Json<typeof ForeignChainSchema>;

/** Every foreign chain, by name, with the block time (`atMs`) their standing is computed at. */
export type ForeignChainsView = Json<typeof ForeignChainsSchema>;

/** One header of a foreign chain the light client trusts, with the tx and block that recorded it. */
export type TrustedHeaderView = Json<typeof TrustedHeaderSchema>;

/** A foreign chain with its epoch's trust anchor, newest 100 trusted headers (newest first) and freeze record. */
export type ForeignChainDetailView = Json<typeof ForeignChainDetailSchema>;

/** The node's verdict on a foreign receipt or log proof: every check that ran, and what a record needs. */
export type CrossChainVerdictView = Json<typeof CrossChainVerdictSchema>;

/** A court's recorded verdict, with the chain's and the platform key's standing at the block that recorded it. */
export type VerificationRecordView = Json<typeof VerificationRecordSchema>;

/** A case's first 100 verification records, by seq, with counts per chain over all of them. */
export type CaseVerificationsView = Json<typeof CaseVerificationsSchema>;

/** Verification records counted per chain and per case. */
export type CrossChainCountsView = Json<typeof VerificationCountsSchema>;
