// The core's state: the paper's variables (lines 2-9) plus the message log of the current height,
// the double-sign guard and the bookkeeping for catch-up. Every field is readonly: step() returns a
// new state and shares the parts it did not change, so a caller holding an old state still sees it
// exactly as it was.
import { asHeight, asRound, asTimeMs, assert, toHex, type Height, type Round, type TimeMs } from '../../types/index.js';
import { assertDurableRecord, type DurableRecord, type SignedRecord } from './privval.js';
import { createValidatorSet } from './validators.js';
import { emptyRound, type RoundMessages } from './votes.js';
import type { CommitCertificate, ConsensusBlock, Proposal, RoundOrNone, ValidatorSet, Vote } from './types.js';

export type Step = 'propose' | 'prevote' | 'precommit';
/** idle: before the first startHeight; decided: committed, waiting for the driver's next startHeight. */
export type Status = 'idle' | 'running' | 'decided';
/** valid(v) as far as we know: asked and waiting, or answered. */
export type Validity = 'pending' | 'valid' | 'invalid';

/** "For the first time" guards of the current round (lines 34, 36, 47) and one-shot requests. */
export interface RoundFlags {
  readonly timeoutPrevoteScheduled: boolean;
  readonly lockRuleFired: boolean;
  readonly timeoutPrecommitScheduled: boolean;
  readonly buildRequested: boolean;
}

export const CLEAR_ROUND_FLAGS: RoundFlags = {
  timeoutPrevoteScheduled: false,
  lockRuleFired: false,
  timeoutPrecommitScheduled: false,
  buildRequested: false,
};

export type FutureMessage =
  | { readonly kind: 'proposal'; readonly proposal: Proposal; readonly receivedAtMs: TimeMs }
  | { readonly kind: 'vote'; readonly vote: Vote };

export interface Decision {
  readonly block: ConsensusBlock;
  readonly certificate: CommitCertificate;
}

export interface ConsensusState {
  readonly status: Status;
  /** Paper h_p, round_p, step_p (lines 2-4). */
  readonly height: Height;
  readonly round: Round;
  readonly step: Step;
  readonly validators: ValidatorSet;
  /** This node's index in `validators`, -1 when it does not vote at this height. */
  readonly ownIndex: number;
  readonly prevBlockTimeMs: TimeMs;
  /** Paper lines 6-9. */
  readonly lockedRound: RoundOrNone;
  readonly lockedBlock: ConsensusBlock | null;
  readonly validRound: RoundOrNone;
  readonly validBlock: ConsensusBlock | null;
  /** The message log of this height, by round. */
  readonly rounds: ReadonlyMap<number, RoundMessages>;
  /** Blocks of this height by hash hex: from proposals and from catch-up commits. */
  readonly blocks: ReadonlyMap<string, ConsensusBlock>;
  readonly validity: ReadonlyMap<string, Validity>;
  readonly flags: RoundFlags;
  /** Paper decision_p[h_p] (line 5), with its certificate. */
  readonly decision: Decision | null;
  /**
   * A verified certificate for this height from catch-up. It decides on its own: merged into the
   * tally, a Byzantine signer's earlier conflicting vote would shadow its certified precommit.
   */
  readonly certified: CommitCertificate | null;
  readonly lastSigned: SignedRecord | null;
  readonly ownVotes: readonly Vote[];
  readonly ownProposals: readonly Proposal[];
  /** Keys of evidence already reported this height, so each offence is reported once. */
  readonly evidenceKeys: ReadonlySet<string>;
  readonly futureMessages: readonly FutureMessage[];
  /** Highest height seen in any message: above ours means we are behind and should catch up. */
  readonly highestHeightSeen: number;
  /** Counts (height, round, step) changes; a tick that finds it unchanged asks, a second one re-sends. */
  readonly progress: number;
  readonly progressAtLastTick: number;
  /** Ticks in a row that found no progress. */
  readonly stalledTicks: number;
  /** Restored at restart, consumed by the startHeight it belongs to. */
  readonly recovery: DurableRecord | null;
}

/**
 * A fresh core. `recovered` is the last durable record the driver found on disk (null on first
 * start); its guard applies from the first event on, and the rest is restored when startHeight for
 * its height arrives.
 */
export function createConsensusState(recovered: DurableRecord | null): ConsensusState {
  if (recovered !== null) assertDurableRecord(recovered);
  const placeholderSet = createValidatorSet([{ publicKey: new Uint8Array(32), power: 1 }]);
  return {
    status: 'idle',
    height: asHeight(0),
    round: asRound(0),
    step: 'propose',
    validators: placeholderSet,
    ownIndex: -1,
    prevBlockTimeMs: asTimeMs(0),
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
    lastSigned: recovered?.lastSigned ?? null,
    ownVotes: [],
    ownProposals: [],
    evidenceKeys: new Set(),
    futureMessages: [],
    highestHeightSeen: 0,
    progress: 0,
    progressAtLastTick: 0,
    stalledTicks: 0,
    recovery: recovered,
  };
}

export function roundMessages(state: ConsensusState, round: number): RoundMessages {
  return state.rounds.get(round) ?? emptyRound(state.validators.validators.length);
}

export function withRound(state: ConsensusState, round: number, messages: RoundMessages): ConsensusState {
  const rounds = new Map(state.rounds);
  rounds.set(round, messages);
  return { ...state, rounds };
}

export function withBlock(state: ConsensusState, block: ConsensusBlock): ConsensusState {
  const key = toHex(block.hash);
  if (state.blocks.has(key)) return state;
  const blocks = new Map(state.blocks);
  blocks.set(key, block);
  return { ...state, blocks };
}

export function withValidity(state: ConsensusState, hashHex: string, validity: Validity): ConsensusState {
  const validityMap = new Map(state.validity);
  validityMap.set(hashHex, validity);
  return { ...state, validity: validityMap };
}

/** The durable part of the state, as the persist effect carries it. */
export function durableRecord(state: ConsensusState): DurableRecord {
  assert(state.status !== 'idle', 'nothing to persist before the first height');
  const record: DurableRecord = {
    height: state.height,
    round: state.round,
    lastSigned: state.lastSigned,
    locked: state.lockedBlock === null || state.lockedRound === -1
      ? null : { round: state.lockedRound, block: state.lockedBlock },
    valid: state.validBlock === null || state.validRound === -1
      ? null : { round: state.validRound, block: state.validBlock },
    ownVotes: state.ownVotes,
    ownProposals: state.ownProposals,
  };
  assertDurableRecord(record);
  return record;
}
