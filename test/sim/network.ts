// The simulated network: every message gets its own delay (so messages reorder), and until the
// heal time it may also be dropped, duplicated, held back much longer, or cut by a partition.
import type { CatchUpRequest, CommitCertificate, ConsensusBlock, Proposal, Vote } from '../../src/consensus/tendermint/index.js';
import type { EventQueue } from './event-queue.js';
import type { SimOptions } from './options.js';
import type { Prng } from './prng.js';

export type WireMessage =
  | { readonly kind: 'proposal'; readonly proposal: Proposal }
  | { readonly kind: 'vote'; readonly vote: Vote }
  | { readonly kind: 'request'; readonly request: CatchUpRequest }
  | { readonly kind: 'commit'; readonly block: ConsensusBlock; readonly certificate: CommitCertificate };

export interface Delivery {
  readonly kind: 'deliver';
  readonly from: number;
  readonly to: number;
  readonly message: WireMessage;
}

export class SimNetwork {
  sentCount = 0;
  droppedCount = 0;

  constructor(
    private readonly options: SimOptions,
    private readonly prng: Prng,
    private readonly queue: EventQueue<Delivery | { readonly kind: string }>,
  ) {}

  private partitioned(from: number, to: number, nowMs: number): boolean {
    return this.options.partitions.some((partition) => {
      if (nowMs < partition.startMs || nowMs >= partition.endMs) return false;
      const fromSide = partition.sideOfNode[from]!;
      const toSide = partition.sideOfNode[to]!;
      return partition.oneWay ? fromSide < toSide : fromSide !== toSide;
    });
  }

  send(from: number, to: number, message: WireMessage, nowMs: number): void {
    this.sentCount += 1;
    const faulty = nowMs < this.options.healAtMs;
    if (faulty && (this.partitioned(from, to, nowMs) || this.prng.chance(this.options.dropPerMille))) {
      this.droppedCount += 1;
      return;
    }
    const copies = faulty && this.prng.chance(this.options.duplicatePerMille) ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      const slow = faulty && this.prng.chance(100);
      const delayMaxMs = slow ? this.options.faultDelayMaxMs : this.options.delayMaxMs;
      const delayMs = this.prng.range(this.options.delayMinMs, Math.max(this.options.delayMinMs, delayMaxMs));
      this.queue.push(nowMs + delayMs, { kind: 'deliver', from, to, message });
    }
  }
}
