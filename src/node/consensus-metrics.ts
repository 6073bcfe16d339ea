// What the driver records when the node gives it metrics: how long the core stays in each step,
// the round each height was decided in, and each committed block (size, txs, interval, the time to
// write it, its case events). The pure core never sees any of it: the driver reads the core's
// state after each step, as it does to carry out the effects.
import type { ExecutedBlock } from '../blocks/index.js';
import { varintField } from '../codec/fields.js';
import { pb } from '../codec/index.js';
import type { ConsensusState } from '../consensus/tendermint/index.js';
import type { CounterLike, ObserverLike } from '../types/index.js';

/** The core's three steps, and 'commit': from the decision until the block is durable and waiters answered. */
export const CONSENSUS_PHASES = ['propose', 'prevote', 'precommit', 'commit'] as const;
export type ConsensusPhase = (typeof CONSENSUS_PHASES)[number];

/** CaseEvent.kind is field 3 of the message (proto/tianping.proto). */
const CASE_EVENT_KIND_FIELD = 3;

export interface DriverMetrics {
  readonly phaseSeconds: Readonly<Record<ConsensusPhase, ObserverLike>>;
  /** The round each height this node decided in consensus was committed at (block sync brings no round of ours). */
  readonly commitRound: ObserverLike;
  readonly lateRoundCommits: CounterLike;
  /** Block time minus the previous block's time (chain time, the same on every node). */
  readonly blockIntervalSeconds: ObserverLike;
  readonly blockBytes: ObserverLike;
  readonly blockTxs: ObserverLike;
  /** Writing a block with its commit and clearing its txs from the mempool (blocks/block-exec.ts commitExecuted). */
  readonly commitSeconds: ObserverLike;
  /** The counter of committed case events of a kind: pb.CaseEventKind's name in lower case, less its prefix ('created', 'default'). */
  caseEvents(kind: string): CounterLike;
}

export class ConsensusRecorder {
  private phase: ConsensusPhase | undefined;
  private height = 0;
  private round = -1;
  private sinceMs = 0;
  /** The height whose commit phase decided() ended: messages arriving while it stays decided start no new phase. */
  private doneHeight = 0;
  /** Counters by CaseEventKind number, got once per kind. */
  private readonly eventCounters = new Map<number, CounterLike>();

  constructor(private readonly m: DriverMetrics) {}

  /**
   * After each step of the core. A change of height, round or step ends the time spent in the one
   * before; the 'commit' phase starts at the decision and is ended by decided(). One event can take
   * the core through several steps (on a chain where this validator's own votes are a quorum, the
   * block it built takes it from propose to the decision): the steps passed within it lasted no
   * time, and are observed as 0 so that every step a height went through has its observation.
   */
  stepped(state: ConsensusState): void {
    const phase = state.status === 'running' ? state.step
      : state.status === 'decided' && state.height !== this.doneHeight ? 'commit' : undefined;
    const sameRound = state.height === this.height && state.round === this.round;
    if (phase === this.phase && sameRound) return;
    const nowMs = performance.now();
    this.end(nowMs);
    if (sameRound && this.phase !== undefined && phase !== undefined) {
      for (let i = CONSENSUS_PHASES.indexOf(this.phase) + 1; i < CONSENSUS_PHASES.indexOf(phase); i++) {
        this.m.phaseSeconds[CONSENSUS_PHASES[i]!].observe(0);
      }
    }
    this.phase = phase;
    this.height = state.height;
    this.round = state.round;
    this.sinceMs = nowMs;
  }

  /** A block this node decided in consensus is durable: the commit phase ends, its round is recorded. */
  decided(round: number): void {
    this.end(performance.now());
    this.phase = undefined;
    this.doneHeight = this.height;
    this.m.commitRound.observe(round);
    if (round > 0) this.m.lateRoundCommits.inc();
  }

  /** Block sync applied a height: the core starts afresh, and the step it was in is not a step that finished. */
  abandoned(): void {
    this.phase = undefined;
  }

  /** Any committed block, decided here or synced; `prevTimeMs`/`prevHeight` are the tip's before it. */
  committed(block: ExecutedBlock, prevHeight: number, prevTimeMs: number, commitSeconds: number): void {
    const { m } = this;
    m.commitSeconds.observe(commitSeconds);
    m.blockBytes.observe(block.blockBytes.length);
    m.blockTxs.observe(block.result.included.length);
    // From the genesis time to block 1 is how long the chain waited to start, not an interval.
    if (prevHeight > 0) m.blockIntervalSeconds.observe((block.timeMs - prevTimeMs) / 1000);
    for (const event of block.result.events) this.eventCounter(varintField(event, CASE_EVENT_KIND_FIELD) ?? 0).inc();
  }

  private end(nowMs: number): void {
    if (this.phase !== undefined) this.m.phaseSeconds[this.phase].observe((nowMs - this.sinceMs) / 1000);
  }

  private eventCounter(kind: number): CounterLike {
    let counter = this.eventCounters.get(kind);
    if (counter === undefined) {
      // An enum value this build does not know still counts, under its number.
      const name = (pb.CaseEventKind as unknown as Record<number, string | undefined>)[kind] ?? `CASE_EVENT_KIND_${kind}`;
      counter = this.m.caseEvents(name.replace(/^CASE_EVENT_KIND_/, '').toLowerCase());
      this.eventCounters.set(kind, counter);
    }
    return counter;
  }
}
