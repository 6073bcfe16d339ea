// A small bench for driving one core by hand: validators with fake MAC keys, helpers that sign
// other validators' votes and proposals, and helpers to read effects.
import {
  createTendermintCore,
  createValidatorSet,
  DEFAULT_CONSENSUS_PARAMS,
  proposerIndex,
  VOTE_PRECOMMIT,
  VOTE_PREVOTE,
  type ConsensusBlock,
  type ConsensusEffect,
  type ConsensusEvent,
  type ConsensusParams,
  type ConsensusState,
  type DurableRecord,
  type Proposal,
  type RoundOrNone,
  type TendermintCore,
  type ValidatorSet,
  type Vote,
  type VoteType,
} from '../../src/consensus/tendermint/index.js';
import { proposalSignBytes, voteSignBytes } from '../../src/codec/sign-bytes.js';
import { sha256 } from '../../src/crypto/hash.js';
import { asHeight, asRound, asTimeMs, compareBytes, utf8, type Hash32 } from '../../src/types/index.js';
import { fakePublicKey, fakeSign, fakeSigner, fakeVerifier } from '../sim/fake-crypto.js';

export const CHAIN_ID = 'test-chain';
/** Time of the block before height 1 in these tests. */
export const PREV_TIME_MS = 1_000_000;
export { VOTE_PRECOMMIT, VOTE_PREVOTE };

export interface BenchOptions {
  readonly powers?: readonly number[];
  /** Which validator (by index in the sorted set) this core signs for; -1 for an observer. */
  readonly self?: number | 'proposer' | 'notProposer';
  readonly params?: Partial<ConsensusParams>;
}

export class Bench {
  readonly secrets: Uint8Array[];
  readonly set: ValidatorSet;
  readonly core: TendermintCore;
  readonly self: number;

  constructor(options: BenchOptions = {}) {
    const powers = options.powers ?? [1, 1, 1, 1];
    const keyed = powers.map((power, i) => {
      const secret = sha256(utf8(`validator-${i}`));
      return { secret, power, publicKey: fakePublicKey(secret) };
    }).sort((a, b) => compareBytes(a.publicKey, b.publicKey));
    this.secrets = keyed.map((entry) => entry.secret);
    this.set = createValidatorSet(keyed.map(({ publicKey, power }) => ({ publicKey, power })));
    const round0Proposer = proposerIndex(this.set, 0);
    const self = options.self ?? 'notProposer';
    this.self = self === 'proposer' ? round0Proposer
      : self === 'notProposer' ? (round0Proposer + 1) % powers.length : self;
    const params = { ...DEFAULT_CONSENSUS_PARAMS, ...options.params };
    this.core = createTendermintCore({
      chainId: CHAIN_ID,
      params,
      signer: this.self < 0 ? null : fakeSigner(this.secrets[this.self]!),
      verifier: fakeVerifier(this.secrets),
    });
  }

  block(height: number, tag: string, timeMs = PREV_TIME_MS + 1000): ConsensusBlock {
    const bytes = utf8(`block ${height} ${tag} ${timeMs}`);
    return { hash: sha256(bytes), timeMs: asTimeMs(timeMs), bytes };
  }

  vote(validator: number, type: VoteType, round: number, hash: Hash32 | null, height = 1): Vote {
    const signBytes = voteSignBytes(CHAIN_ID, height, round, type, hash ?? undefined);
    return {
      type, height: asHeight(height), round: asRound(round), blockHash: hash, validatorIndex: validator,
      signature: fakeSign(this.secrets[validator]!, signBytes),
    };
  }

  proposal(round: number, block: ConsensusBlock, validRound = -1, height = 1,
    proposer = proposerIndex(this.set, round)): Proposal {
    const signBytes = proposalSignBytes(CHAIN_ID, height, round, validRound, block.hash);
    const valid: RoundOrNone = validRound === -1 ? -1 : asRound(validRound);
    return {
      height: asHeight(height), round: asRound(round), validRound: valid, block, proposerIndex: proposer,
      signature: fakeSign(this.secrets[proposer]!, signBytes),
    };
  }

  /** Validators other than self, in index order. */
  others(): number[] {
    return this.set.validators.map((_, i) => i).filter((i) => i !== this.self);
  }

  /** A round whose proposer is not self (to test a plain validator), from `from` on. */
  roundProposedByOther(from = 0): number {
    for (let round = from; ; round++) if (proposerIndex(this.set, round) !== this.self) return round;
  }

  start(recovered: DurableRecord | null = null, height = 1): Run {
    const run = new Run(this, this.core.initialState(recovered));
    run.feed({ kind: 'startHeight', height: asHeight(height), validators: this.set, prevBlockTimeMs: asTimeMs(PREV_TIME_MS) });
    return run;
  }
}

/** A core's state plus every effect it emitted so far, and the effects of the last step. */
export class Run {
  effects: ConsensusEffect[] = [];
  last: readonly ConsensusEffect[] = [];

  constructor(readonly bench: Bench, public state: ConsensusState) {}

  feed(...events: ConsensusEvent[]): this {
    const stepEffects: ConsensusEffect[] = [];
    for (const event of events) {
      const result = this.bench.core.step(this.state, event);
      this.state = result.state;
      stepEffects.push(...result.effects);
    }
    this.last = stepEffects;
    this.effects.push(...stepEffects);
    return this;
  }

  votes(...votes: Vote[]): this {
    return this.feed(...votes.map((vote): ConsensusEvent => ({ kind: 'voteReceived', vote })));
  }

  propose(proposal: Proposal, receivedAtMs = PREV_TIME_MS + 1100): this {
    return this.feed({ kind: 'proposalReceived', proposal, receivedAtMs: asTimeMs(receivedAtMs) });
  }

  validated(block: ConsensusBlock, valid = true, height = 1): this {
    return this.feed({ kind: 'blockValidated', height: asHeight(height), blockHash: block.hash, valid });
  }

  timeout(step: 'propose' | 'prevote' | 'precommit', round: number, height = 1): this {
    return this.feed({ kind: 'timeoutFired', height: asHeight(height), round: asRound(round), step });
  }

  /** Own votes broadcast in the last step. */
  sentVotes(): Vote[] {
    return this.last.flatMap((effect) => (effect.kind === 'broadcastVote' ? [effect.vote] : []));
  }

  lastOfKind<K extends ConsensusEffect['kind']>(kind: K): Extract<ConsensusEffect, { kind: K }>[] {
    return this.last.filter((effect): effect is Extract<ConsensusEffect, { kind: K }> => effect.kind === kind);
  }

  allOfKind<K extends ConsensusEffect['kind']>(kind: K): Extract<ConsensusEffect, { kind: K }>[] {
    return this.effects.filter((effect): effect is Extract<ConsensusEffect, { kind: K }> => effect.kind === kind);
  }
}
