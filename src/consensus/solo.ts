// The single-validator producer: one validator holding all voting power commits alone. Pure: the
// driver feeds it ticks and commits and carries out its effects.
//
// Blocks are made when txs wait (after a short gathering delay, so a burst becomes one block) and
// at the heartbeat interval, so that the chain's time moves even when nobody anchors, without a
// stream of empty blocks.
import { assert } from '../types/index.js';
import type { EngineEffect, EngineEvent } from './engine.js';

export interface SoloParams {
  readonly heartbeatIntervalMs: number;
  readonly blockDelayMs: number;
}

export interface SoloState {
  /** Height of the last committed block (0 before the first). */
  readonly height: number;
  readonly lastBlockTimeMs: number;
  /** Clock time at which the last block committed (or the node started). */
  readonly lastCommitAtMs: number;
  /** Clock time since which txs have been waiting, if any. */
  readonly txsWaitingSinceMs: number | undefined;
  /** A produce effect is out and its commit not yet reported. */
  readonly producing: boolean;
}

export function soloInit(height: number, lastBlockTimeMs: number, nowMs: number): SoloState {
  return { height, lastBlockTimeMs, lastCommitAtMs: nowMs, txsWaitingSinceMs: undefined, producing: false };
}

export function soloStep(state: SoloState, event: EngineEvent, params: SoloParams):
  { state: SoloState; effects: EngineEffect[] } {
  if (event.type === 'committed') {
    assert(state.producing && event.height === state.height + 1, `solo: unexpected commit of ${event.height}`);
    assert(event.timeMs > state.lastBlockTimeMs, 'solo: block time must increase');
    const next: SoloState = { height: event.height, lastBlockTimeMs: event.timeMs, lastCommitAtMs: event.nowMs,
      txsWaitingSinceMs: undefined, producing: false };
    return { state: next, effects: [{ type: 'wake', atMs: event.nowMs }] };
  }
  if (state.producing) return { state, effects: [] };
  const { nowMs, txsWaiting } = event;
  const waitingSinceMs = txsWaiting > 0 ? (state.txsWaitingSinceMs ?? nowMs) : undefined;
  const txsDueAtMs = waitingSinceMs === undefined ? Infinity : waitingSinceMs + params.blockDelayMs;
  const heartbeatDueAtMs = state.lastCommitAtMs + params.heartbeatIntervalMs;
  const dueAtMs = Math.min(txsDueAtMs, heartbeatDueAtMs);
  if (nowMs < dueAtMs) {
    return { state: { ...state, txsWaitingSinceMs: waitingSinceMs }, effects: [{ type: 'wake', atMs: dueAtMs }] };
  }
  // Block time never goes backwards, even if the clock does (an NTP step): one ms past the last.
  const timeMs = Math.max(nowMs, state.lastBlockTimeMs + 1);
  return {
    state: { ...state, txsWaitingSinceMs: waitingSinceMs, producing: true },
    effects: [{ type: 'produce', height: state.height + 1, timeMs }],
  };
}
