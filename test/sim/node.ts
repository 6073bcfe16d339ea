// One simulated node: the production node core (NodeCore, with its Tendermint driver, consensus
// wire, block sync, mempool, block building and checking, executeBlock, consensus WAL and Ledger)
// on a power-loss disk, the simulator's network endpoint, its clock and its timers. The simulator
// owns only what a machine would: time, the network, the disk, crashes. The pure core is wrapped
// (createCore) so that the checkers see every step's event and effects.
import type { Logger } from 'pino';
import { createTendermintCore, type ConsensusContext, type ConsensusState, type TendermintCore } from '../../src/consensus/tendermint/index.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import type { KeyPair } from '../../src/crypto/ed25519.js';
import { Ledger } from '../../src/ledger/index.js';
import { NodeCore } from '../../src/node/index.js';
import type { Genesis } from '../../src/state/index.js';
import { asTimeMs, type Clock, type Hash32, type Timers } from '../../src/types/index.js';
import { SimDisk } from './disk.js';
import { fakeSigner, fakeVerifier } from './fake-crypto.js';
import type { SimEndpoint, SimNetwork } from './network.js';
import type { SimOptions } from './options.js';

/** A timer of one incarnation; it does nothing once that incarnation is dead or the timer cancelled. */
export interface TimerTask {
  readonly kind: 'timer';
  readonly node: number;
  readonly incarnation: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** What a node needs of the simulated world. */
export interface NodeWorld {
  readonly options: SimOptions;
  readonly genesis: Genesis;
  readonly genesisHash: Hash32;
  readonly network: SimNetwork;
  /** Local clocks read epochMs + nowMs() + their skew. */
  readonly epochMs: number;
  nowMs(): number;
  pushTimer(atMs: number, task: TimerTask): void;
  /** The core of a node's incarnation stepped (wrapped core). */
  observeStep(node: SimNode, incarnation: number, step: ObservedStep): void;
  /** The node's ledger durably holds a new block. */
  onCommitted(node: SimNode, incarnation: number, ledger: Ledger, height: number): void;
  /** A node (re)started: its ledger is open and its driver running. */
  onStarted(node: SimNode, ledger: Ledger): Promise<void>;
  /** Byzantine nodes get their endpoint tampered with. */
  onAttach(node: SimNode, endpoint: SimEndpoint): void;
}

export interface ObservedStep {
  readonly core: TendermintCore;
  readonly before: ReturnType<TendermintCore['initialState']>;
  readonly event: Parameters<TendermintCore['step']>[1];
  readonly result: ReturnType<TendermintCore['step']>;
}

export class SimNode {
  incarnation = 0;
  up = false;
  core: NodeCore | undefined;
  ledger: Ledger | undefined;
  endpoint: SimEndpoint | undefined;
  /** The core's state after its last step in this incarnation (the Byzantine wire reads it). */
  coreState: ConsensusState | undefined;
  /** This node's index in the set of the last height it was a member of (Byzantine nodes reuse it). */
  formerIndex: number | undefined;
  readonly disk = new SimDisk();
  readonly clock: Clock;

  constructor(
    private readonly world: NodeWorld,
    readonly node: number,
    readonly key: KeyPair,
    readonly skewMs: number,
    readonly byzantine: boolean,
    private readonly logger: Logger,
  ) {
    this.clock = { nowMs: () => asTimeMs(world.epochMs + world.nowMs() + skewMs) };
  }

  private timers(incarnation: number): Timers {
    return {
      schedule: (fn, delayMs) => {
        const task: TimerTask = { kind: 'timer', node: this.node, incarnation, fn, cancelled: false };
        this.world.pushTimer(this.world.nowMs() + Math.max(0, Math.round(delayMs)), task);
        return () => { task.cancelled = true; };
      },
      elapsedMs: () => this.world.nowMs(),
    };
  }

  private wrapCore(incarnation: number): (context: ConsensusContext) => TendermintCore {
    return (context) => {
      const core = createTendermintCore(context);
      const wrapped: TendermintCore = {
        context: core.context,
        initialState: (recovered) => core.initialState(recovered),
        step: (before, event) => {
          const result = core.step(before, event);
          if (incarnation === this.incarnation && this.up) {
            this.coreState = result.state;
            if (result.state.status === 'running' && result.state.ownIndex !== -1) this.formerIndex = result.state.ownIndex;
            this.world.observeStep(this, incarnation, { core, before, event, result });
          }
          return result;
        },
      };
      return wrapped;
    };
  }

  /** Boots (or reboots) the node from what its disk holds. */
  async start(): Promise<void> {
    const { world } = this;
    this.up = true;
    const incarnation = this.incarnation;
    const ledger = await Ledger.open(this.disk.open(), world.genesis, world.genesisHash);
    if (incarnation !== this.incarnation) return;
    const endpoint = world.network.attach(this.node);
    world.onAttach(this, endpoint);
    const { consensus } = DEFAULT_CONFIG;
    const core = new NodeCore({
      genesis: world.genesis, ledger, key: this.key, verifier: fakeVerifier(), signer: fakeSigner(this.key),
      clock: this.clock, timers: this.timers(incarnation), createCore: this.wrapCore(incarnation),
      logger: this.logger, moniker: `node${this.node}`, version: 'sim',
      mempool: { txsMax: 10_000, bytesMax: 64 * 1024 * 1024 },
      consensus: { ...consensus, ...world.options.params, heartbeatIntervalMs: world.options.heartbeatIntervalMs,
        blockDelayMs: world.options.blockDelayMs, rebroadcastIntervalMs: world.options.rebroadcastIntervalMs },
      network: endpoint, syncBlocksMax: 20,
      onCommitted: (height) => world.onCommitted(this, incarnation, ledger, height),
    });
    this.core = core;
    this.ledger = ledger;
    this.endpoint = endpoint;
    await core.start();
    if (incarnation !== this.incarnation) return;
    await world.onStarted(this, ledger);
  }

  /** Power loss: the process and its unsynced writes are gone. */
  crash(): void {
    this.up = false;
    this.incarnation += 1;
    this.world.network.detach(this.node);
    this.disk.crash();
    this.core = undefined;
    this.ledger = undefined;
    this.endpoint = undefined;
    this.coreState = undefined;
  }
}
