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
