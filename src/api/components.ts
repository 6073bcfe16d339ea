// What the API needs from the node, and nothing more (the js-libp2p "Components" pattern): tests
// stub exactly this, and the API never reaches into the ledger or mempool directly.
import type { Genesis } from '../state/genesis.js';
import type { Hash32 } from '../types/index.js';

export interface TxCommitInfo {
  readonly hash: string;
  readonly height: number;
  readonly index: number;
  readonly blockHash: string;
  readonly blockTimeMs: number;
}

export type TxStatus =
  | { readonly status: 'pending'; readonly hash: string }
  | ({ readonly status: 'committed' } & TxCommitInfo)
  | { readonly status: 'unknown'; readonly hash: string };

export interface EvidenceAnchor {
  readonly algorithm: 'sha256' | 'sm3';
  readonly digest: string;
  readonly category: string;
  readonly submitter: string;
  /** Name of the submitting member, when known. */
  readonly submitterName: string;
  readonly externalRef: string;
  readonly metadataDigest: string;
  readonly salted: boolean;
  readonly height: number;
  readonly blockTimeMs: number;
  readonly blockHash: string;
  readonly txHash: string;
  readonly txIndex: number;
}

export interface BlockSummary {
  readonly height: number;
  readonly hash: string;
  readonly timeMs: number;
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

export interface NodeStatusView {
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

/** One of the two conflicting statements of an equivocation, with the fields its signature covers. */
export interface SignedStatementView {
  readonly type: 'prevote' | 'precommit' | 'proposal';
  readonly height: number;
  readonly round: number;
  /** Proposals only: the round whose polka a re-proposal stands on, or -1. */
  readonly validRound?: number;
  /** Lowercase hex; empty for a vote for nil. */
  readonly blockHash: string;
  /** Index of the signer in the validator set ordered by public key bytes. */
  readonly validatorIndex: number;
  readonly signature: string;
}

/** An equivocation recorded on chain: who signed two conflicting statements, and who reported it. */
export interface EquivocationView {
  readonly offender: string;
  /** Name of the offending validator, when it is a member. */
  readonly offenderName: string;
  readonly offenceHeight: number;
  readonly offenceRound: number;
  readonly kind: 'prevote' | 'precommit' | 'proposal';
  readonly reporter: string;
  readonly reporterName: string;
  /** Height of the block that recorded it. */
  readonly height: number;
  readonly txHash: string;
  readonly statements: readonly [SignedStatementView, SignedStatementView];
}

/** What a signed read needs to know of the signing key's holder. */
export interface MemberView {
  readonly name: string;
  readonly role: string;
  /** Only 'active' members may read; 'suspended' and 'removed' ones are refused. */
  readonly status: string;
}

export type MemberRoleName = 'validator' | 'observer' | 'submitter' | 'verifier' | 'executor' | 'oracle';

/** A member record in state: one per key ever registered. Keys and digests in lowercase hex. */
export interface MemberEntry {
  readonly name: string;
  readonly organisation: string;
  readonly role: MemberRoleName;
  readonly publicKey: string;
  readonly status: 'active' | 'suspended' | 'removed';
  readonly sinceHeight: number;
  readonly power: number;
  readonly categories: readonly string[];
  readonly addresses: readonly string[];
  /** Empty for genesis members. */
  readonly evaluationReportDigest: string;
}

/** The validator set that signs one height, in commit order (public key bytes). */
export interface ValidatorSetView {
  readonly height: number;
  readonly sinceHeight: number;
  readonly totalPower: number;
  readonly validators: readonly { readonly index: number; readonly publicKey: string; readonly power: number; readonly name: string }[];
}

export type ProposalStatus = 'open' | 'approved' | 'rejected' | 'expired';

export interface ProposalVoter {
  readonly publicKey: string;
  readonly name: string;
  /** Power in the tally set; 0 when the voter is not in it. */
  readonly power: number;
}

/** A governance proposal with its votes weighed, and its opening action decoded. */
export interface GovernanceProposalView {
  readonly id: string;
  readonly kind: 'join' | 'remove' | 'suspend' | 'reinstate' | 'rotate-key';
  readonly subject: string;
  readonly subjectName: string;
  readonly opener: string;
  readonly openedHeight: number;
  readonly expiresAtMs: number;
  /** 'expired': still open in state, but the latest block time has reached expiresAtMs. */
  readonly status: ProposalStatus;
  readonly decidedHeight: number;
  readonly approvals: readonly ProposalVoter[];
  readonly rejections: readonly ProposalVoter[];
  /** Powers in the set of `height`: the deciding height, else the next height. */
  readonly tally: { readonly height: number; readonly approvalPower: number; readonly rejectionPower: number; readonly totalPower: number };
  /** Exactly one field is present. */
  readonly payload: {
    readonly join?: { readonly name: string; readonly organisation: string; readonly role: MemberRoleName;
      readonly addresses: readonly string[]; readonly evaluationReportDigest: string; readonly power: number;
      readonly categories: readonly string[] };
    readonly memberChange?: { readonly kind: 'remove' | 'suspend' | 'reinstate'; readonly member: string; readonly reason: string };
    readonly rotateKey?: { readonly newKey: string; readonly newKeyProof: string };
  };
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
   * (docs/receipt-format.md) and protobuf bytes. EVIDENCE_NOT_FOUND when there is none.
   */
  receipt(digest: Uint8Array, algorithm: 'sha256' | 'sm3', txHash?: Uint8Array): Promise<ReceiptForms>;
  /** A committed tx's inclusion proof (a receipt without item fields). TX_NOT_FOUND when unknown. */
  txInclusion(txHash: Uint8Array): Promise<ReceiptForms>;
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
}

/** A receipt as JSON (format "tianping-receipt", docs/receipt-format.md) and as protobuf bytes. */
export interface ReceiptForms {
  readonly json: { readonly format: 'tianping-receipt'; readonly version: number };
  readonly bytes: Uint8Array;
}
