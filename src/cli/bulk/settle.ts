// Bringing one journaled batch tx to an end: committed, refused by the node, or superseded (it can
// no longer commit, because the chain's time has passed its expiry). Connection failures are
// retried with growing waits; the node's answers are not.
import { ApiError, ClientError, type TianpingClient } from '../../client/client.js';
import { sleep } from './concurrency.js';
import type { Batch } from './state.js';
import type { Outcome } from './types.js';

/** How often a pending tx or an expiring one is looked at again. */
const POLL_INTERVAL_MS = 500;
/** Transient answers: the tx is (or may soon be) on its way; look again instead of giving up. */
const WAIT_CODES = new Set(['TX_DUPLICATE', 'TX_ALREADY_COMMITTED', 'COMMIT_TIMEOUT', 'MEMPOOL_FULL']);
/** The node cannot take anything until its operator restarts it: an error (exit 2), resumable later. */
const FATAL_CODES = new Set(['NODE_HALTED']);

export class TxSettler {
  /** The latest block time seen: a tx's expiry is counted from it when the local clock is behind. */
  private chainTimeMs = 0;

  /** `member` signs its requests with the submitter key: tx status and inclusion proofs are member reads. */
  constructor(private readonly client: TianpingClient, private readonly member: TianpingClient,
    private readonly retryDelaysMs: readonly number[]) {}

  get latestBlockTimeMs(): number {
    return this.chainTimeMs;
  }

  sawBlockTime(timeMs: number): void {
    this.chainTimeMs = Math.max(this.chainTimeMs, timeMs);
  }

  /**
   * Brings a journaled batch to an end. Its exact bytes are submitted again whenever the node does
   * not know the tx, which the chain turns into a no-op if it committed meanwhile; the tx is given
   * up (superseded) only once the latest block time has reached its expiry, when no block can
   * ever include it. A `fresh` batch, journaled just now, is submitted before anything is asked.
   */
  async settle(batch: Batch, fresh: boolean): Promise<Outcome> {
    let failures = 0;
    let refusedAsExpired = false;
    let lookFirst = !fresh;
    for (;;) {
      try {
        if (lookFirst) {
          const seen = await this.look(batch);
          failures = 0;
          if (seen.kind !== 'unknown') return seen;
          if (seen.wait || refusedAsExpired) {
            await sleep(POLL_INTERVAL_MS);
            continue;
          }
        }
        lookFirst = true;
        try {
          const result = await this.client.submit(batch.tx, { wait: 'commit' });
          if (result.status === 'committed') return { kind: 'committed', view: result };
        } catch (error) {
          if (!(error instanceof ApiError) || FATAL_CODES.has(error.code)) throw error;
          if (error.code === 'TX_EXPIRED') {
            // The node's clock says expired, but a block may still be timed before the expiry:
            // wait for the block time to pass it before signing the items anew.
            refusedAsExpired = true;
          } else if (!WAIT_CODES.has(error.code)) {
            return { kind: 'refused', error };
          }
          if (error.code === 'MEMPOOL_FULL') await sleep(POLL_INTERVAL_MS);
        }
      } catch (error) {
        const delayMs = this.retryDelaysMs[failures];
        if (!(error instanceof ClientError) || delayMs === undefined) throw error;
        failures++;
        await sleep(delayMs);
      }
    }
  }

  /** Connection failures are retried with growing waits; the node's answers are not. */
  async retrying<T>(operation: () => Promise<T>): Promise<T> {
    for (let failures = 0; ; failures++) {
      try {
        return await operation();
      } catch (error) {
        const delayMs = this.retryDelaysMs[failures];
        if (!(error instanceof ClientError) || delayMs === undefined) throw error;
        await sleep(delayMs);
      }
    }
  }

  /** What the node knows of the batch's tx: committed, never committable, or neither (pending or unknown). */
  private async look(batch: Batch): Promise<Exclude<Outcome, { kind: 'refused' }> | { kind: 'unknown'; wait: boolean }> {
    // The node's latest block time is read BEFORE the tx is looked up: if the tx is unknown
    // then, no block up to that time holds it, and every later block is later than its expiry.
    const status = await this.client.status();
    this.sawBlockTime(status.latestBlockTimeMs);
    const view = await this.txStatus(batch.txHash);
    if (view?.status === 'committed') return { kind: 'committed', view };
    if (view === undefined && status.latestBlockTimeMs >= batch.expiresAtMs) {
      return { kind: 'superseded', reason: `expired at ${new Date(batch.expiresAtMs).toISOString()}, before any block held it` };
    }
    return { kind: 'unknown', wait: view?.status === 'pending' };
  }

  private async txStatus(hash: string): Promise<Awaited<ReturnType<TianpingClient['tx']>> | undefined> {
    try {
      return await this.member.tx(hash);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'TX_NOT_FOUND') return undefined;
      throw error;
    }
  }
}
