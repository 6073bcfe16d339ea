// Timeouts and proposer-based-timestamp (PBTS) bounds. Every duration grows linearly with the round
// (base + round × delta): after the network stabilises, some round's timeouts exceed the real
// message delay and a correct proposer's block gets decided, which is what the paper's liveness
// proof needs (§4, "timeoutX(r) grows with r").
import { assert, type Round, type TimeMs } from '../../types/index.js';
import type { ConsensusParams } from './types.js';

export const DEFAULT_CONSENSUS_PARAMS: ConsensusParams = {
  timeoutProposeMs: 3000,
  timeoutProposeDeltaMs: 500,
  timeoutPrevoteMs: 1000,
  timeoutPrevoteDeltaMs: 500,
  timeoutPrecommitMs: 1000,
  timeoutPrecommitDeltaMs: 500,
  precisionMs: 500,
  messageDelayMs: 2000,
  messageDelayDeltaMs: 500,
  roundsAheadMax: 64,
  futureMessagesMax: 1024,
};

export type TimeoutStep = 'propose' | 'prevote' | 'precommit';

/** Params are operator input, checked once where the core is created: bad ones are a crash at start. */
export function assertParams(params: ConsensusParams): void {
  const durations = [
    params.timeoutProposeMs, params.timeoutProposeDeltaMs, params.timeoutPrevoteMs,
    params.timeoutPrevoteDeltaMs, params.timeoutPrecommitMs, params.timeoutPrecommitDeltaMs,
    params.precisionMs, params.messageDelayMs, params.messageDelayDeltaMs,
  ];
  for (const durationMs of durations) {
    assert(Number.isSafeInteger(durationMs) && durationMs >= 0, 'consensus durations are non-negative integer ms');
  }
  assert(params.timeoutProposeMs > 0 && params.timeoutPrevoteMs > 0 && params.timeoutPrecommitMs > 0,
    'a zero base timeout would let a round end before any message could arrive');
  assert(Number.isSafeInteger(params.roundsAheadMax) && params.roundsAheadMax >= 1, 'roundsAheadMax >= 1');
  assert(Number.isSafeInteger(params.futureMessagesMax) && params.futureMessagesMax >= 0, 'futureMessagesMax >= 0');
}

export function timeoutDurationMs(params: ConsensusParams, step: TimeoutStep, round: Round): number {
  const [baseMs, deltaMs] = step === 'propose'
    ? [params.timeoutProposeMs, params.timeoutProposeDeltaMs]
    : step === 'prevote'
      ? [params.timeoutPrevoteMs, params.timeoutPrevoteDeltaMs]
      : [params.timeoutPrecommitMs, params.timeoutPrecommitDeltaMs];
  const durationMs = baseMs + round * deltaMs;
  assert(Number.isSafeInteger(durationMs), 'timeout overflowed: round is beyond any sane value');
  return durationMs;
}

/** MSG_DELAY for a round: grows so that a bound chosen too tight is outgrown after a few rounds. */
export function messageDelayMs(params: ConsensusParams, round: Round): number {
  return params.messageDelayMs + round * params.messageDelayDeltaMs;
}

/**
 * PBTS timeliness of a block proposed for the first time (validRound = -1), judged by this
 * validator's clock at the moment the proposal arrived:
 *   receive − (MSG_DELAY(round) + PRECISION) ≤ blockTime ≤ receive + PRECISION.
 * A block from the future beyond PRECISION means the proposer's clock runs ahead; one older than
 * the delay bound means the proposer back-dated it (or the network was slower than assumed, which
 * the growing MSG_DELAY repairs in a later round).
 */
export function isTimely(params: ConsensusParams, blockTimeMs: TimeMs, receivedAtMs: TimeMs, round: Round): boolean {
  const earliestMs = receivedAtMs - (messageDelayMs(params, round) + params.precisionMs);
  const latestMs = receivedAtMs + params.precisionMs;
  return blockTimeMs >= earliestMs && blockTimeMs <= latestMs;
}
