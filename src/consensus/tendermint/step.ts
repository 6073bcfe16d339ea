// The core's one entry point: step(state, event) → { state, effects }. Pure and deterministic: no
// clock, no randomness, no I/O, and the input state is never modified, so the same event sequence
// gives the same states and effects on every machine (what the simulator replays from a seed).
import { assert, toHex } from '../../types/index.js';
import { onPeerRequest, onRebroadcastTick } from './catchup.js';
import type { ConsensusEffect } from './effects.js';
import type { ConsensusEvent } from './events.js';
import { onStartHeight } from './height.js';
import { assertParams } from './params.js';
import type { DurableRecord } from './privval.js';
import { onBlockValidated, onCommitReceived, onProposal, onVote } from './receive.js';
import { proposeSigned, isOwnTurn } from './round.js';
import { applyRules, onTimeout } from './rules.js';
import { createConsensusState, type ConsensusState } from './state.js';
import type { ConsensusContext } from './types.js';

export interface StepResult {
  readonly state: ConsensusState;
  readonly effects: readonly ConsensusEffect[];
}

export interface TendermintCore {
  readonly context: ConsensusContext;
  /** A core before its first height; `recovered` is the durable record found at start, if any. */
  initialState(recovered: DurableRecord | null): ConsensusState;
  step(state: ConsensusState, event: ConsensusEvent): StepResult;
}

export function createTendermintCore(context: ConsensusContext): TendermintCore {
  assertParams(context.params);
  return {
    context,
    initialState: (recovered) => createConsensusState(recovered),
    step: (state, event) => step(context, state, event),
  };
}

export function step(ctx: ConsensusContext, state: ConsensusState, event: ConsensusEvent): StepResult {
  const effects: ConsensusEffect[] = [];
  const next = dispatch(ctx, state, event, effects);
  assertStepInvariants(state, next);
  return { state: next, effects };
}

function dispatch(ctx: ConsensusContext, state: ConsensusState, event: ConsensusEvent,
  out: ConsensusEffect[]): ConsensusState {
  switch (event.kind) {
    case 'startHeight':
      return onStartHeight(ctx, state, event, out);
    case 'proposalReceived':
      return onProposal(ctx, state, event.proposal, event.receivedAtMs, out);
    case 'voteReceived':
      return onVote(ctx, state, event.vote, out);
    case 'timeoutFired':
      return applyRules(ctx, onTimeout(ctx, state, event.step, event.height, event.round, out), out);
    case 'blockBuilt':
      return onBlockBuilt(ctx, state, event, out);
    case 'blockValidated':
      return onBlockValidated(ctx, state, event.height, toHex(event.blockHash), event.valid, out);
    case 'commitReceived':
      return onCommitReceived(ctx, state, event.block, event.certificate, out);
    case 'rebroadcastTick':
      return onRebroadcastTick(state, out);
    case 'peerRequest':
      return onPeerRequest(state, event.peer, event.request, out);
  }
}

/**
 * Line 19 for a fresh value: the block the application built for us (line 18). Entry: still the
 * same height and round, still at step propose, our turn, and we asked for it. A late answer is
 * dropped: the round has moved on without it.
 */
function onBlockBuilt(ctx: ConsensusContext, state: ConsensusState,
  event: Extract<ConsensusEvent, { kind: 'blockBuilt' }>, out: ConsensusEffect[]): ConsensusState {
  const current = state.status === 'running' && event.height === state.height && event.round === state.round;
  if (!current || state.step !== 'propose' || !state.flags.buildRequested || !isOwnTurn(state, state.round)) {
    return state;
  }
  const flags = { ...state.flags, buildRequested: false };
  const proposed = proposeSigned(ctx, { ...state, flags }, event.block, -1, event.nowMs, out);
  return applyRules(ctx, proposed, out);
}

/** Paired checks on every transition: what must never move backwards. */
function assertStepInvariants(before: ConsensusState, after: ConsensusState): void {
  if (after.status === 'idle') return;
  assert(after.height >= before.height, 'height never decreases');
  if (after.height === before.height && before.status !== 'idle') {
    assert(after.round >= before.round, 'round never decreases within a height');
    assert(after.lockedRound >= before.lockedRound, 'lockedRound never decreases within a height');
    assert(after.validRound >= before.validRound, 'validRound never decreases within a height');
    assert(before.decision === null || after.decision === before.decision, 'a decision is final');
  }
  assert(after.lockedRound <= after.round && after.validRound <= after.round, 'locks come from rounds already run');
  assert(after.validRound >= after.lockedRound, 'validRound >= lockedRound');
  const last = after.lastSigned;
  const lastBefore = before.lastSigned;
  if (last !== null && lastBefore !== null && last !== lastBefore) {
    const forward = last.height > lastBefore.height
      || (last.height === lastBefore.height && (last.round > lastBefore.round
        || (last.round === lastBefore.round && last.signStep >= lastBefore.signStep)));
    assert(forward, 'the last signature only moves forward in (height, round, step)');
  }
}
