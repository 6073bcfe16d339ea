// Outputs of the core, in the order the driver must carry them out. The one ordering rule that
// safety depends on: a persist effect is durable (written and synced) before any effect after it
// starts, because the broadcast that follows carries a signature the guard must never forget.
import type { Height, Round, TimeMs } from '../../types/index.js';
import type { CatchUpRequest, PeerId } from './events.js';
import type { TimeoutStep } from './params.js';
import type { DurableRecord } from './privval.js';
import type { CommitCertificate, ConsensusBlock, Evidence, Proposal, Vote } from './types.js';

export type ConsensusEffect =
  /** Write this record, synced, replacing the previous one; only then go on with the next effect. */
  | { readonly kind: 'persist'; readonly record: DurableRecord }
  | { readonly kind: 'broadcastProposal'; readonly proposal: Proposal }
  | { readonly kind: 'broadcastVote'; readonly vote: Vote }
  /** Deliver timeoutFired(height, round, step) after durationMs; stale ones are ignored by the core. */
  | {
      readonly kind: 'scheduleTimeout';
      readonly height: Height;
      readonly round: Round;
      readonly step: TimeoutStep;
      readonly durationMs: number;
    }
  /**
   * Line 18, getValue(): build a block for (height, round) and answer with blockBuilt. Its time is
   * the local clock, which must be later than timeAfterMs (the previous block's time): the driver
   * waits until its clock passes it rather than inventing a time.
   */
  | { readonly kind: 'buildBlock'; readonly height: Height; readonly round: Round; readonly timeAfterMs: TimeMs }
  /** valid(v): execute or check the block and answer with blockValidated. */
  | { readonly kind: 'validateBlock'; readonly height: Height; readonly block: ConsensusBlock }
  /** Decided: store block and certificate atomically (synced), apply, then send startHeight(height + 1). */
  | { readonly kind: 'commit'; readonly block: ConsensusBlock; readonly certificate: CommitCertificate }
  | { readonly kind: 'recordEvidence'; readonly evidence: Evidence }
  /** Ask peers (one or several) for what we miss. */
  | { readonly kind: 'requestCatchUp'; readonly request: CatchUpRequest }
  /** Answer one peer's request. */
  | {
      readonly kind: 'sendToPeer';
      readonly peer: PeerId;
      readonly proposals: readonly Proposal[];
      readonly votes: readonly Vote[];
    };
