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
  block(height: number | 'latest'): Promise<BlockSummary | undefined>;
  status(): NodeStatusView;
}
