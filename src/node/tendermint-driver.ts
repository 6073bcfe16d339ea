// Drives the pure Tendermint core (src/consensus/tendermint) with the real clock, the ledger and
// the p2p network. Every input becomes one event on a single serial queue; the core's effects are
// carried out in order, and a persist effect is synced before the next effect starts (docs/
// consensus.md, "the driver's contract"). A failure to write halts the node: nothing half-written.
import type { Logger } from 'pino';
import { createTendermintCore, createValidatorSet, nextHeightValidatorSet, proposerIndex, type ConsensusEvent, type ConsensusEffect,
  type ConsensusParams, type ConsensusSigner, type ConsensusState, type DurableRecord, type TendermintCore, type ValidatorSet,
  DEFAULT_CONSENSUS_PARAMS } from '../consensus/tendermint/index.js';
import type { KeyPair, SignatureVerifier } from '../crypto/ed25519.js';
import { nodeSigner } from '../crypto/sign-node.js';
import type { Ledger } from '../ledger/index.js';
import type { Mempool } from '../mempool/index.js';
import { readValidatorHistory, readValidatorSet, scheduledSetKey, type Genesis } from '../state/index.js';
import { nextCaseDueAtMs } from '../state/cases/index.js';
import { assert, asHeight, asRound, asTimeMs, equalBytes, sleepMs, toHex, type Clock, type Hash32, type Timers } from '../types/index.js';
import { checkBlock, commitExecuted, buildBlock, isValidBlock, type BlockExecComponents, type ExecutedBlock } from '../blocks/index.js';
import { consensusBlock, encodeCertificate, ConsensusWire, type ConsensusNetwork, BlockSync, reportEquivocationTx } from '../wire/index.js';
import { decodeWal, encodeWal } from './consensus-wal.js';
import { QuorumWatch, type SyncView } from './quorum-watch.js';
import { guardRecord, signedChanged, type HighWaterMark, type HighWaterStore } from './high-water.js';
import { LedgerError } from '../ledger/index.js';
import { validatorSetHash } from '../codec/index.js';
import { ConsensusRecorder, type DriverMetrics } from './consensus-metrics.js';

export interface TendermintDriverOptions {
  readonly genesis: Genesis;
  readonly ledger: Ledger;
  readonly mempool: Mempool;
  readonly verifier: SignatureVerifier;
  /** The node key; it signs votes only if it is in the validator set. */
  readonly key: KeyPair;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly logger: Logger;
  readonly network: ConsensusNetwork;
  /** Signs votes, proposals and equivocation reports with the node key (default: the key's seed through node:crypto). */
  readonly signer?: ConsensusSigner;
  /** Builds the pure core (default createTendermintCore): the simulator wraps it to watch every step. */
  readonly createCore?: typeof createTendermintCore;
  readonly timeouts: Pick<ConsensusParams, 'timeoutProposeMs' | 'timeoutProposeDeltaMs' | 'timeoutPrevoteMs'
    | 'timeoutPrevoteDeltaMs' | 'timeoutPrecommitMs' | 'timeoutPrecommitDeltaMs'>;
  readonly heartbeatIntervalMs: number;
  readonly blockDelayMs: number;
  readonly rebroadcastIntervalMs: number;
  readonly syncBlocksMax: number;
  readonly proposeTxsMax: number;
  readonly proposeBytesMax: number;
  onCommitted(block: ExecutedBlock): void;
  /** At start and after every commit: node ids (hex keys) of the set in force for the next height. */
  onValidatorsChanged?(nodeIds: string[]): void;
  onHalt(error: unknown): void;
  /**
   * The high-water mark (node/high-water.ts): where it is written, and the one read at start.
   * Written after each commit and before a new signature leaves the node. Without it (the
   * simulator, in-memory tests) the consensus WAL alone guards.
   */
  readonly highWater?: { readonly store: HighWaterStore; readonly mark: HighWaterMark | undefined };
  /**
   * The ledger lost blocks up to this committed height and hash (node/ledger-open.ts): until block
   * sync has brought the tip back to it, with the same hash there, the node takes no part in consensus.
   */
  readonly repairTo?: { readonly height: number; readonly blockHash: Hash32 };
  /** The tip reached repairTo with the mark's block hash. */
  onRepaired?(): void;
  /** Step durations, commit rounds and committed blocks (node/consensus-metrics.ts); nothing is recorded without. */
  readonly metrics?: DriverMetrics;
}

export class TendermintDriver {
  private readonly core: TendermintCore;
  private state: ConsensusState;
  private queue: Promise<void> = Promise.resolve();
  /** Cancels of the armed consensus timeouts. */
  private readonly timeouts = new Set<() => void>();
  private cancelRebroadcast: (() => void) | undefined;
  private cancelStart: (() => void) | undefined;
  private readonly signer: ConsensusSigner;
  private startDueAtMs = 0;
  private readonly executed = new Map<string, ExecutedBlock>();
  private readonly exec: BlockExecComponents;
  private validators!: ValidatorSet;
  private lastWal: DurableRecord | null = null;
  private setChangePending = false;
  /** Legal time of the next entry the case clock will process (state/cases/clock.ts); undefined: none. */
  private caseDueAtMs: number | undefined;
  private running = false;
  private halted = false;
  /** Height handed to the core with startHeight, or 0 while waiting to start the next one. */
  private startedHeight = 0;
  private readonly wire: ConsensusWire;
  private readonly sync: BlockSync;
  private mark: HighWaterMark | undefined;
  private readonly quorum: QuorumWatch;
  private repairTo: { readonly height: number; readonly blockHash: Hash32 } | undefined;
  private readonly recorder: ConsensusRecorder | undefined;

  constructor(private readonly o: TendermintDriverOptions) {
    const params: ConsensusParams = { ...DEFAULT_CONSENSUS_PARAMS, ...o.timeouts,
      precisionMs: o.genesis.params.pbtsPrecisionMs, messageDelayMs: o.genesis.params.pbtsMessageDelayMs };
    this.signer = o.signer ?? { publicKey: o.key.publicKey, sign: nodeSigner(o.key.seed) };
    // Before start() has read the set from the ledger there is none (the field is assigned there).
    this.quorum = new QuorumWatch({ network: o.network, selfId: toHex(o.key.publicKey), validators: () => this.validators as ValidatorSet | undefined });
    this.core = (o.createCore ?? createTendermintCore)({ chainId: o.genesis.chainId, params, verifier: o.verifier, signer: this.signer });
    this.state = this.core.initialState(null);
    this.mark = o.highWater?.mark;
    this.repairTo = o.repairTo;
    this.recorder = o.metrics === undefined ? undefined : new ConsensusRecorder(o.metrics);
    this.exec = { genesis: o.genesis, ledger: o.ledger, mempool: o.mempool, verifier: o.verifier,
      proposeTxsMax: o.proposeTxsMax, proposeBytesMax: o.proposeBytesMax };
    this.wire = new ConsensusWire({
      network: o.network, mempool: o.mempool, ledger: o.ledger, logger: o.logger, clock: o.clock, timers: o.timers,
      syncBlocksMax: o.syncBlocksMax, blockTxsMax: o.genesis.params.blockTxsMax, currentHeight: () => o.ledger.tip.height + 1,
      feed: (event) => this.feed(event), enqueue: (task) => this.enqueue(task), onFutureHeight: () => this.sync.soon(), onTxAdmitted: () => this.maybeStartHeight(),
      onNextHeightMessage: () => this.startHeightNow(),
      nodeIdOf: (height, index) => this.nodeIdOf(height, index),
    });
    this.sync = new BlockSync({
      network: o.network, ledger: o.ledger, logger: o.logger, chainId: o.genesis.chainId, verifier: o.verifier,
      syncBlocksMax: o.syncBlocksMax, validatorsAt: () => this.validators,
      enqueue: (task) => this.enqueue(task),
      apply: async (blockBytes, commitBytes, blockHash) => this.applySynced(blockBytes, commitBytes, blockHash),
    });
  }

  async start(): Promise<void> {
    await this.loadValidators();
    const wal = await this.o.ledger.readConsensusWal();
    // The mark's last signature guards too: the WAL shares the ledger's database and its losses.
    this.lastWal = guardRecord(wal === undefined ? null : decodeWal(wal.record, wal.blocks), this.mark?.signed ?? null);
    this.state = this.core.initialState(this.lastWal);
    if (this.mark === undefined || this.mark.committed.height < this.o.ledger.tip.height) {
      await this.writeMark(this.lastWal?.lastSigned ?? null);
    }
    this.running = true;
    await this.wire.register();
    this.armRebroadcast();
    this.sync.soon();
    // A restarted node that holds a record of the height it was deciding rejoins it at once.
    if (this.lastWal !== null && this.lastWal.height === this.o.ledger.tip.height + 1) this.startHeightNow();
    else this.maybeStartHeight();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const cancel of this.timeouts) cancel();
    this.timeouts.clear();
    this.cancelRebroadcast?.();
    this.cancelStart?.();
    this.cancelStart = undefined;
    // Admitted txs still waiting for their gossip batch go out now, not with a timer after the stop.
    this.wire.flush();
    await this.queue;
  }

  /** The rebroadcast tick, re-armed after each firing (an interval on the injected timers). */
  private armRebroadcast(): void {
    this.cancelRebroadcast = this.o.timers.schedule(() => {
      if (!this.running) return;
      // A repairing node asks its peers again on every tick: at start none may have been connected.
      // So does a node no peer has answered yet: a new node must not wait for a block to be
      // gossiped to learn that it is behind.
      if (this.repairTo !== undefined || !this.sync.answered) this.sync.soon();
      // Cut off between two readiness reads is remembered: the node must decide again to be ready.
      this.quorum.look();
      this.feed({ kind: 'rebroadcastTick' });
      this.armRebroadcast();
    }, this.o.rebroadcastIntervalMs);
  }

  /** A tx entered the mempool through the API: gossip it (batched) and maybe start the next height. */
  txAdmitted(bytes: Uint8Array): void {
    this.wire.publishTx(bytes);
    this.maybeStartHeight();
  }

  /** What readiness (GET /readyz) is judged on (node/quorum-watch.ts). */
  syncView(): SyncView {
    return this.quorum.view(this.o.ledger.tip.height, this.state.highestHeightSeen);
  }

  /** The node id (hex key) of a validator of the height being decided; undefined for other heights. */
  private nodeIdOf(height: number, index: number): string | undefined {
    if (height !== this.o.ledger.tip.height + 1) return undefined;
    const validator = this.validators.validators[index];
    return validator === undefined ? undefined : toHex(validator.publicKey);
  }

  private async loadValidators(): Promise<void> {
    // Proposer priorities evolve by height from the genesis set, and start afresh at every set
    // change; replaying them is O(height × n), on every node alike.
    const history = await readValidatorHistory(this.o.ledger.state);
    const first = history.get(1);
    assert(first !== undefined, 'the genesis validator set is in the history');
    let set = createValidatorSet(first);
    for (let h = 2; h <= this.o.ledger.tip.height + 1; h++) {
      const changed = history.get(h);
      set = changed === undefined ? nextHeightValidatorSet(set) : createValidatorSet(changed);
    }
    this.validators = set;
    this.o.onValidatorsChanged?.(set.validators.map((v) => toHex(v.publicKey)));
    this.caseDueAtMs = await nextCaseDueAtMs(this.o.ledger.state);
  }

  /** After a commit: the set of the next height, from state (a change may take effect now). */
  private async advanceValidators(): Promise<void> {
    const next = await readValidatorSet(this.o.ledger.state);
    const same = equalBytes(validatorSetHash(next), validatorSetHash(this.validators.validators));
    this.validators = same ? nextHeightValidatorSet(this.validators) : createValidatorSet(next);
    this.o.onValidatorsChanged?.(this.validators.validators.map((v) => toHex(v.publicKey)));
    // A change passed at h takes effect at h + 2: make the block that carries it out at once.
    const tip = this.o.ledger.tip.height;
    this.setChangePending = (await this.o.ledger.state.get(scheduledSetKey(tip + 1))) !== undefined
      || (await this.o.ledger.state.get(scheduledSetKey(tip + 2))) !== undefined;
    this.caseDueAtMs = await nextCaseDueAtMs(this.o.ledger.state);
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (!this.running || this.halted) return;
      try {
        await task();
      } catch (error) {
        this.halted = true;
        this.running = false;
        this.o.onHalt(error);
      }
    });
  }

  private feed(event: ConsensusEvent): void {
    this.enqueue(() => this.handle(event));
  }

  private async handle(event: ConsensusEvent): Promise<void> {
    const rebroadcast = event.kind === 'rebroadcastTick';
    const { state, effects } = this.core.step(this.state, event);
    this.state = state;
    this.recorder?.stepped(state);
    for (const effect of effects) await this.perform(effect, rebroadcast);
  }

  private async perform(effect: ConsensusEffect, rebroadcast: boolean): Promise<void> {
    switch (effect.kind) {
      case 'persist': {
        const { record, blocks } = encodeWal(effect.record);
        await this.o.ledger.writeConsensusWal(record, blocks);
        // A new signature is in the record: the mark holds it before the effect that sends it.
        if (signedChanged(this.mark, effect.record.lastSigned)) await this.writeMark(effect.record.lastSigned);
        this.lastWal = effect.record;
        return;
      }
      case 'broadcastProposal':
        return this.wire.sendProposal(effect.proposal, rebroadcast);
      case 'broadcastVote':
        return this.wire.sendVote(effect.vote, rebroadcast);
      case 'scheduleTimeout': {
        const cancel = this.o.timers.schedule(() => {
          this.timeouts.delete(cancel);
          this.feed({ kind: 'timeoutFired', height: effect.height, round: effect.round, step: effect.step });
        }, effect.durationMs);
        this.timeouts.add(cancel);
        return;
      }
      case 'buildBlock':
        return this.build(effect.height, effect.round, effect.timeAfterMs);
      case 'validateBlock': {
        const check = await isValidBlock(this.exec, effect.block.bytes);
        if (check.ok) this.executed.set(toHex(check.block.hash), check.block);
        else this.o.logger.warn({ height: effect.height, reason: check.reason }, 'proposed block is invalid');
        this.feed({ kind: 'blockValidated', height: effect.height, blockHash: effect.block.hash, valid: check.ok });
        return;
      }
      case 'commit': {
        // Decided on a precommit quorum the core verified: a certified block (docs/consensus.md).
        const block = this.executed.get(toHex(effect.block.hash)) ?? (await checkBlock(this.exec, effect.block.bytes, { certified: true }));
        await this.commit(block, encodeCertificate(effect.certificate));
        this.recorder?.decided(effect.certificate.round);
        // A height that needed more than one round cost at least one timeout: operators (and the
        // benches' latency tails) need to see which, and how often.
        if (effect.certificate.round > 0) {
          this.o.logger.info({ event: 'consensus.commit.late-round', height: effect.certificate.height,
            round: effect.certificate.round }, 'height committed after round 0');
        }
        return;
      }
      case 'recordEvidence':
        this.wire.reportEquivocation(reportEquivocationTx(this.o.genesis, this.signer, effect.evidence, this.o.clock.nowMs()));
        return;
      case 'requestCatchUp':
        if (effect.request.kind === 'commit') this.sync.soon();
        // A missing proposal is surely held by its proposer: ask it first.
        else if (effect.request.kind === 'proposal') {
          this.wire.requestCatchUp(effect.request, this.nodeIdOf(effect.request.height,
            proposerIndex(this.validators, effect.request.round)));
        } else this.wire.requestCatchUp(effect.request);
        return;
      case 'sendToPeer':
        this.wire.answerPeer(effect.peer, effect.proposals, effect.votes);
        return;
    }
  }

  private async build(height: number, round: number, timeAfterMs: number): Promise<void> {
    // Block time is this node's clock, and must pass the previous block's time; wait rather than invent one.
    while (this.o.clock.nowMs() <= timeAfterMs) await sleepMs(this.o.timers, 1 + timeAfterMs - this.o.clock.nowMs());
    const nowMs = this.o.clock.nowMs();
    const block = await buildBlock(this.exec, height, nowMs, this.o.key.publicKey);
    this.executed.set(toHex(block.hash), block);
    this.feed({ kind: 'blockBuilt', height: asHeight(height), round: asRound(round), block: consensusBlock(block.blockBytes),
      nowMs: asTimeMs(nowMs) });
  }

  private async commit(block: ExecutedBlock, commitBytes: Uint8Array): Promise<void> {
    await this.commitTimed(block, commitBytes);
    await this.writeMark(this.mark?.signed ?? null);
    this.executed.clear();
    await this.advanceValidators();
    this.startedHeight = 0;
    this.quorum.decided();
    this.o.onCommitted(block);
    this.maybeStartHeight();
  }

  /** commitExecuted, and the block recorded with the time it took when the node has metrics. */
  private async commitTimed(block: ExecutedBlock, commitBytes: Uint8Array): Promise<void> {
    if (this.recorder === undefined) return commitExecuted(this.exec, block, commitBytes);
    const { height, timeMs } = this.o.ledger.tip;
    const startMs = performance.now();
    await commitExecuted(this.exec, block, commitBytes);
    this.recorder.committed(block, height, timeMs, (performance.now() - startMs) / 1000);
  }

  /**
   * The mark: the tip as committed now (never lower than the mark: a repairing node's tip is
   * below it), and `signed` (synced, outside the ledger's database).
   */
  private async writeMark(signed: HighWaterMark['signed']): Promise<void> {
    const store = this.o.highWater?.store;
    if (store === undefined) return;
    const tip = this.o.ledger.tip;
    const committed = this.mark !== undefined && this.mark.committed.height > tip.height ? this.mark.committed
      : { height: tip.height, blockHash: tip.blockHash };
    const mark: HighWaterMark = { committed, signed };
    await store.write(mark);
    this.mark = mark;
  }

  /** Block sync: a certified block from a peer, verified by BlockSync, applied here in the queue. */
  private async applySynced(blockBytes: Uint8Array, commitBytes: Uint8Array, blockHash: Hash32): Promise<void> {
    // The block of the height we were deciding is often one we have validated already.
    const repair = this.repairTo;
    // Block sync applies the height after the tip, checked against its certificate.
    if (repair !== undefined && this.o.ledger.tip.height + 1 === repair.height
      && !equalBytes(blockHash, repair.blockHash)) {
      throw new LedgerError('HIGH_WATER_MISMATCH', `block sync brought block ${toHex(blockHash)} at height ${repair.height}, `
        + `where this node had committed ${toHex(repair.blockHash)} (its high-water mark): refusing to continue on another chain`);
    }
    const block = this.executed.get(toHex(blockHash)) ?? (await checkBlock(this.exec, blockBytes, { certified: true }));
    await this.commitTimed(block, commitBytes);
    this.recorder?.abandoned();
    await this.writeMark(this.mark?.signed ?? null);
    if (repair !== undefined && this.o.ledger.tip.height >= repair.height) {
      this.repairTo = undefined;
      this.o.logger.warn({ event: 'ledger.repaired', height: repair.height }, 'ledger repaired: the tip is back at the high-water mark');
      this.o.onRepaired?.();
    }
    this.executed.clear();
    await this.advanceValidators();
    this.o.onCommitted(block);
    // The core was deciding a height that is now behind us: start it afresh from the WAL record,
    // which keeps the double-sign guard (heights only go up, so it never blocks a new vote).
    this.state = this.core.initialState(this.lastWal);
    this.startedHeight = 0;
    this.maybeStartHeight();
  }

  /**
   * A height starts when txs wait (after blockDelayMs gathers a burst), when the heartbeat is due
   * (so time moves on chain without a stream of empty blocks), when the case clock has an entry due
   * (a default is recorded in the first block after its legal time, not at the next heartbeat;
   * entries carried over by the per-block limit go at the pace of txs), or when a peer already runs it.
   */
  private maybeStartHeight(): void {
    if (!this.running || this.startedHeight !== 0 || this.repairTo !== undefined) return;
    const tip = this.o.ledger.tip;
    const nowMs = this.o.clock.nowMs();
    const heartbeatDueMs = Math.max(0, tip.timeMs + this.o.heartbeatIntervalMs - nowMs);
    const clockDueMs = this.caseDueAtMs === undefined ? Number.POSITIVE_INFINITY
      : Math.max(this.o.blockDelayMs, this.caseDueAtMs - nowMs);
    const dueInMs = this.setChangePending ? 0
      : Math.min(this.o.mempool.size > 0 ? Math.min(this.o.blockDelayMs, heartbeatDueMs) : heartbeatDueMs, clockDueMs);
    // Throttle, not debounce: a start already armed to fire sooner stays armed, so a steady stream
    // of txs cannot keep pushing the next height back.
    const dueAtMs = nowMs + dueInMs;
    if (this.cancelStart !== undefined && this.startDueAtMs <= dueAtMs) return;
    this.cancelStart?.();
    this.startDueAtMs = dueAtMs;
    this.cancelStart = this.o.timers.schedule(() => {
      this.cancelStart = undefined;
      this.startHeightNow();
    }, dueInMs);
  }

  private startHeightNow(): void {
    // A repairing node decides nothing: every height up to its mark is decided already.
    if (!this.running || this.startedHeight !== 0 || this.repairTo !== undefined) return;
    this.cancelStart?.();
    this.cancelStart = undefined;
    const height = this.o.ledger.tip.height + 1;
    this.startedHeight = height;
    this.enqueue(async () => {
      // A block may have been synced meanwhile: start only the height that follows the tip.
      if (this.o.ledger.tip.height + 1 !== height || this.state.status === 'running') return;
      await this.handle({ kind: 'startHeight', height: asHeight(height), validators: this.validators,
        prevBlockTimeMs: asTimeMs(this.o.ledger.tip.timeMs) });
    });
  }
}
