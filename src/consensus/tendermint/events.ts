// Inputs of the core. The driver turns every outside happening into one of these and hands it to
// step(); nothing else reaches the core. Times in events are the node's own clock readings: the core
// never reads a clock.
import type { Hash32, Height, Round, TimeMs } from '../../types/index.js';
import type { TimeoutStep } from './params.js';
import type { CommitCertificate, ConsensusBlock, Proposal, ValidatorSet, Vote, VoteType } from './types.js';

/** Opaque peer handle, used only to address a reply. */
export type PeerId = string;

/** What a node asks its peers for when it misses messages (gossip is not reliable). */
export type CatchUpRequest =
  | { readonly kind: 'proposal'; readonly height: Height; readonly round: Round }
  | { readonly kind: 'votes'; readonly height: Height; readonly round: Round; readonly type: VoteType }
  /** The committed block of `height` with its certificate: served by the driver from its ledger. */
  | { readonly kind: 'commit'; readonly height: Height };

export type ConsensusEvent =
  /**
   * The previous height is applied (or the node just started): run `height` with its validators.
   * prevBlockTimeMs is the time of block height − 1 (genesis time at height 1).
   */
  | {
      readonly kind: 'startHeight';
      readonly height: Height;
      readonly validators: ValidatorSet;
      readonly prevBlockTimeMs: TimeMs;
    }
  /** A proposal from the network, not yet verified; receivedAtMs is the local clock at arrival. */
  | { readonly kind: 'proposalReceived'; readonly proposal: Proposal; readonly receivedAtMs: TimeMs }
  /** A vote from the network, not yet verified. */
  | { readonly kind: 'voteReceived'; readonly vote: Vote }
  /** A timeout the core scheduled has expired. */
  | { readonly kind: 'timeoutFired'; readonly height: Height; readonly round: Round; readonly step: TimeoutStep }
  /** Answer to a buildBlock effect: the block this node proposes (time = its clock, after the previous block). */
  | {
      readonly kind: 'blockBuilt';
      readonly height: Height;
      readonly round: Round;
      readonly block: ConsensusBlock;
      readonly nowMs: TimeMs;
    }
  /** Answer to a validateBlock effect: the application's valid(v) for the height being decided. */
  | { readonly kind: 'blockValidated'; readonly height: Height; readonly blockHash: Hash32; readonly valid: boolean }
  /** A committed block with its certificate from a peer (catch-up), not yet verified. */
  | { readonly kind: 'commitReceived'; readonly block: ConsensusBlock; readonly certificate: CommitCertificate }
  /** Periodic: re-send own messages and ask for missing ones if nothing moved since the last tick. */
  | { readonly kind: 'rebroadcastTick' }
  /** A peer asks for proposals or votes of the current height. */
  | { readonly kind: 'peerRequest'; readonly peer: PeerId; readonly request: CatchUpRequest };
