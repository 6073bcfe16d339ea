// JSON shapes the node's HTTP API answers with, as the SDK sees them. Declared here rather than
// imported from api/ so that the SDK stands alone (a court's tool, the browser page).

export type AlgorithmName = 'sha256' | 'sm3';

export interface CommittedTxView {
  readonly hash: string;
  readonly status: 'committed';
  readonly height: number;
  /** Position of the tx in its block. */
  readonly index: number;
  readonly blockHash: string;
  readonly blockTimeMs: number;
  /** blockTimeMs as an ISO 8601 UTC string. */
  readonly blockTime: string;
}

export interface PendingTxView {
  readonly hash: string;
  readonly status: 'pending';
}

export type SubmitResult = CommittedTxView | PendingTxView;

/** Why POST /v1/txs/bulk refused one tx: what POST /v1/txs would have answered for it. */
export interface BulkTxRefusal {
  /** Stable error code (src/types/errors.ts), e.g. TX_BAD_SIGNATURE, TX_DUPLICATE, MEMPOOL_FULL. */
  readonly code: string;
  /** HTTP status POST /v1/txs gives that code. */
  readonly status: number;
  readonly title: string;
  readonly detail: string;
}

/** One tx of a bulk submission; `index` is its position in the request, as in `results`. */
export type BulkTxResult =
  | { readonly index: number; readonly hash: string; readonly status: 'pending' }
  | { readonly index: number; readonly hash: string; readonly status: 'refused'; readonly error: BulkTxRefusal };

export interface BulkSubmitResult {
  readonly accepted: number;
  readonly refused: number;
  /** One per tx sent, in request order. */
  readonly results: readonly BulkTxResult[];
}
/** A hash the node has never seen is ApiError TX_NOT_FOUND, not a view. */
export type TxView = CommittedTxView | PendingTxView;

export interface EvidenceAnchorView {
  readonly algorithm: AlgorithmName;
  readonly digest: string;
  readonly category: string;
  /** Submitter's public key, hex. */
  readonly submitter: string;
  /** Name of the submitting member, when the node knows it. */
  readonly submitterName: string;
  readonly externalRef: string;
  readonly metadataDigest: string;
  readonly salted: boolean;
  readonly height: number;
  readonly blockTimeMs: number;
  readonly blockTime: string;
  readonly blockHash: string;
  readonly txHash: string;
  readonly txIndex: number;
}

export interface EvidenceView {
  readonly digest: string;
  readonly algorithm: AlgorithmName;
  /** Every anchor of the digest; `anchors` may be one page of them. */
  readonly total: number;
  /** Where this page starts among the `total` anchors, and its size limit. */
  readonly offset: number;
  readonly limit: number;
  /** Oldest first. */
  readonly anchors: readonly EvidenceAnchorView[];
}

export interface BlockView {
  readonly height: number;
  readonly hash: string;
  readonly timeMs: number;
  /** timeMs as an ISO 8601 UTC string. */
  readonly time: string;
  readonly chainId: string;
  readonly prevBlockHash: string;
  readonly historyRoot: string;
  readonly txRoot: string;
  readonly appHash: string;
  readonly resultsHash: string;
  readonly validatorsHash: string;
  readonly nextValidatorsHash: string;
  readonly proposer: string;
  readonly txCount: number;
  readonly txHashes: readonly string[];
  readonly commit: {
    readonly round: number;
    readonly signatures: readonly { readonly validatorIndex: number; readonly signature: string }[];
  };
}

/** A block without its transaction hashes: what anyone may read. */
export type HeaderView = Omit<BlockView, 'txHashes'>;

export interface SubmitterAnchorsView {
  /** The submitter key, lowercase hex. */
  readonly submitter: string;
  /** Anchors by this key in all; `anchors` may be one page of them. */
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  /** Oldest first. */
  readonly anchors: readonly EvidenceAnchorView[];
}

export interface NodeStatus {
  readonly chainId: string;
  readonly nodeId: string;
  readonly moniker: string;
  readonly role: 'validator' | 'observer';
  readonly latestHeight: number;
  readonly latestBlockHash: string;
  readonly latestBlockTimeMs: number;
  readonly mempoolSize: number;
  readonly mempoolSizeMax: number;
  readonly halted: boolean;
  readonly version: string;
  readonly startedAtMs: number;
}

export type MemberRoleView = 'validator' | 'observer' | 'submitter' | 'verifier' | 'executor' | 'oracle';

export interface MemberView {
  readonly name: string;
  readonly organisation: string;
  readonly role: MemberRoleView;
  /** Lowercase hex. */
  readonly publicKey: string;
  /** 'removed' also for a key rotated away: such a key is never registered again. */
  readonly status: 'active' | 'suspended' | 'removed';
  /** Height of the block that admitted this key; 0 for genesis members. */
  readonly sinceHeight: number;
  /** Voting power; validators only. */
  readonly power: number;
  /** Submitters: the categories allowed; empty means all. */
  readonly categories: readonly string[];
  readonly addresses: readonly string[];
  /** SHA-256 of the admission-evaluation report, hex; empty for genesis members. */
  readonly evaluationReportDigest: string;
}

export interface MembersView {
  /** In public key order. */
  readonly members: readonly MemberView[];
}

export interface ValidatorSetView {
  /** The height this set signs. */
  readonly height: number;
  readonly sinceHeight: number;
  readonly totalPower: number;
  /** In commit order: `index` is the validator index of votes and commits. */
  readonly validators: readonly { readonly index: number; readonly publicKey: string; readonly power: number; readonly name: string }[];
}

export type ProposalStatusName = 'open' | 'approved' | 'rejected' | 'expired';

export interface ProposalVoterView {
  readonly publicKey: string;
  readonly name: string;
  /** Power in the tally set; 0 when the voter is not in it. */
  readonly power: number;
}

export interface ProposalView {
  /** The hash of the tx that opened it. */
  readonly id: string;
  readonly kind: 'join' | 'remove' | 'suspend' | 'reinstate' | 'rotate-key';
  /** The key asking to join, or the member concerned. */
  readonly subject: string;
  readonly subjectName: string;
  readonly opener: string;
  readonly openedHeight: number;
  readonly expiresAtMs: number;
  readonly expiresAt: string;
  /** 'expired': undecided, and the latest block time has reached expiresAtMs. */
  readonly status: ProposalStatusName;
  /** 0 while undecided. */
  readonly decidedHeight: number;
  readonly approvals: readonly ProposalVoterView[];
  readonly rejections: readonly ProposalVoterView[];
  /** Powers in the set of `height`: the deciding height, else the next height. */
  readonly tally: { readonly height: number; readonly approvalPower: number; readonly rejectionPower: number; readonly totalPower: number };
  /** The opening action, decoded: exactly one field is present. */
  readonly payload: {
    readonly join?: { readonly name: string; readonly organisation: string; readonly role: MemberRoleView;
      readonly addresses: readonly string[]; readonly evaluationReportDigest: string; readonly power: number;
      readonly categories: readonly string[] };
    readonly memberChange?: { readonly kind: 'remove' | 'suspend' | 'reinstate'; readonly member: string; readonly reason: string };
    readonly rotateKey?: { readonly newKey: string; readonly newKeyProof: string };
  };
}

export interface ProposalsView {
  /** Oldest first. */
  readonly proposals: readonly ProposalView[];
}
