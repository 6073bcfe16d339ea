// Messages entering the core: proposals, votes and catch-up commits are checked here (height, round,
// index, proposer, signature) before they count. Verification happens inside the core through the
// injected SignatureVerifier, so nothing unverified can ever reach a tally; a driver that verifies
// earlier (in worker threads) passes a verifier that answers from those results.
import { proposalSignBytes, voteSignBytes } from '../../codec/sign-bytes.js';
import { equalBytes, HASH_BYTES, toHex, type TimeMs } from '../../types/index.js';
import { certificateVotes, verifyCertificate } from './certificate.js';
import type { ConsensusEffect } from './effects.js';
import { isTimely } from './params.js';
import { applyRules } from './rules.js';
import { roundMessages, withBlock, withRound, withValidity, type ConsensusState, type FutureMessage } from './state.js';
import { isQuorum, proposerIndex } from './validators.js';
import { addProposal, addVote, powerFor } from './votes.js';
import {
  VOTE_PRECOMMIT,
  VOTE_PREVOTE,
  type CommitCertificate,
  type ConsensusBlock,
  type ConsensusContext,
  type Evidence,
  type Proposal,
  type Vote,
} from './types.js';

/**
 * What the core does with a message of (height, round): count it, keep it for the next height, or
 * drop it. Exported so that a checker can tell which messages a node really took in.
 */
export type Admission = 'current' | 'nextHeight' | 'drop';

export function admission(ctx: ConsensusContext, state: ConsensusState, height: number, round: number): Admission {
  if (state.status === 'idle' || !Number.isSafeInteger(round) || round < 0) return 'drop';
  if (height === state.height + 1) return 'nextHeight';
  if (height !== state.height) return 'drop';
  return round <= state.round + ctx.params.roundsAheadMax ? 'current' : 'drop';
}

/** Notes a message from a higher height; two or more ahead means we are behind: ask for the commit. */
function noteHeight(state: ConsensusState, height: number, out: ConsensusEffect[]): ConsensusState {
  if (state.status === 'idle' || !Number.isSafeInteger(height) || height <= state.highestHeightSeen) return state;
  if (height >= state.height + 2 && state.highestHeightSeen < state.height + 2) {
    out.push({ kind: 'requestCatchUp', request: { kind: 'commit', height: state.height } });
  }
  return { ...state, highestHeightSeen: height };
}

function keepForNextHeight(ctx: ConsensusContext, state: ConsensusState, message: FutureMessage): ConsensusState {
  if (state.futureMessages.length >= ctx.params.futureMessagesMax) return state;
  return { ...state, futureMessages: [...state.futureMessages, message] };
}

function reportEvidence(state: ConsensusState, key: string, evidence: Evidence, out: ConsensusEffect[]): ConsensusState {
  if (state.evidenceKeys.has(key)) return state;
  out.push({ kind: 'recordEvidence', evidence });
  const evidenceKeys = new Set(state.evidenceKeys);
  evidenceKeys.add(key);
  return { ...state, evidenceKeys };
}

/** valid(v) is asked once per block; a block not later than its predecessor is invalid outright. */
export function ensureValidation(state: ConsensusState, block: ConsensusBlock, out: ConsensusEffect[]): ConsensusState {
  const key = toHex(block.hash);
  if (state.validity.has(key)) return state;
  if (block.timeMs <= state.prevBlockTimeMs) return withValidity(state, key, 'invalid');
  out.push({ kind: 'validateBlock', height: state.height, block });
  return withValidity(state, key, 'pending');
}

function isWellFormedHash(hash: Uint8Array | null): boolean {
  return hash === null || (hash instanceof Uint8Array && hash.length === HASH_BYTES);
}

/** Counts a verified vote; a second, different vote by the same validator becomes evidence. */
function countVote(state: ConsensusState, vote: Vote, out: ConsensusEffect[]): ConsensusState {
  const outcome = addVote(roundMessages(state, vote.round), vote, (hash) => state.blocks.has(toHex(hash)));
  if (outcome.kind === 'duplicate') return state;
  const next = withRound(state, vote.round, outcome.round);
  if (outcome.kind === 'added') return next;
  const key = `vote/${vote.height}/${vote.round}/${vote.type}/${vote.validatorIndex}`;
  const publicKey = state.validators.validators[vote.validatorIndex]!.publicKey;
  return reportEvidence(next, key, {
    kind: 'duplicateVote', validatorIndex: vote.validatorIndex, publicKey, voteA: outcome.existing, voteB: vote,
  }, out);
}

function voteVerifies(ctx: ConsensusContext, state: ConsensusState, vote: Vote): boolean {
  if (vote.type !== VOTE_PREVOTE && vote.type !== VOTE_PRECOMMIT) return false;
  const validator = state.validators.validators[vote.validatorIndex];
  if (!Number.isSafeInteger(vote.validatorIndex) || validator === undefined) return false;
  if (!isWellFormedHash(vote.blockHash)) return false;
  const signBytes = voteSignBytes(ctx.chainId, vote.height, vote.round, vote.type, vote.blockHash ?? undefined);
  return ctx.verifier.verify(validator.publicKey, signBytes, vote.signature);
}

export function onVote(ctx: ConsensusContext, state: ConsensusState, vote: Vote, out: ConsensusEffect[]): ConsensusState {
  const noted = noteHeight(state, vote.height, out);
  const where = admission(ctx, noted, vote.height, vote.round);
  if (where === 'nextHeight') return keepForNextHeight(ctx, noted, { kind: 'vote', vote });
  if (where === 'drop' || !voteVerifies(ctx, noted, vote)) return noted;
  return applyRules(ctx, countVote(noted, vote, out), out);
}

function proposalVerifies(ctx: ConsensusContext, state: ConsensusState, proposal: Proposal): boolean {
  const { round, validRound, block } = proposal;
  if (!Number.isSafeInteger(validRound) || validRound < -1 || validRound >= round) return false;
  if (!isWellFormedHash(block.hash) || !Number.isSafeInteger(block.timeMs)) return false;
  if (proposal.proposerIndex !== proposerIndex(state.validators, round)) return false;
  const proposer = state.validators.validators[proposal.proposerIndex]!;
  const signBytes = proposalSignBytes(ctx.chainId, proposal.height, round, validRound, block.hash);
  return ctx.verifier.verify(proposer.publicKey, signBytes, proposal.signature);
}

export function onProposal(ctx: ConsensusContext, state: ConsensusState, proposal: Proposal, receivedAtMs: TimeMs,
  out: ConsensusEffect[]): ConsensusState {
  const noted = noteHeight(state, proposal.height, out);
  const where = admission(ctx, noted, proposal.height, proposal.round);
  if (where === 'nextHeight') return keepForNextHeight(ctx, noted, { kind: 'proposal', proposal, receivedAtMs });
  if (where === 'drop' || !proposalVerifies(ctx, noted, proposal)) return noted;
  // PBTS: only a first proposal (validRound = -1) is judged on time; a re-proposal keeps its time.
  const timely = proposal.validRound !== -1
    || isTimely(ctx.params, proposal.block.timeMs, receivedAtMs, proposal.round);
  const outcome = addProposal(roundMessages(noted, proposal.round), { proposal, receivedAtMs, timely });
  if (outcome.kind === 'duplicate') return noted;
  let next = withRound(noted, proposal.round, outcome.round);
  if (outcome.kind === 'conflict') {
    const key = `proposal/${proposal.height}/${proposal.round}/${proposal.proposerIndex}`;
    const publicKey = next.validators.validators[proposal.proposerIndex]!.publicKey;
    next = reportEvidence(next, key, {
      kind: 'duplicateProposal', validatorIndex: proposal.proposerIndex, publicKey,
      proposalA: outcome.existing, proposalB: proposal,
    }, out);
  }
  // After the decision a proposal only matters as evidence: nothing left to validate or vote on.
  if (next.status !== 'running') return next;
  next = ensureValidation(withBlock(next, proposal.block), proposal.block, out);
  requestPolkaIfMissing(next, proposal, out);
  return applyRules(ctx, next, out);
}

/** Line 28 needs the prevotes of the proposal's valid round; ask at once rather than at the next tick. */
function requestPolkaIfMissing(state: ConsensusState, proposal: Proposal, out: ConsensusEffect[]): void {
  const validRound = proposal.validRound;
  if (validRound === -1 || proposal.round !== state.round || state.step !== 'propose') return;
  const polka = powerFor(roundMessages(state, validRound).prevotes, state.validators, proposal.block.hash);
  if (isQuorum(polka, state.validators.totalPower)) return;
  out.push({ kind: 'requestCatchUp', request: { kind: 'votes', height: state.height, round: validRound, type: VOTE_PREVOTE } });
}

/**
 * A committed block with its certificate, from a peer, for the height we run. Once the certificate
 * verifies against this height's validators it stands for the 2f + 1 precommits of line 49, which
 * decides as soon as valid(v) is known.
 */
export function onCommitReceived(ctx: ConsensusContext, state: ConsensusState, block: ConsensusBlock,
  certificate: CommitCertificate, out: ConsensusEffect[]): ConsensusState {
  const noted = noteHeight(state, certificate.height, out);
  if (noted.status !== 'running' || certificate.height !== noted.height) return noted;
  if (!Number.isSafeInteger(certificate.round) || certificate.round < 0) return noted;
  if (!isWellFormedHash(block.hash) || !equalBytes(block.hash, certificate.blockHash)) return noted;
  if (!verifyCertificate(ctx.chainId, noted.validators, certificate, ctx.verifier).ok) return noted;
  // Counting its precommits also exposes any earlier conflicting vote of a signer as evidence.
  let next: ConsensusState = noted.certified === null ? { ...noted, certified: certificate } : noted;
  for (const vote of certificateVotes(certificate)) next = countVote(next, vote, out);
  next = ensureValidation(withBlock(next, block), block, out);
  return applyRules(ctx, next, out);
}

/** The application answered valid(v) for a block of this height. */
export function onBlockValidated(ctx: ConsensusContext, state: ConsensusState, height: number, hashHex: string,
  valid: boolean, out: ConsensusEffect[]): ConsensusState {
  if (height !== state.height || state.validity.get(hashHex) !== 'pending') return state;
  return applyRules(ctx, withValidity(state, hashHex, valid ? 'valid' : 'invalid'), out);
}
