// Values the Tendermint core reasons about. Blocks are opaque here: the driver derives the hash and
// the time from the block bytes (src/codec/block.ts) before the core sees them, so the core can
// never be fooled into voting for a hash that does not belong to the bytes it passes on.
import { VOTE_PRECOMMIT, VOTE_PREVOTE } from '../../codec/sign-bytes.js';
import type { Hash32, Height, Round, TimeMs } from '../../types/index.js';

export { VOTE_PRECOMMIT, VOTE_PREVOTE };

/** Wire value of a vote's type (proto VoteType): 1 prevote, 2 precommit. */
export type VoteType = typeof VOTE_PREVOTE | typeof VOTE_PRECOMMIT;

/** A round number or -1, the paper's "none" for lockedRound, validRound and a proposal's validRound. */
export type RoundOrNone = Round | -1;

/** A proposed value: the exact block bytes, with the hash and time the driver read from them. */
export interface ConsensusBlock {
  readonly hash: Hash32;
  readonly timeMs: TimeMs;
  readonly bytes: Uint8Array;
}

/** A signed prevote or precommit; blockHash null is a vote for nil. */
export interface Vote {
  readonly type: VoteType;
  readonly height: Height;
  readonly round: Round;
  readonly blockHash: Hash32 | null;
  readonly validatorIndex: number;
  readonly signature: Uint8Array;
}

/** A signed proposal; the signature covers proposalSignBytes(chain, height, round, validRound, hash). */
export interface Proposal {
  readonly height: Height;
  readonly round: Round;
  readonly validRound: RoundOrNone;
  readonly block: ConsensusBlock;
  readonly proposerIndex: number;
  readonly signature: Uint8Array;
}

export interface CommitSignature {
  readonly validatorIndex: number;
  readonly signature: Uint8Array;
}

/** Precommits for blockHash at (height, round) from more than 2/3 of the height's voting power. */
export interface CommitCertificate {
  readonly height: Height;
  readonly round: Round;
  readonly blockHash: Hash32;
  readonly signatures: readonly CommitSignature[];
}

export interface Validator {
  readonly publicKey: Uint8Array;
  readonly power: number;
}

/**
 * The validators of one height, ordered by public key bytes (indexes in votes and commits refer to
 * this order), with their proposer priorities as they stand before round 0 of that height.
 */
export interface ValidatorSet {
  readonly validators: readonly Validator[];
  readonly totalPower: number;
  readonly proposerPriorities: readonly number[];
}

/** Two signatures by one validator that the protocol forbids; both verify. */
export type Evidence =
  | {
      readonly kind: 'duplicateVote';
      readonly validatorIndex: number;
      readonly publicKey: Uint8Array;
      readonly voteA: Vote;
      readonly voteB: Vote;
    }
  | {
      readonly kind: 'duplicateProposal';
      readonly validatorIndex: number;
      readonly publicKey: Uint8Array;
      readonly proposalA: Proposal;
      readonly proposalB: Proposal;
    };

/**
 * Makes signatures for the core. Must be deterministic (ed25519 per RFC 8032 is): the core's step is
 * a pure function only if the same bytes always get the same signature.
 */
export interface ConsensusSigner {
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/** Checks signatures for the core. The node may answer from a cache filled by worker threads. */
export interface SignatureVerifier {
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/** Timeouts and proposer-based-timestamp bounds, all in milliseconds. */
export interface ConsensusParams {
  readonly timeoutProposeMs: number;
  readonly timeoutProposeDeltaMs: number;
  readonly timeoutPrevoteMs: number;
  readonly timeoutPrevoteDeltaMs: number;
  readonly timeoutPrecommitMs: number;
  readonly timeoutPrecommitDeltaMs: number;
  /** PBTS PRECISION: the largest difference between two correct validators' clocks. */
  readonly precisionMs: number;
  /** PBTS MSG_DELAY in round 0: the longest a proposal takes to reach a correct validator. */
  readonly messageDelayMs: number;
  /** MSG_DELAY grows by this much per round, so a too-tight bound cannot stall the chain forever. */
  readonly messageDelayDeltaMs: number;
  /** Messages more rounds ahead than this are ignored: it bounds what a faulty peer can make us store. */
  readonly roundsAheadMax: number;
  /** Messages for the next height kept until it starts. */
  readonly futureMessagesMax: number;
}

/** What the core needs from outside, injected once. */
export interface ConsensusContext {
  readonly chainId: string;
  readonly params: ConsensusParams;
  /** null on a node that follows consensus without voting (an observer). */
  readonly signer: ConsensusSigner | null;
  readonly verifier: SignatureVerifier;
}
