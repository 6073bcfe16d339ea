// Tx gossip in batches. One gossipsub message per tx cost more CPU than verifying the tx (framing,
// Noise encryption, yamux, message id hashing and the seen cache, per message and per peer), so the
// txs this node admits itself are published as one TxBatch at most every TX_GOSSIP_INTERVAL_MS.
// A received batch is admitted tx by tx; its txs are not gossiped again, gossipsub forwards the
// batch itself when we accept it.
import type { Logger } from 'pino';
import { decodeTxBatch, encodeTxBatch, txBatchEntryBytes, TX_BATCH_TXS_MAX } from '../codec/index.js';
import type { Mempool } from '../mempool/index.js';
import type { Verdict } from '../p2p/index.js';
import { isTianpingError, sleepMs, type ErrorCode, type Timers } from '../types/index.js';

/**
 * A batch goes out at most this often: a tx that finds the last batch older than this leaves at
 * once (after the API requests already read in this turn of the event loop), so an idle node adds
 * no delay, while under load the txs of the interval share one message.
 */
export const TX_GOSSIP_INTERVAL_MS = 50;
/**
 * A batch is sent once it holds this many bytes, well under the topic's message limit (which
 * admits one tx of the chain's largest size: a larger tx travels alone).
 */
export const TX_GOSSIP_BATCH_BYTES_MAX = 128 * 1024;
/**
 * Admitting a received batch yields to the event loop after this much work, so that votes,
 * proposals and API requests do not wait behind a thousand signature checks.
 */
const ADMIT_SLICE_MS = 5;

/** Refusals that are not the relaying peer's fault: known, full, or outdated by our own state or clock. */
const BLAMELESS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['TX_DUPLICATE', 'TX_ALREADY_COMMITTED', 'MEMPOOL_FULL',
  'TX_EXPIRED', 'EQUIVOCATION_DUPLICATE']);

export interface TxGossipComponents {
  readonly mempool: Pick<Mempool, 'add'>;
  readonly logger: Logger;
  readonly timers: Timers;
  /** Gossips one encoded TxBatch on the "txs" topic (best effort: failures are the caller's to log). */
  publish(batch: Uint8Array): void;
  /** Txs entered the mempool from a peer: called once per batch that admitted any. */
  onTxsAdmitted(): void;
}

export class TxGossip {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** Cancels the armed flush, if any. */
  private cancelFlush: (() => void) | undefined;
  private lastFlushMs = -Infinity;
  /** Received batches whose admission has not finished. */
  private readonly admitting = new Set<Promise<Verdict>>();

  constructor(private readonly c: TxGossipComponents) {}

  /** Queues a tx this node admitted itself; it is published within TX_GOSSIP_INTERVAL_MS. */
  queue(tx: Uint8Array): void {
    const entryBytes = txBatchEntryBytes(tx.length);
    if (this.pending.length > 0 && this.pendingBytes + entryBytes > TX_GOSSIP_BATCH_BYTES_MAX) this.flush();
    this.pending.push(tx);
    this.pendingBytes += entryBytes;
    if (this.pending.length >= TX_BATCH_TXS_MAX || this.pendingBytes >= TX_GOSSIP_BATCH_BYTES_MAX) this.flush();
    else if (this.cancelFlush === undefined) this.armFlush();
  }

  /** Publishes what is queued now. */
  flush(): void {
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    if (this.pending.length === 0) return;
    this.lastFlushMs = this.c.timers.elapsedMs();
    const batch = encodeTxBatch(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    this.c.publish(batch);
  }

  private armFlush(): void {
    const waitMs = this.lastFlushMs + TX_GOSSIP_INTERVAL_MS - this.c.timers.elapsedMs();
    this.cancelFlush = this.c.timers.schedule(() => this.flush(), Math.max(0, waitMs));
  }

  /** Settles once the batches being admitted now are done (not those that arrive meanwhile). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.admitting]);
  }

  /** A batch from a peer; see admit. */
  onBatch(data: Uint8Array): Promise<Verdict> {
    const admission = this.admit(data);
    this.admitting.add(admission);
    const done = (): void => { this.admitting.delete(admission); };
    admission.then(done, done);
    return admission;
  }

  /**
   * A batch from a peer. 'reject' (the peer is penalised, the batch not forwarded) when it does not
   * decode or any tx in it is invalid by the peer's fault; 'ignore' when it brought nothing new;
   * 'accept' otherwise. Every admissible tx is admitted whatever the verdict.
   */
  private async admit(data: Uint8Array): Promise<Verdict> {
    let txs: Uint8Array[];
    try {
      txs = decodeTxBatch(data);
    } catch (error) {
      if (!isTianpingError(error)) throw error;
      return 'reject';
    }
    let admitted = 0;
    let refused: ErrorCode | undefined;
    let sliceStartMs = this.c.timers.elapsedMs();
    try {
      for (const tx of txs) {
        if (this.c.timers.elapsedMs() - sliceStartMs >= ADMIT_SLICE_MS) {
          await sleepMs(this.c.timers, 0);
          sliceStartMs = this.c.timers.elapsedMs();
        }
        try {
          // A copy: the decoded txs are views into the whole message, which a pending tx would
          // otherwise keep alive (up to TX_GOSSIP_BATCH_BYTES_MAX for a tx of a few hundred bytes).
          // Not tx.slice(): on a Buffer, slice makes another view.
          await this.c.mempool.add(new Uint8Array(tx));
          admitted++;
        } catch (error) {
          if (!isTianpingError(error)) throw error;
          if (!BLAMELESS.has(error.code)) refused ??= error.code;
        }
      }
    } finally {
      // One wake-up of block production per batch, also when a bug cut the batch short.
      if (admitted > 0) this.c.onTxsAdmitted();
    }
    if (refused !== undefined) {
      this.c.logger.debug({ refused, txs: txs.length, admitted }, 'tx batch from a peer holds an invalid tx');
      return 'reject';
    }
    return admitted > 0 ? 'accept' : 'ignore';
  }
}
