// Rebuilding compact proposals (compact-proposal.ts) from the mempool. A tx named by a proposal may
// not be here yet: its gossip batch can still be on the way or half admitted (gossipsub hands us
// messages without waiting for the previous one's validation). So a proposal with missing txs
// waits for the tx batches in flight, then looks again a few times for up to MISSING_WAIT_MS; a tx
// still missing after that (refused by a full mempool, or never gossiped to us) makes us ask a
// peer for the whole proposal through catch-up. Nothing here decides validity: the core gets the
// rebuilt proposal exactly as if its block had come whole.
import type { Logger } from 'pino';
import type { Proposal } from '../consensus/tendermint/index.js';
import { sleepMs, toHex, type TimeMs, type Timers } from '../types/index.js';
import { proposalFromCompact, type CompactProposal } from './compact-proposal.js';

export interface MissingTxsComponents {
  readonly logger: Logger;
  readonly timers: Timers;
  /** Bytes of a pending tx by its hash, if this node holds it. */
  txOf(hash: Uint8Array): Uint8Array | undefined;
  /** Settles once the tx batches being admitted now are done. */
  gossipSettled(): Promise<void>;
  currentHeight(): number;
  onExpanded(proposal: Proposal, receivedAtMs: TimeMs): void;
  /** Asks peers for the whole proposal of this height and round, its proposer first. */
  requestWhole(height: number, round: number, proposerIndex: number): void;
}

/** How long a proposal waits for its missing txs to arrive by gossip before we ask for it whole. */
export const MISSING_WAIT_MS = 300;
const MISSING_RETRY_MS = 20;
/**
 * Proposals waiting at once. More are dropped: a flood of made-up compact proposals must not turn
 * into a flood of requests to our peers, and the core asks for the proposal it lacks at its next
 * stalled tick anyway.
 */
const WAITING_MAX = 8;

export class MissingTxs {
  private readonly waiting = new Set<string>();
  /** (height, round) pairs whose whole proposal we asked for, at the height in `requestedAt`. */
  private readonly requested = new Set<string>();
  private requestedAt = 0;

  constructor(private readonly c: MissingTxsComponents) {}

  /** Feeds the proposal to the core now if every tx is here, else once they are (or asks for it whole). */
  expand(compact: CompactProposal, receivedAtMs: TimeMs): void {
    const txs: (Uint8Array | undefined)[] = compact.txHashes.map((hash) => this.c.txOf(hash));
    const missing: number[] = [];
    txs.forEach((tx, i) => { if (tx === undefined) missing.push(i); });
    if (missing.length === 0) {
      this.c.onExpanded(proposalFromCompact(compact, txs as Uint8Array[]), receivedAtMs);
      return;
    }
    const key = `${compact.height}/${compact.round}/${compact.proposerIndex}/${toHex(compact.header)}`;
    if (this.waiting.has(key)) return;
    if (this.waiting.size >= WAITING_MAX) {
      this.c.logger.debug({ height: compact.height, round: compact.round }, 'compact proposal dropped: too many wait for txs');
      return;
    }
    this.waiting.add(key);
    this.wait(compact, receivedAtMs, txs, missing)
      .catch((error: unknown) => this.c.logger.warn({ err: error, height: compact.height }, 'rebuilding a compact proposal failed'))
      .finally(() => this.waiting.delete(key));
  }

  private async wait(compact: CompactProposal, receivedAtMs: TimeMs, txs: (Uint8Array | undefined)[], missing: number[]): Promise<void> {
    await this.c.gossipSettled();
    const startMs = this.c.timers.elapsedMs();
    for (;;) {
      // Decided meanwhile (a proposal of the next height waits on, the core keeps it for then).
      if (compact.height < this.c.currentHeight()) return;
      missing = missing.filter((i) => (txs[i] = this.c.txOf(compact.txHashes[i]!)) === undefined);
      if (missing.length === 0) {
        this.c.onExpanded(proposalFromCompact(compact, txs as Uint8Array[]), receivedAtMs);
        return;
      }
      if (this.c.timers.elapsedMs() - startMs >= MISSING_WAIT_MS) break;
      await sleepMs(this.c.timers, MISSING_RETRY_MS);
    }
    this.askOnce(compact.height, compact.round, compact.proposerIndex, missing.length, txs.length);
  }

  /** One request per (height, round): several compact proposals of one round need one answer. */
  private askOnce(height: number, round: number, proposerIndex: number, missing: number, txs: number): void {
    if (this.requestedAt !== height) {
      this.requested.clear();
      this.requestedAt = height;
    }
    const key = `${height}/${round}`;
    if (this.requested.has(key)) return;
    this.requested.add(key);
    this.c.logger.debug({ height, round, missing, txs }, 'compact proposal: txs missing, asking for the whole proposal');
    this.c.requestWhole(height, round, proposerIndex);
  }
}
