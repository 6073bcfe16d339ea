// The messages of one round: proposals, prevotes and precommits, and the power tallies the upon-rules
// ask for. Counting follows the paper: "2f + 1 ⟨PREVOTE, h, r, id(v)⟩" is the power of the distinct
// validators from which we received a prevote for id(v). A validator that equivocates has sent two
// messages, so it may count towards two values (the quorum-intersection argument still holds: two
// quorums share more than 1/3 of the power, hence a correct validator, who never equivocates), but
// it counts once towards "2f + 1 ⟨PREVOTE, h, r, ∗⟩". Keeping only its first vote instead would let a
// Byzantine validator hide a polka or a commit from a node that received both of its votes.
import { assert, equalBytes, type Hash32 } from '../../types/index.js';
import { isQuorum } from './validators.js';
import { VOTE_PREVOTE, type Proposal, type ValidatorSet, type Vote, type VoteType } from './types.js';
import type { TimeMs } from '../../types/index.js';

/** At most this many different proposals per round are kept: the first, and one conflicting. */
export const PROPOSALS_PER_ROUND_MAX = 2;

export interface ProposalRecord {
  readonly proposal: Proposal;
  /** This validator's clock when the proposal first arrived (PBTS judges timeliness from it). */
  readonly receivedAtMs: TimeMs;
  readonly timely: boolean;
}

/** Per validator index, the different votes received from it (empty: none; more than one: equivocation). */
export type VoteSlots = readonly (readonly Vote[])[];

export interface RoundMessages {
  readonly proposals: readonly ProposalRecord[];
  readonly prevotes: VoteSlots;
  readonly precommits: VoteSlots;
}

export function emptyRound(validatorCount: number): RoundMessages {
  const none: VoteSlots = new Array<readonly Vote[]>(validatorCount).fill([]);
  return { proposals: [], prevotes: none, precommits: none };
}

export function votesOfType(round: RoundMessages, type: VoteType): VoteSlots {
  return type === VOTE_PREVOTE ? round.prevotes : round.precommits;
}

export function sameHash(a: Hash32 | null, b: Hash32 | null): boolean {
  if (a === null || b === null) return a === b;
  return equalBytes(a, b);
}

export type AddVoteOutcome =
  | { readonly kind: 'added'; readonly round: RoundMessages }
  | { readonly kind: 'duplicate' }
  /** A second, different vote: reported as evidence against `existing`, and counted if it may matter. */
  | { readonly kind: 'conflict'; readonly existing: Vote; readonly round: RoundMessages };

/**
 * Adds a verified vote; the caller has checked index, height, round and signature. A validator's
 * first vote is always kept. Further, different votes are kept only when they may decide something:
 * for nil, or for a block of this height we hold (`isKnownBlock`). That bounds what an equivocating
 * validator can make us store by the blocks we keep, and a vote for a block that arrives later comes
 * back with the relayed polka or a catch-up reply.
 */
export function addVote(round: RoundMessages, vote: Vote, isKnownBlock: (hash: Hash32) => boolean): AddVoteOutcome {
  const slots = votesOfType(round, vote.type);
  assert(vote.validatorIndex >= 0 && vote.validatorIndex < slots.length, 'vote index checked by the caller');
  const kept = slots[vote.validatorIndex]!;
  if (kept.some((existing) => sameHash(existing.blockHash, vote.blockHash))) return { kind: 'duplicate' };
  const first = kept[0];
  const worthKeeping = first === undefined || vote.blockHash === null || isKnownBlock(vote.blockHash);
  let updatedRound = round;
  if (worthKeeping) {
    const updated = [...slots];
    updated[vote.validatorIndex] = [...kept, vote];
    updatedRound = vote.type === VOTE_PREVOTE ? { ...round, prevotes: updated } : { ...round, precommits: updated };
  }
  return first === undefined ? { kind: 'added', round: updatedRound } : { kind: 'conflict', existing: first, round: updatedRound };
}

/** The vote of one validator for `hash` (null: for nil), if we received one. */
export function voteFor(slot: readonly Vote[], hash: Hash32 | null): Vote | undefined {
  return slot.find((vote) => sameHash(vote.blockHash, hash));
}

/** Power of the validators that voted for `hash` (null: for nil). */
export function powerFor(slots: VoteSlots, set: ValidatorSet, hash: Hash32 | null): number {
  let power = 0;
  for (let i = 0; i < slots.length; i++) if (voteFor(slots[i]!, hash) !== undefined) power += set.validators[i]!.power;
  return power;
}

/** Power of the validators that voted at all, each once (the paper's ⟨∗⟩). */
export function powerAny(slots: VoteSlots, set: ValidatorSet): number {
  let power = 0;
  for (let i = 0; i < slots.length; i++) if (slots[i]!.length > 0) power += set.validators[i]!.power;
  return power;
}

/**
 * The value (a hash, or null for nil) that more than 2/3 of the power voted for, if any. With less
 * than 1/3 of the power faulty at most one exists: two such quorums would share a correct validator.
 */
export function quorumValue(slots: VoteSlots, set: ValidatorSet): { hash: Hash32 | null } | undefined {
  for (const slot of slots) {
    for (const vote of slot) {
      if (isQuorum(powerFor(slots, set, vote.blockHash), set.totalPower)) return { hash: vote.blockHash };
    }
  }
  return undefined;
}

/** Power of the validators that sent anything in this round: the paper's f + 1 ⟨∗, h, round, ∗, ∗⟩. */
export function senderPower(round: RoundMessages, set: ValidatorSet): number {
  let power = 0;
  for (let i = 0; i < set.validators.length; i++) {
    const sent = round.prevotes[i]!.length > 0 || round.precommits[i]!.length > 0
      || round.proposals.some((record) => record.proposal.proposerIndex === i);
    if (sent) power += set.validators[i]!.power;
  }
  return power;
}

export type AddProposalOutcome =
  | { readonly kind: 'added'; readonly round: RoundMessages }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'conflict'; readonly existing: Proposal; readonly round: RoundMessages };

function sameProposal(a: Proposal, b: Proposal): boolean {
  return a.validRound === b.validRound && equalBytes(a.block.hash, b.block.hash);
}

/** Adds a verified proposal from the round's proposer; a second, different one is equivocation. */
export function addProposal(round: RoundMessages, record: ProposalRecord): AddProposalOutcome {
  if (round.proposals.some((kept) => sameProposal(kept.proposal, record.proposal))) return { kind: 'duplicate' };
  const first = round.proposals[0];
  const proposals = round.proposals.length < PROPOSALS_PER_ROUND_MAX ? [...round.proposals, record] : round.proposals;
  const updated = { ...round, proposals };
  if (first === undefined) return { kind: 'added', round: updated };
  return { kind: 'conflict', existing: first.proposal, round: updated };
}

/** The prevotes of `round` for `hash`: the polka a re-proposal (validRound = round) stands on. */
export function polkaVotes(round: RoundMessages, hash: Hash32): Vote[] {
  return round.prevotes.map((slot) => voteFor(slot, hash)).filter((vote): vote is Vote => vote !== undefined);
}
