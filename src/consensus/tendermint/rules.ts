// The upon-rules of Algorithm 1 (Buchman, Kwon, Milosevic 2018, "The latest gossip on BFT
// consensus", arXiv 1807.04938), evaluated to a fixpoint after every event: each pass fires the first
// rule whose entry conditions hold, and every rule changes the state so that it cannot fire again
// with the same messages (a step moves on, or a "for the first time" flag is set).
//
// Weighted thresholds: 2f + 1 reads "more than 2/3 of the voting power", f + 1 "more than 1/3".
// valid(v) is the application's answer (validateBlock / blockValidated), plus the deterministic
// rule that a block is later than its predecessor; a rule that needs valid(v) while the answer is
// still pending waits for it (timeoutPropose bounds the wait at line 57).
import { assert, asRound, toHex, type Hash32 } from '../../types/index.js';
import { buildCertificate } from './certificate.js';
import type { ConsensusEffect } from './effects.js';
import { timeoutDurationMs, type TimeoutStep } from './params.js';
import { castVote, setStep, startRound } from './round.js';
import { roundMessages, type ConsensusState } from './state.js';
import { isOneThirdPlus, isQuorum } from './validators.js';
import { powerAny, powerFor, quorumValue, senderPower, type ProposalRecord } from './votes.js';
import {
  VOTE_PRECOMMIT,
  VOTE_PREVOTE,
  type CommitCertificate,
  type ConsensusBlock,
  type ConsensusContext,
} from './types.js';

/** Each pass fires one rule and rules only move forward, so a few dozen passes is already absurd. */
const RULE_PASSES_MAX = 1000;

type Rule = (ctx: ConsensusContext, state: ConsensusState, out: ConsensusEffect[]) => ConsensusState;

// Commit first: once a quorum precommitted a block, nothing else in the height matters.
const RULES: readonly Rule[] = [
  decideOnPrecommitQuorum, skipToHigherRound, prevoteOnFreshProposal, prevoteOnReproposal,
  scheduleTimeoutPrevote, lockOnPrevoteQuorum, precommitNilOnNilQuorum, scheduleTimeoutPrecommit,
];

export function applyRules(ctx: ConsensusContext, state: ConsensusState, out: ConsensusEffect[]): ConsensusState {
  let current = state;
  for (let pass = 0; pass < RULE_PASSES_MAX; pass++) {
    if (current.status !== 'running') return current;
    let fired = current;
    for (const rule of RULES) {
      fired = rule(ctx, current, out);
      if (fired !== current) break;
    }
    if (fired === current) return current;
    current = fired;
  }
  assert(false, 'upon-rules did not reach a fixpoint: a rule fires without changing the state');
}

function sameBlock(a: ConsensusBlock | null, hash: Hash32): boolean {
  return a !== null && toHex(a.hash) === toHex(hash);
}

function schedule(ctx: ConsensusContext, state: ConsensusState, step: TimeoutStep, out: ConsensusEffect[]): void {
  out.push({
    kind: 'scheduleTimeout', height: state.height, round: state.round, step,
    durationMs: timeoutDurationMs(ctx.params, step, state.round),
  });
}

function prevoteAndAdvance(ctx: ConsensusContext, state: ConsensusState, hash: Hash32 | null,
  out: ConsensusEffect[]): ConsensusState {
  return setStep(castVote(ctx, state, VOTE_PREVOTE, hash, out), 'prevote');
}

/**
 * Lines 49-54. upon ⟨PROPOSAL, h, r, v, ∗⟩ from proposer(h, r) AND 2f + 1 ⟨PRECOMMIT, h, r, id(v)⟩
 * while decision[h] = nil: if valid(v), decide v. Any round r, not only the current one. The block
 * may also come from a verified catch-up commit: its hash binds it as tightly as a proposal does.
 * Lines 52-54 (next height, reset, StartRound(0)) wait for the driver's startHeight, because the
 * next height's validators come from applying this block.
 */
function decideOnPrecommitQuorum(_ctx: ConsensusContext, state: ConsensusState, out: ConsensusEffect[]): ConsensusState {
  const rounds = [...state.rounds.keys()].sort((a, b) => a - b);
  for (const round of rounds) {
    const precommits = roundMessages(state, round).precommits;
    const quorum = quorumValue(precommits, state.validators);
    if (quorum === undefined || quorum.hash === null) continue;
    const block = decidableBlock(state, quorum.hash);
    if (block === undefined) continue;
    const certificate = buildCertificate(precommits, state.validators, state.height, asRound(round), quorum.hash);
    return decide(state, block, certificate, out);
  }
  // A verified catch-up certificate is the same 2f + 1 precommits, gathered by a peer.
  const certified = state.certified;
  const block = certified === null ? undefined : decidableBlock(state, certified.blockHash);
  return certified === null || block === undefined ? state : decide(state, block, certified, out);
}

/** The block of `hash` if we hold it and valid(v) answered yes. */
function decidableBlock(state: ConsensusState, hash: Hash32): ConsensusBlock | undefined {
  const block = state.blocks.get(toHex(hash));
  const validity = state.validity.get(toHex(hash));
  assert(validity !== 'invalid', 'more than 2/3 precommitted an invalid block: valid(v) is not deterministic');
  return block !== undefined && validity === 'valid' ? block : undefined;
}

/** Line 51: decision_p[h_p] = v. */
function decide(state: ConsensusState, block: ConsensusBlock, certificate: CommitCertificate,
  out: ConsensusEffect[]): ConsensusState {
  out.push({ kind: 'commit', block, certificate });
  return { ...state, status: 'decided', decision: { block, certificate }, progress: state.progress + 1 };
}

/**
 * Lines 55-56. upon f + 1 ⟨∗, h, round, ∗, ∗⟩ with round > round_p: StartRound(round). We jump to
 * the highest such round at once; stepping through the ones between would only start rounds that
 * at least one correct validator has already left.
 */
function skipToHigherRound(ctx: ConsensusContext, state: ConsensusState, out: ConsensusEffect[]): ConsensusState {
  let target = -1;
  for (const [round, messages] of state.rounds) {
    if (round > state.round && round > target && isOneThirdPlus(senderPower(messages, state.validators),
      state.validators.totalPower)) {
      target = round;
    }
  }
  return target < 0 ? state : startRound(ctx, state, asRound(target), out);
}

/**
 * Lines 22-27 with PBTS. upon ⟨PROPOSAL, h, round_p, v, −1⟩ from proposer(h, round_p) while
 * step = propose: prevote id(v) if valid(v) ∧ timely(v) ∧ (lockedRound = −1 ∨ lockedValue = v),
 * else nil; step ← prevote. When the answer is nil whatever valid(v) says, we do not wait for it.
 */
function prevoteOnFreshProposal(ctx: ConsensusContext, state: ConsensusState, out: ConsensusEffect[]): ConsensusState {
  if (state.step !== 'propose') return state;
  for (const record of roundMessages(state, state.round).proposals) {
    if (record.proposal.validRound !== -1) continue;
    const hash = record.proposal.block.hash;
    const lockAllows = state.lockedRound === -1 || sameBlock(state.lockedBlock, hash);
    if (!record.timely || !lockAllows) return prevoteAndAdvance(ctx, state, null, out);
    const verdict = prevoteVerdict(state, record);
    if (verdict !== 'pending') return prevoteAndAdvance(ctx, state, verdict, out);
  }
  return state;
}

/**
 * Lines 28-33. upon ⟨PROPOSAL, h, round_p, v, vr⟩ from proposer(h, round_p) AND 2f + 1
 * ⟨PREVOTE, h, vr, id(v)⟩ while step = propose ∧ (vr ≥ 0 ∧ vr < round_p): prevote id(v) if
 * valid(v) ∧ (lockedRound ≤ vr ∨ lockedValue = v), else nil; step ← prevote. This is how a
 * validator locked in an older round unlocks. No timeliness check: the value keeps its time and was
 * judged timely when first proposed.
 */
function prevoteOnReproposal(ctx: ConsensusContext, state: ConsensusState, out: ConsensusEffect[]): ConsensusState {
  if (state.step !== 'propose') return state;
  for (const record of roundMessages(state, state.round).proposals) {
    const validRound = record.proposal.validRound;
    if (validRound === -1 || validRound >= state.round) continue;
    const hash = record.proposal.block.hash;
    const polka = powerFor(roundMessages(state, validRound).prevotes, state.validators, hash);
    if (!isQuorum(polka, state.validators.totalPower)) continue;
    const lockAllows = state.lockedRound <= validRound || sameBlock(state.lockedBlock, hash);
    if (!lockAllows) return prevoteAndAdvance(ctx, state, null, out);
    const verdict = prevoteVerdict(state, record);
    if (verdict !== 'pending') return prevoteAndAdvance(ctx, state, verdict, out);
  }
  return state;
}

/** id(v) if valid(v), nil if not, 'pending' while the application has not answered. */
function prevoteVerdict(state: ConsensusState, record: ProposalRecord): Hash32 | null | 'pending' {
  const validity = state.validity.get(toHex(record.proposal.block.hash));
  if (validity === undefined || validity === 'pending') return 'pending';
  return validity === 'valid' ? record.proposal.block.hash : null;
}

/**
 * Lines 34-35. upon 2f + 1 ⟨PREVOTE, h, round_p, ∗⟩ while step = prevote for the first time:
 * schedule OnTimeoutPrevote(h, round_p) after timeoutPrevote(round_p).
 */
function scheduleTimeoutPrevote(ctx: ConsensusContext, state: ConsensusState, out: ConsensusEffect[]): ConsensusState {
  if (state.step !== 'prevote' || state.flags.timeoutPrevoteScheduled) return state;
  const prevotes = roundMessages(state, state.round).prevotes;
  if (!isQuorum(powerAny(prevotes, state.validators), state.validators.totalPower)) return state;
  schedule(ctx, state, 'prevote', out);
  return { ...state, flags: { ...state.flags, timeoutPrevoteScheduled: true } };
}

/**
 * Lines 36-43. upon ⟨PROPOSAL, h, round_p, v, ∗⟩ from proposer(h, round_p) AND 2f + 1
 * ⟨PREVOTE, h, round_p, id(v)⟩ while valid(v) ∧ step ≥ prevote for the first time: if step =
 * prevote, lock v in round_p, precommit id(v), step ← precommit; in any case validValue ← v,
 * validRound ← round_p. The lock is set before the precommit's persist effect, so the durable
 * record never holds a precommit without its lock.
 */
function lockOnPrevoteQuorum(ctx: ConsensusContext, state: ConsensusState, out: ConsensusEffect[]): ConsensusState {
  if (state.step === 'propose' || state.flags.lockRuleFired) return state;
  const messages = roundMessages(state, state.round);
  for (const record of messages.proposals) {
    const block = record.proposal.block;
    if (!isQuorum(powerFor(messages.prevotes, state.validators, block.hash), state.validators.totalPower)) continue;
    if (state.validity.get(toHex(block.hash)) !== 'valid') continue;
    const flags = { ...state.flags, lockRuleFired: true };
    let next: ConsensusState = { ...state, validBlock: block, validRound: state.round, flags };
    if (state.step === 'prevote') {
      next = { ...next, lockedBlock: block, lockedRound: state.round };
      next = setStep(castVote(ctx, next, VOTE_PRECOMMIT, block.hash, out), 'precommit');
    }
    return next;
  }
  return state;
}

/**
 * Lines 44-46. upon 2f + 1 ⟨PREVOTE, h, round_p, nil⟩ while step = prevote: precommit nil,
 * step ← precommit.
 */
function precommitNilOnNilQuorum(ctx: ConsensusContext, state: ConsensusState, out: ConsensusEffect[]): ConsensusState {
  if (state.step !== 'prevote') return state;
  const prevotes = roundMessages(state, state.round).prevotes;
  if (!isQuorum(powerFor(prevotes, state.validators, null), state.validators.totalPower)) return state;
  return setStep(castVote(ctx, state, VOTE_PRECOMMIT, null, out), 'precommit');
}

/**
 * Lines 47-48. upon 2f + 1 ⟨PRECOMMIT, h, round_p, ∗⟩ for the first time: schedule
 * OnTimeoutPrecommit(h, round_p) after timeoutPrecommit(round_p). Any step.
 */
function scheduleTimeoutPrecommit(ctx: ConsensusContext, state: ConsensusState, out: ConsensusEffect[]): ConsensusState {
  if (state.flags.timeoutPrecommitScheduled) return state;
  const precommits = roundMessages(state, state.round).precommits;
  if (!isQuorum(powerAny(precommits, state.validators), state.validators.totalPower)) return state;
  schedule(ctx, state, 'precommit', out);
  return { ...state, flags: { ...state.flags, timeoutPrecommitScheduled: true } };
}

/**
 * Lines 57-67, OnTimeoutPropose / OnTimeoutPrevote / OnTimeoutPrecommit. Entry: the timeout's
 * height and round are the current ones (a stale timeout does nothing), and for propose and prevote
 * the step is still the one the timeout guards.
 */
export function onTimeout(ctx: ConsensusContext, state: ConsensusState, step: TimeoutStep, height: number,
  round: number, out: ConsensusEffect[]): ConsensusState {
  if (state.status !== 'running' || height !== state.height || round !== state.round) return state;
  // Lines 57-60: no acceptable proposal in time, prevote nil.
  if (step === 'propose') {
    return state.step === 'propose' ? prevoteAndAdvance(ctx, state, null, out) : state;
  }
  // Lines 61-64: prevotes split, precommit nil.
  if (step === 'prevote') {
    return state.step === 'prevote' ? setStep(castVote(ctx, state, VOTE_PRECOMMIT, null, out), 'precommit') : state;
  }
  // Lines 65-67: precommits split, next round.
  return startRound(ctx, state, asRound(state.round + 1), out);
}
