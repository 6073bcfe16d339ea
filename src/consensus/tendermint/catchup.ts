// Catch-up. Gossip is not reliable broadcast, and the paper's liveness argument assumes every message
// between correct validators arrives eventually. So a node that made no progress since the previous
// tick asks its peers for what it visibly misses; peers answer from the message log of the height.
// After a second tick without progress it also sends its own messages of the current round again
// (for peers that do not know what they miss). Not at the first: on a loaded network a step often
// outlasts one tick, and re-sending every vote and proposal to every peer then cost the nodes as
// much as all of the gossip. Finished heights are served by the driver from its ledger (block and
// certificate), because the core forgets a height once it is done.
import { asRound, toHex } from '../../types/index.js';
import type { ConsensusEffect } from './effects.js';
import type { CatchUpRequest, PeerId } from './events.js';
import { roundMessages, type ConsensusState } from './state.js';
import { isQuorum } from './validators.js';
import { polkaVotes, powerAny, powerFor, quorumValue, votesOfType } from './votes.js';
import { VOTE_PRECOMMIT, VOTE_PREVOTE, type Proposal, type Vote } from './types.js';

/** Ticks in a row without progress before a node re-sends its own messages. */
export const RESEND_AFTER_STALLED_TICKS = 2;

export function onRebroadcastTick(state: ConsensusState, out: ConsensusEffect[]): ConsensusState {
  if (state.status === 'idle') return state;
  if (state.highestHeightSeen > state.height) {
    out.push({ kind: 'requestCatchUp', request: { kind: 'commit', height: state.height } });
  }
  if (state.progress !== state.progressAtLastTick) return { ...state, progressAtLastTick: state.progress, stalledTicks: 0 };
  const stalledTicks = state.stalledTicks + 1;
  if (stalledTicks >= RESEND_AFTER_STALLED_TICKS) resendOwnMessages(state, out);
  if (state.status === 'running') requestMissing(state, out);
  return { ...state, stalledTicks };
}

/** Our proposal and votes of the current and the previous round, and the round's proposal we hold. */
function resendOwnMessages(state: ConsensusState, out: ConsensusEffect[]): void {
  const oldestRound = Math.max(0, state.round - 1);
  for (const proposal of state.ownProposals) {
    if (proposal.round >= oldestRound) out.push({ kind: 'broadcastProposal', proposal });
  }
  const relayed = roundMessages(state, state.round).proposals[0];
  if (relayed !== undefined && relayed.proposal.proposerIndex !== state.ownIndex) {
    out.push({ kind: 'broadcastProposal', proposal: relayed.proposal });
  }
  const validRound = relayed?.proposal.validRound ?? -1;
  if (relayed !== undefined && validRound !== -1) {
    for (const vote of polkaVotes(roundMessages(state, validRound), relayed.proposal.block.hash)) {
      out.push({ kind: 'broadcastVote', vote });
    }
  }
  for (const vote of state.ownVotes) {
    if (vote.round >= oldestRound) out.push({ kind: 'broadcastVote', vote });
  }
  if (state.decision !== null && state.decision.certificate.round < oldestRound) {
    for (const vote of state.ownVotes) {
      if (vote.round === state.decision.certificate.round) out.push({ kind: 'broadcastVote', vote });
    }
  }
}

function request(out: ConsensusEffect[], request: CatchUpRequest): void {
  out.push({ kind: 'requestCatchUp', request });
}

/** Asks for what the upon-rules visibly wait on. */
function requestMissing(state: ConsensusState, out: ConsensusEffect[]): void {
  const height = state.height;
  // Line 49 waits for the block a precommit quorum names.
  for (const [round, messages] of state.rounds) {
    const quorum = quorumValue(messages.precommits, state.validators);
    if (quorum !== undefined && quorum.hash !== null && !state.blocks.has(toHex(quorum.hash))) {
      request(out, { kind: 'proposal', height, round: asRound(round) });
    }
  }
  const current = roundMessages(state, state.round);
  const total = state.validators.totalPower;
  // Lines 22/28/36 wait for the current round's proposal.
  const prevoteQuorum = quorumValue(current.prevotes, state.validators);
  const proposalMissing = current.proposals.length === 0
    || (prevoteQuorum !== undefined && prevoteQuorum.hash !== null
      && !current.proposals.some((record) => toHex(record.proposal.block.hash) === toHex(prevoteQuorum.hash!)));
  if (proposalMissing) request(out, { kind: 'proposal', height, round: state.round });
  // Line 28 waits for the prevotes of the proposal's valid round.
  for (const record of current.proposals) {
    const validRound = record.proposal.validRound;
    if (validRound === -1) continue;
    const polka = powerFor(roundMessages(state, validRound).prevotes, state.validators, record.proposal.block.hash);
    if (!isQuorum(polka, total)) request(out, { kind: 'votes', height, round: validRound, type: VOTE_PREVOTE });
  }
  // Lines 34/44 and 47 wait for the current round's votes.
  if (state.step !== 'propose' && !isQuorum(powerAny(current.prevotes, state.validators), total)) {
    request(out, { kind: 'votes', height, round: state.round, type: VOTE_PREVOTE });
  }
  if (state.step === 'precommit' && !isQuorum(powerAny(current.precommits, state.validators), total)) {
    request(out, { kind: 'votes', height, round: state.round, type: VOTE_PRECOMMIT });
  }
}

/** Answers a peer from the current height's log: at most the kept proposals, or one vote per validator. */
export function onPeerRequest(state: ConsensusState, peer: PeerId, req: CatchUpRequest,
  out: ConsensusEffect[]): ConsensusState {
  if (state.status === 'idle' || req.kind === 'commit' || req.height !== state.height) return state;
  if (!state.rounds.has(req.round)) return state;
  const messages = roundMessages(state, req.round);
  if (req.kind === 'proposal') {
    const proposals: Proposal[] = messages.proposals.map((record) => record.proposal);
    if (proposals.length > 0) out.push({ kind: 'sendToPeer', peer, proposals, votes: [] });
    return state;
  }
  const votes: Vote[] = votesOfType(messages, req.type).flat();
  if (votes.length > 0) out.push({ kind: 'sendToPeer', peer, proposals: [], votes });
  return state;
}

