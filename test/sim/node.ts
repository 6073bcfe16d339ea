// One simulated node: the pure core plus a driver that does what the real node's driver must do
// (docs/consensus.md, "Driver contract"): persist synced before sending, keep a write-ahead log of
// received messages (unsynced, flushed by the next sync), store commits synced, start the next
// height after applying a block, serve finished heights from the ledger, restore after a crash.
// Like the real node, it derives each height's validator set from its own ledger (valset.ts): the
// operations a committed block carries are stored with it in one synced batch, and a restarted or
// newly started node replays the proposer priorities from genesis.
import { proposalSignBytes, voteSignBytes } from '../../src/codec/sign-bytes.js';
import {
  admission,
  VOTE_PREVOTE,
  type CommitCertificate,
  type ConsensusBlock,
  type ConsensusEffect,
  type ConsensusEvent,
  type ConsensusState,
  type DurableRecord,
  type TendermintCore,
  type ValidatorSet,
  type Vote,
} from '../../src/consensus/tendermint/index.js';
import { asHeight, asRound, asTimeMs, equalBytes, toHex, type TimeMs } from '../../src/types/index.js';
import { blockOps, isValidBlock, makeBlock } from './app.js';
import type { Checker } from './checkers.js';
import type { EventQueue } from './event-queue.js';
import type { FakeStorage } from './fake-storage.js';
import type { SimNetwork, WireMessage } from './network.js';
import type { SimOptions } from './options.js';
import type { Prng } from './prng.js';
import {
  afterBlock,
  chainMembersOf,
  genesisChain,
  membersAt,
  ValidatorSetWalker,
  type BlockOp,
  type ChainValidators,
  type Member,
  type PlannedChange,
} from './valset.js';

export type NodeTask =
  | { readonly kind: 'core'; readonly node: number; readonly incarnation: number; readonly event: ConsensusEvent }
  | { readonly kind: 'build'; readonly node: number; readonly incarnation: number; readonly height: number;
      readonly round: number; readonly timeAfterMs: number }
  | { readonly kind: 'tick'; readonly node: number; readonly incarnation: number }
  | { readonly kind: 'nextHeight'; readonly node: number; readonly incarnation: number; readonly height: number };

/** What a node sees of the simulated world. */
export interface SimWorld {
  readonly options: SimOptions;
  readonly chainId: string;
  readonly genesisTimeMs: number;
  /** Local clocks read epochMs + nowMs() + their skew. */
  readonly epochMs: number;
  readonly queue: EventQueue<{ readonly kind: string }>;
  readonly network: SimNetwork;
  readonly checker: Checker;
  readonly prng: Prng;
  /** Every node, spares included. */
  readonly nodeCount: number;
  readonly genesisMembers: readonly Member[];
  readonly plan: readonly PlannedChange[];
  nowMs(): number;
  publicKeyOf(node: number): Uint8Array;
  /** Hook for Byzantine nodes: carry out a broadcast their own way. Returns false to send normally. */
  interceptBroadcast(node: SimNode, message: WireMessage): boolean;
  /** Hook for Byzantine nodes: answer a request for a finished height with a forged one, or undefined. */
  forgeCommit(node: SimNode, height: number, stored: StoredCommit): WireMessage | undefined;
}

export interface StoredCommit {
  readonly block: ConsensusBlock;
  readonly certificate: CommitCertificate;
}

export class SimNode {
  state: ConsensusState;
  incarnation = 0;
  /** Set by a crash fault: die part-way through carrying out the next step's effects. */
  crashDuringNextStep = false;
  /** This node's index in the set of the last height it was a member of (Byzantine nodes reuse it). */
  formerIndex: number | undefined;
  /** Sets by height from the ledger; rebuilt at every start, as the real driver's loadValidators. */
  private walker: ValidatorSetWalker;

  constructor(
    readonly world: SimWorld,
    readonly node: number,
    readonly core: TendermintCore,
    readonly storage: FakeStorage,
    readonly skewMs: number,
    readonly byzantine: boolean,
    /** False for a spare that has not started yet. */
    public up: boolean,
  ) {
    this.state = core.initialState(null);
    this.walker = new ValidatorSetWalker((n) => world.publicKeyOf(n));
  }

  /** What the ledger says of the validators: committed operations and the sets they scheduled. */
  private chain(): ChainValidators {
    return this.storage.get<ChainValidators>('chain') ?? genesisChain(this.world.genesisMembers);
  }

  private tip(): number {
    return this.storage.get<number>('tip') ?? 0;
  }

  /** The validator set of `height`, from this node's ledger alone. */
  validatorSetFor(height: number): ValidatorSet {
    return this.walker.at(height, chainMembersOf(this.chain()));
  }

  private startHeight(height: number, prevBlockTimeMs: TimeMs): void {
    const validators = this.validatorSetFor(height);
    if (!this.byzantine) this.world.checker.onStartHeight(this.node, height, validators);
    this.feed({ kind: 'startHeight', height: asHeight(height), validators, prevBlockTimeMs });
    if (this.up && this.state.height === height && this.state.ownIndex !== -1) this.formerIndex = this.state.ownIndex;
  }

  localTimeMs(): number {
    return this.world.epochMs + this.world.nowMs() + this.skewMs;
  }

  private peers(): number[] {
    const peers: number[] = [];
    for (let peer = 0; peer < this.world.nodeCount; peer++) if (peer !== this.node) peers.push(peer);
    return peers;
  }

  private schedule(delayMs: number, task: NodeTask): void {
    this.world.queue.push(this.world.nowMs() + delayMs, task);
  }

  start(): void {
    this.walker = new ValidatorSetWalker((n) => this.world.publicKeyOf(n));
    this.schedule(this.world.prng.range(0, this.world.options.rebroadcastIntervalMs), {
      kind: 'tick', node: this.node, incarnation: this.incarnation,
    });
    const tip = this.tip();
    if (this.incarnation > 0 && !this.byzantine && this.chain().changes.length > 1) this.world.checker.restartsAfterChange += 1;
    const record = this.storage.get<DurableRecord>('privval') ?? null;
    this.state = this.core.initialState(record);
    const prevTimeMs = tip === 0 ? this.world.genesisTimeMs : this.storage.get<StoredCommit>(`block/${tip}`)!.block.timeMs;
    this.startHeight(tip + 1, asTimeMs(prevTimeMs));
    // Replay what the write-ahead log kept of the messages received at this height.
    for (const message of this.storage.log<WireMessage>(`log/${tip + 1}`)) {
      if (!this.up) return;
      this.receive(-1, message, false);
    }
  }

  crash(): void {
    this.up = false;
    this.crashDuringNextStep = false;
    this.incarnation += 1;
    this.storage.crash();
  }

  /** Steps the core and carries out its effects in order. */
  feed(event: ConsensusEvent): void {
    if (!this.up) return;
    const result = this.core.step(this.state, event);
    this.state = result.state;
    const effects = result.effects;
    const crashAfter = this.crashDuringNextStep && effects.length > 0 ? this.world.prng.int(effects.length + 1) : -1;
    for (let i = 0; i < effects.length; i++) {
      if (i === crashAfter) {
        this.crash();
        return;
      }
      this.execute(effects[i]!);
    }
    if (crashAfter === effects.length) this.crash();
  }

  private execute(effect: ConsensusEffect): void {
    const now = this.world.nowMs();
    switch (effect.kind) {
      case 'persist':
        this.storage.put('privval', effect.record);
        this.storage.sync();
        return;
      case 'broadcastProposal':
        return this.broadcast({ kind: 'proposal', proposal: effect.proposal });
      case 'broadcastVote':
        return this.broadcast({ kind: 'vote', vote: effect.vote });
      case 'scheduleTimeout':
        return this.schedule(effect.durationMs, {
          kind: 'core', node: this.node, incarnation: this.incarnation,
          event: { kind: 'timeoutFired', height: effect.height, round: effect.round, step: effect.step },
        });
      case 'buildBlock':
        return this.schedule(this.world.prng.range(0, this.world.options.buildDelayMaxMs), {
          kind: 'build', node: this.node, incarnation: this.incarnation, height: effect.height,
          round: effect.round, timeAfterMs: effect.timeAfterMs,
        });
      case 'validateBlock':
        return this.schedule(this.world.prng.range(0, this.world.options.validateDelayMaxMs), {
          kind: 'core', node: this.node, incarnation: this.incarnation,
          event: {
            kind: 'blockValidated', height: effect.height, blockHash: effect.block.hash,
            valid: this.validate(effect.block, effect.height),
          },
        });
      case 'commit':
        return this.commit(effect.block, effect.certificate, now);
      case 'recordEvidence':
        if (!this.byzantine) this.world.checker.onEvidence(this.node, effect.evidence);
        return;
      case 'requestCatchUp':
        for (const peer of this.peers()) this.world.network.send(this.node, peer, { kind: 'request', request: effect.request }, now);
        return;
      case 'sendToPeer':
        for (const proposal of effect.proposals) this.sendTo(Number(effect.peer), { kind: 'proposal', proposal });
        for (const vote of effect.votes) this.sendTo(Number(effect.peer), { kind: 'vote', vote });
        return;
    }
  }

  /** valid(v) against this node's ledger: the block's operations must be the plan's next ones. */
  private validate(block: ConsensusBlock, height: number): boolean {
    if (this.tip() !== height - 1) throw new Error(`node ${this.node} validates a block of ${height} at tip ${this.tip()}`);
    const chain = this.chain();
    return isValidBlock(block, height, { plan: this.world.plan, nextSeq: chain.nextSeq, scheduled: membersAt(chain, height + 1) });
  }

  /** The ledger write is one synced batch (block, certificate, the sets it schedules); only then does the next height start. */
  private commit(block: ConsensusBlock, certificate: CommitCertificate, now: number): void {
    const height = certificate.height;
    if (this.tip() !== height - 1) throw new Error(`node ${this.node} commits height ${height} at tip ${this.tip()}`);
    const chain = this.chain();
    const next = afterBlock(chain, height, blockOps(block));
    this.storage.put(`block/${height}`, { block, certificate } satisfies StoredCommit);
    this.storage.put('tip', height);
    if (next !== chain) this.storage.put('chain', next);
    this.storage.delete(`log/${height}`);
    this.storage.sync();
    if (!this.byzantine) this.world.checker.onCommit(this.node, block, certificate, now);
    this.schedule(this.world.options.commitDelayMs, {
      kind: 'nextHeight', node: this.node, incarnation: this.incarnation, height: height + 1,
    });
  }

  startNextHeight(height: number): void {
    const stored = this.storage.get<StoredCommit>(`block/${height - 1}`)!;
    this.startHeight(height, stored.block.timeMs);
  }

  /** The plan's next operations that may go into a block of `height` (some of them, at least one). */
  private opsToPropose(height: number): BlockOp[] {
    const { plan } = this.world;
    const nextSeq = this.chain().nextSeq;
    let eligible = 0;
    while (nextSeq + eligible < plan.length && plan[nextSeq + eligible]!.fromHeight <= height) eligible += 1;
    if (eligible === 0) return [];
    const count = this.world.prng.range(1, eligible);
    return plan.slice(nextSeq, nextSeq + count).map((planned, i) => ({ seq: nextSeq + i, op: planned.op }));
  }

  /** Line 18 for the simulated app: a block stamped with the local clock, later than its parent. */
  build(height: number, round: number, timeAfterMs: number): void {
    const localMs = this.localTimeMs();
    if (localMs <= timeAfterMs) {
      this.schedule(timeAfterMs - localMs + 1, {
        kind: 'build', node: this.node, incarnation: this.incarnation, height, round, timeAfterMs,
      });
      return;
    }
    const nonce = this.world.prng.nextU32();
    const block = makeBlock({ height, timeMs: localMs, proposerNode: this.node, nonce, valid: true, ops: this.opsToPropose(height) });
    this.feed({
      kind: 'blockBuilt', height: asHeight(height), round: asRound(round), block, nowMs: asTimeMs(localMs),
    });
  }

  private broadcast(message: WireMessage): void {
    this.noteOwnSend(message);
    if (this.byzantine && this.world.interceptBroadcast(this, message)) return;
    for (const peer of this.peers()) this.world.network.send(this.node, peer, message, this.world.nowMs());
  }

  sendTo(peer: number, message: WireMessage): void {
    this.noteOwnSend(message);
    this.world.network.send(this.node, peer, message, this.world.nowMs());
  }

  /**
   * True if this node signed a message of `height` under `index` by its own reckoning: a node only
   * sends messages of the height it runs, and an index means a validator only within its height's set.
   */
  isOwn(height: number, index: number): boolean {
    return this.state.ownIndex !== -1 && height === this.state.height && index === this.state.ownIndex;
  }

  /**
   * Invariant 2 watches every signed message of our own that leaves an honest node: own by the key
   * the agreed chain puts at its index in its height's set, whatever this node believes.
   */
  private noteOwnSend(message: WireMessage): void {
    if (this.byzantine) return;
    const { chainId, checker } = this.world;
    if (message.kind === 'vote' && checker.signerNode(message.vote.height, message.vote.validatorIndex) === this.node) {
      const { vote } = message;
      const signBytes = voteSignBytes(chainId, vote.height, vote.round, vote.type, vote.blockHash ?? undefined);
      checker.onHonestSignedSend(this.node, vote.height, vote.round, vote.type === VOTE_PREVOTE ? 'prevote' : 'precommit', signBytes);
    } else if (message.kind === 'proposal'
      && checker.signerNode(message.proposal.height, message.proposal.proposerIndex) === this.node) {
      const { proposal } = message;
      const signBytes = proposalSignBytes(chainId, proposal.height, proposal.round, proposal.validRound, proposal.block.hash);
      checker.onHonestSignedSend(this.node, proposal.height, proposal.round, 'proposal', signBytes);
    }
  }

  /** A message from the network (from = -1: replayed from the write-ahead log). */
  receive(from: number, message: WireMessage, log = true): void {
    if (!this.up) return;
    if (message.kind === 'request') return this.serve(from, message);
    const height = message.kind === 'proposal' ? message.proposal.height
      : message.kind === 'vote' ? message.vote.height : message.certificate.height;
    if (log && (height === this.state.height || height === this.state.height + 1)) {
      this.storage.append(`log/${height}`, message);
    }
    const takenIn = this.takenInId(message);
    const incarnation = this.incarnation;
    if (message.kind === 'proposal') {
      this.feed({ kind: 'proposalReceived', proposal: message.proposal, receivedAtMs: asTimeMs(this.localTimeMs()) });
    } else if (message.kind === 'vote') {
      this.feed({ kind: 'voteReceived', vote: message.vote });
      if (!this.byzantine && this.world.checker.isGhostVote(message.vote)) this.checkGhostIgnored(message.vote);
    } else {
      this.feed({ kind: 'commitReceived', block: message.block, certificate: message.certificate });
    }
    // A crash inside the step loses its effects (evidence among them): only a finished step counts.
    if (takenIn !== undefined && this.up && this.incarnation === incarnation) {
      this.world.checker.onTakenIn(this.node, incarnation, takenIn);
    }
  }

  /** Invariant 5: a vote signed by a node outside the height's set is never counted. */
  private checkGhostIgnored(vote: Vote): void {
    if (!this.up || this.state.height !== vote.height) return;
    const slots = this.state.rounds.get(vote.round);
    const slot = slots === undefined ? [] : (vote.type === VOTE_PREVOTE ? slots.prevotes : slots.precommits)[vote.validatorIndex] ?? [];
    if (slot.some((counted) => equalBytes(counted.signature, vote.signature))) {
      this.world.checker.fail(`node ${this.node} counted a vote of height ${vote.height} signed by a node outside its set`);
    }
  }

  /** Invariant 3 needs the signed messages this incarnation took in at their height (admission current). */
  private takenInId(message: WireMessage): string | undefined {
    if (this.byzantine || message.kind === 'request' || message.kind === 'commit') return undefined;
    const [height, round, signature] = message.kind === 'proposal'
      ? [message.proposal.height, message.proposal.round, message.proposal.signature]
      : [message.vote.height, message.vote.round, message.vote.signature];
    if (admission(this.core.context, this.state, height, round) !== 'current') return undefined;
    return toHex(signature);
  }

  private serve(from: number, message: Extract<WireMessage, { kind: 'request' }>): void {
    const request = message.request;
    // A finished height is served from the ledger, also to a peer that asks for its messages: that
    // peer is behind, and may never hear of a higher height otherwise (options.answerFinishedHeights).
    if (request.kind === 'commit' || (this.world.options.answerFinishedHeights && request.height <= this.tip())) {
      const stored = this.storage.get<StoredCommit>(`block/${request.height}`);
      if (stored === undefined) return;
      const forged = this.byzantine ? this.world.forgeCommit(this, request.height, stored) : undefined;
      this.sendTo(from, forged ?? { kind: 'commit', block: stored.block, certificate: stored.certificate });
      return;
    }
    this.feed({ kind: 'peerRequest', peer: String(from), request });
  }
}
