// Starting a height (paper lines 10 and 52-54) and restoring the durable record after a restart.
import { asRound, assert, toHex, type TimeMs } from '../../types/index.js';
import type { ConsensusEffect } from './effects.js';
import type { ConsensusEvent } from './events.js';
import { SIGN_STEP_PRECOMMIT, SIGN_STEP_PREVOTE, type DurableRecord } from './privval.js';
import { onProposal, onVote } from './receive.js';
import { startRound } from './round.js';
import { applyRules } from './rules.js';
import { CLEAR_ROUND_FLAGS, roundMessages, withBlock, withRound, withValidity, type ConsensusState, type Step } from './state.js';
import { indexOfPublicKey } from './validators.js';
import { addProposal, addVote } from './votes.js';
import type { ConsensusContext } from './types.js';

type StartHeight = Extract<ConsensusEvent, { kind: 'startHeight' }>;

/**
 * Lines 10 and 52-54: h_p ← height, reset lockedRound, lockedValue, validRound, validValue and the
 * message log, StartRound(0). Entry: the core is idle (first start or restart), or it decided the
 * previous height and the driver has applied that block. A restarted node resumes from its durable
 * record instead when the record belongs to this height.
 */
export function onStartHeight(ctx: ConsensusContext, state: ConsensusState, event: StartHeight,
  out: ConsensusEffect[]): ConsensusState {
  assert(state.status === 'idle' || (state.status === 'decided' && event.height === state.height + 1),
    'startHeight follows the decision of the previous height');
  assert(event.height >= 1, 'heights start at 1');
  const recovery = state.recovery;
  assert(recovery === null || recovery.height <= event.height,
    'driver contract: the ledger is never behind the consensus record (commits are synced before the next height)');
  const base: ConsensusState = {
    ...state,
    status: 'running',
    height: event.height,
    round: asRound(0),
    step: 'propose',
    validators: event.validators,
    ownIndex: ctx.signer === null ? -1 : indexOfPublicKey(event.validators, ctx.signer.publicKey),
    prevBlockTimeMs: event.prevBlockTimeMs,
    lockedRound: -1,
    lockedBlock: null,
    validRound: -1,
    validBlock: null,
    rounds: new Map(),
    blocks: new Map(),
    validity: new Map(),
    flags: CLEAR_ROUND_FLAGS,
    decision: null,
    certified: null,
    ownVotes: [],
    ownProposals: [],
    evidenceKeys: new Set(),
    futureMessages: [],
    progress: state.progress + 1,
    recovery: null,
  };
  let next = recovery !== null && recovery.height === event.height
    ? restore(ctx, base, recovery, out)
    : startRound(ctx, base, asRound(0), out);
  for (const message of state.futureMessages) {
    next = message.kind === 'vote'
      ? onVote(ctx, next, message.vote, out)
      : onProposal(ctx, next, message.proposal, message.receivedAtMs, out);
  }
  if (next.highestHeightSeen > next.height) {
    out.push({ kind: 'requestCatchUp', request: { kind: 'commit', height: next.height } });
  }
  return applyRules(ctx, next, out);
}

function stepOfRecord(record: DurableRecord): Step {
  const last = record.lastSigned;
  if (last === null || last.height !== record.height || last.round !== record.round) return 'propose';
  if (last.signStep === SIGN_STEP_PRECOMMIT) return 'precommit';
  return last.signStep === SIGN_STEP_PREVOTE ? 'prevote' : 'propose';
}

/**
 * Back in the round we last persisted, with our lock, valid value and own messages, at the step our
 * last signature implies. Own messages are sent again: peers may never have received them (the
 * crash can fall between the persist and the broadcast).
 */
function restore(ctx: ConsensusContext, base: ConsensusState, record: DurableRecord,
  out: ConsensusEffect[]): ConsensusState {
  let next: ConsensusState = {
    ...base,
    lockedRound: record.locked?.round ?? -1,
    lockedBlock: record.locked?.block ?? null,
    validRound: record.valid?.round ?? -1,
    validBlock: record.valid?.block ?? null,
    ownVotes: record.ownVotes,
    ownProposals: record.ownProposals,
  };
  for (const proposal of record.ownProposals) {
    const added = addProposal(roundMessages(next, proposal.round),
      { proposal, receivedAtMs: proposal.block.timeMs as TimeMs, timely: true });
    if (added.kind !== 'duplicate') next = withRound(next, proposal.round, added.round);
    next = withValidity(withBlock(next, proposal.block), toHex(proposal.block.hash), 'valid');
  }
  for (const vote of record.ownVotes) {
    const added = addVote(roundMessages(next, vote.round), vote, () => true);
    assert(added.kind !== 'conflict', 'a durable record never holds two different own votes of one round and type');
    if (added.kind !== 'duplicate') next = withRound(next, vote.round, added.round);
  }
  for (const kept of [record.locked, record.valid]) {
    if (kept !== null) next = withValidity(withBlock(next, kept.block), toHex(kept.block.hash), 'valid');
  }
  const step = stepOfRecord(record);
  // At step propose, StartRound does what a live node would: re-send our proposal or build one.
  if (step === 'propose') return startRound(ctx, next, asRound(record.round), out);
  const lockRuleFired = record.locked !== null && record.locked.round === record.round;
  next = { ...next, round: record.round, step, flags: { ...CLEAR_ROUND_FLAGS, lockRuleFired } };
  for (const vote of record.ownVotes) if (vote.round === record.round) out.push({ kind: 'broadcastVote', vote });
  return next;
}
