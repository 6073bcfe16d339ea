// StartRound (paper lines 11-21) and the signing path every broadcast of our own goes through:
// double-sign guard, then persist, then broadcast, then count our own message like anyone else's.
import { proposalSignBytes, voteSignBytes } from '../../codec/sign-bytes.js';
import { assert, toHex, type Hash32, type Round, type TimeMs } from '../../types/index.js';
import type { ConsensusEffect } from './effects.js';
import { timeoutDurationMs } from './params.js';
import { checkSign, SIGN_STEP_PRECOMMIT, SIGN_STEP_PREVOTE, SIGN_STEP_PROPOSAL, type SignStep } from './privval.js';
import {
  CLEAR_ROUND_FLAGS,
  durableRecord,
  roundMessages,
  withBlock,
  withRound,
  withValidity,
  type ConsensusState,
  type Step,
} from './state.js';
import { proposerIndex } from './validators.js';
import { addProposal, addVote, polkaVotes } from './votes.js';
import {
  VOTE_PREVOTE,
  type ConsensusBlock,
  type ConsensusContext,
  type Proposal,
  type RoundOrNone,
  type Vote,
  type VoteType,
} from './types.js';

export function setStep(state: ConsensusState, step: Step): ConsensusState {
  return { ...state, step, progress: state.progress + 1 };
}

export function isOwnTurn(state: ConsensusState, round: number): boolean {
  return state.ownIndex >= 0 && proposerIndex(state.validators, round) === state.ownIndex;
}

/**
 * Lines 11-21, StartRound(round). Entry: a new height (line 10/54), a precommit timeout (line 67)
 * or f + 1 messages of a higher round (line 56). Unlike the paper, the proposer schedules
 * timeoutPropose too (as CometBFT does): a block builder that never answers must not stall the
 * round for the one validator waiting on it.
 */
export function startRound(ctx: ConsensusContext, state: ConsensusState, round: Round,
  out: ConsensusEffect[]): ConsensusState {
  assert(state.status === 'running', 'rounds start only while a height runs');
  assert(round >= state.round, 'rounds never go back within a height');
  // Lines 12-13.
  let next: ConsensusState = { ...state, round, step: 'propose', flags: CLEAR_ROUND_FLAGS, progress: state.progress + 1 };
  out.push({
    kind: 'scheduleTimeout', height: next.height, round, step: 'propose',
    durationMs: timeoutDurationMs(ctx.params, 'propose', round),
  });
  // Line 14: not our turn, only the timeout above (line 21).
  if (!isOwnTurn(next, round)) return next;
  const signedBefore = next.ownProposals.find((proposal) => proposal.round === round);
  if (signedBefore !== undefined) {
    // Restarted after proposing in this round: send the very same proposal again.
    return proposeSigned(ctx, next, signedBefore.block, signedBefore.validRound, signedBefore.block.timeMs, out);
  }
  // Lines 15-16: re-propose the valid value, keeping its validRound and its original time (PBTS).
  if (next.validBlock !== null && next.validRound !== -1) {
    return proposeSigned(ctx, next, next.validBlock, next.validRound, next.validBlock.timeMs, out);
  }
  // Line 18: getValue() is the application's; the answer comes back as blockBuilt (line 19 then).
  next = { ...next, flags: { ...next.flags, buildRequested: true } };
  out.push({ kind: 'buildBlock', height: next.height, round, timeAfterMs: next.prevBlockTimeMs });
  return next;
}

/**
 * Line 19: broadcast ⟨PROPOSAL, h, round, proposal, validRound⟩. Entry: our turn in the current
 * round, at step propose. Our own block counts as valid and timely: we built it, or (validRound ≥ 0)
 * we saw a quorum prevote it.
 */
export function proposeSigned(ctx: ConsensusContext, state: ConsensusState, block: ConsensusBlock,
  validRound: RoundOrNone, nowMs: TimeMs, out: ConsensusEffect[]): ConsensusState {
  assert(block.timeMs > state.prevBlockTimeMs, 'driver contract: a built block is later than the previous block');
  if (ctx.signer === null || state.ownIndex < 0) return state;
  const signBytes = proposalSignBytes(ctx.chainId, state.height, state.round, validRound, block.hash);
  const signature = signOnce(ctx, state, SIGN_STEP_PROPOSAL, signBytes);
  if (signature === undefined) return state;
  const proposal: Proposal = {
    height: state.height, round: state.round, validRound, block, proposerIndex: state.ownIndex, signature,
  };
  let next = recordSigned(state, SIGN_STEP_PROPOSAL, signBytes, signature);
  if (!next.ownProposals.some((own) => own.round === proposal.round)) {
    next = { ...next, ownProposals: [...next.ownProposals, proposal] };
  }
  out.push({ kind: 'persist', record: durableRecord(next) });
  out.push({ kind: 'broadcastProposal', proposal });
  // A re-proposal is judged on the prevotes of its valid round (line 28), which validators that
  // moved on may never have received: send them along, as we hold them.
  if (validRound !== -1) {
    for (const vote of polkaVotes(roundMessages(next, validRound), block.hash)) out.push({ kind: 'broadcastVote', vote });
  }
  const added = addProposal(roundMessages(next, next.round), { proposal, receivedAtMs: nowMs, timely: true });
  if (added.kind !== 'duplicate') next = withRound(next, next.round, added.round);
  next = withBlock(next, block);
  return withValidity(next, toHex(block.hash), 'valid');
}

/**
 * Lines 24/26, 30/32, 40, 45, 59, 63: broadcast our prevote or precommit for the current round.
 * The caller changes the step; we only sign (if the guard allows), persist, send and count it.
 */
export function castVote(ctx: ConsensusContext, state: ConsensusState, type: VoteType, blockHash: Hash32 | null,
  out: ConsensusEffect[]): ConsensusState {
  if (ctx.signer === null || state.ownIndex < 0) return state;
  const signStep = type === VOTE_PREVOTE ? SIGN_STEP_PREVOTE : SIGN_STEP_PRECOMMIT;
  const signBytes = voteSignBytes(ctx.chainId, state.height, state.round, type, blockHash ?? undefined);
  const signature = signOnce(ctx, state, signStep, signBytes);
  if (signature === undefined) return state;
  const vote: Vote = {
    type, height: state.height, round: state.round, blockHash, validatorIndex: state.ownIndex, signature,
  };
  let next = recordSigned(state, signStep, signBytes, signature);
  if (!next.ownVotes.some((own) => own.round === vote.round && own.type === vote.type)) {
    next = { ...next, ownVotes: [...next.ownVotes, vote] };
  }
  out.push({ kind: 'persist', record: durableRecord(next) });
  out.push({ kind: 'broadcastVote', vote });
  const added = addVote(roundMessages(next, next.round), vote, () => true);
  assert(added.kind !== 'conflict', 'the guard never lets us sign two different votes for one round and type');
  return added.kind === 'duplicate' ? next : withRound(next, next.round, added.round);
}

/** The guard: a fresh signature past the last one, the same signature for the same bytes, or none. */
function signOnce(ctx: ConsensusContext, state: ConsensusState, signStep: SignStep,
  signBytes: Uint8Array): Uint8Array | undefined {
  assert(ctx.signer !== null, 'only validators sign');
  const decision = checkSign(state.lastSigned, state.height, state.round, signStep, signBytes);
  if (decision.kind === 'refuse') return undefined;
  if (decision.kind === 'resend') return decision.signature;
  return ctx.signer.sign(signBytes);
}

function recordSigned(state: ConsensusState, signStep: SignStep, signBytes: Uint8Array,
  signature: Uint8Array): ConsensusState {
  return {
    ...state,
    lastSigned: { height: state.height, round: state.round, signStep, signBytes, signature },
  };
}
