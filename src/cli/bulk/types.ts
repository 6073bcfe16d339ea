// The bulk run's options and result, and the outcomes its steps pass between them.
import type { ApiError } from '../../client/client.js';
import type { CommittedTxView } from '../../client/views.js';
import type { KeyPair } from '../../crypto/ed25519.js';
import type { EvidenceAlgorithm } from '../../crypto/hash.js';
import type { BatchMode, ItemRecord } from './journal.js';
import type { Item } from './state.js';

export interface BulkOptions {
  readonly url: string;
  readonly source: { readonly kind: 'dir' | 'list'; readonly path: string };
  readonly mode: BatchMode;
  /** Items per indexed batch; default min(1000, the chain's limit). */
  readonly batchSize?: number;
  readonly salted: boolean;
  /** Default: DIR/.tianping-receipts, or FILE.receipts for a list. */
  readonly receiptsDir?: string;
  readonly keyPair: KeyPair;
  readonly category: string;
  readonly algorithm: EvidenceAlgorithm;
  /** Chain parameters from a local genesis file, used when the node does not publish its genesis. */
  readonly localGenesis?: { readonly chainId: string; readonly params: ChainLimitParams };
  /** Where the progress line and warnings go (stderr). */
  readonly stderr: (text: string) => void;
  readonly stderrIsTty: boolean;
  readonly fetch?: typeof fetch;
  readonly retryDelaysMs?: readonly number[];
}

export interface ChainLimitParams {
  readonly batchItemsMax: number;
  readonly txBytesMax: number;
}

export interface BatchSummary {
  readonly txHash: string;
  readonly items: number;
  readonly status: 'committed' | 'open' | 'superseded';
  readonly height?: number;
  /** Committed by an earlier, interrupted run of this journal. */
  readonly earlier: boolean;
}

export interface Refusal {
  readonly txHash: string;
  readonly items: number;
  readonly code: string;
  readonly message: string;
}

export interface BulkResult {
  readonly ok: boolean;
  readonly chainId: string;
  readonly mode: BatchMode;
  readonly algorithm: EvidenceAlgorithm;
  readonly category: string;
  readonly salted: boolean;
  readonly batchSize: number;
  readonly receiptsDir: string;
  readonly journal: string;
  readonly items: {
    /** Files of the listing plus journaled items no longer listed. */
    readonly total: number;
    readonly committed: number;
    /** Files whose content another file of the run has: anchored once, each with a receipt. */
    readonly duplicates: number;
    readonly receiptsWritten: number;
  };
  /** Anchored earlier in this journal, changed on disk since: not anchored again. */
  readonly changed: readonly string[];
  /** Not regular files: not anchored. */
  readonly skipped: readonly string[];
  readonly batches: readonly BatchSummary[];
  readonly refused: readonly Refusal[];
}

export type Resolution =
  | { readonly kind: 'batched' }
  | { readonly kind: 'changed'; readonly name: string }
  | { readonly kind: 'reuse'; readonly item: Item }
  | { readonly kind: 'new'; readonly record: Omit<ItemRecord, 'type' | 'n'> };

export type Outcome =
  | { readonly kind: 'committed'; readonly view: CommittedTxView }
  | { readonly kind: 'superseded'; readonly reason: string }
  | { readonly kind: 'refused'; readonly error: ApiError };

