// The deterministic simulator (TigerBeetle VOPR style): N validators in one process over a fake
// network, fake clocks and fake disks, all driven by one seed. A failure throws with the seed, and
// the same seed replays the same run event for event.
import { createTendermintCore } from '../../src/consensus/tendermint/index.js';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/types/index.js';
import { ByzantineStrategy } from './byzantine.js';
import { Checker, SimulationFailure } from './checkers.js';
import { EventQueue } from './event-queue.js';
import { fakePublicKey, fakeSigner, fakeVerifier } from './fake-crypto.js';
import { FakeStorage } from './fake-storage.js';
import { SimNetwork, type Delivery, type WireMessage } from './network.js';
import { SimNode, type NodeTask, type SimWorld, type StoredCommit } from './node.js';
import { optionsFromSeed, totalNodes, type SimOptions } from './options.js';
import { Prng } from './prng.js';
import type { Member, PlannedChange } from './valset.js';

/** Local clocks read this epoch plus the simulated time plus their skew. */
const EPOCH_MS = 1_700_000_000_000;

type FaultTask =
  | { readonly kind: 'crash'; readonly node: number; readonly hard: boolean }
  | { readonly kind: 'restart'; readonly node: number }
  /** A spare node starts for the first time, from an empty disk. */
  | { readonly kind: 'boot'; readonly node: number };
type SimTask = Delivery | NodeTask | FaultTask;

export interface SimResult {
  readonly seed: number;
  /** Genesis validators. */
  readonly nodeCount: number;
  /** Nodes outside the genesis set that may join. */
  readonly spareCount: number;
  readonly byzantineCount: number;
  readonly simulatedMs: number;
  readonly maxHeight: number;
  /** Highest round any honest node reached. */
  readonly maxRound: number;
  readonly commits: number;
  readonly equivocations: number;
  readonly evidenceRecorded: number;
  readonly messagesSent: number;
  readonly messagesDropped: number;
  readonly crashes: number;
  /** Set-change operations planned, and committed on the agreed chain. */
  readonly setChangesPlanned: number;
  readonly setChangesCommitted: number;
  /** Distinct validator sets in force on the agreed chain (1: the genesis set throughout). */
  readonly setsInForce: number;
  /** Votes signed by Byzantine nodes outside their height's set (all ignored). */
  readonly ghostVotes: number;
  /** Honest restarts with a set change already in their ledger; spares that went on to vote. */
  readonly restartsAfterChange: number;
  readonly sparesThatVoted: number;
  /** Forged finished heights (another block, a certificate of one signer) sent by Byzantine nodes. */
  readonly forgedCommits: number;
  /** startHeight sets and commit certificates checked against the reference (invariants 5, 6). */
  readonly setsChecked: number;
  readonly certificatesChecked: number;
  readonly events: number;
  /** SHA-256 over every honest commit (node, height, hash, time): equal digests, equal runs. */
  readonly commitDigest: string;
}

export function reproduceHint(seed: number): string {
  return `reproduce with: npm run sim -- --seed ${seed}`;
}

export class Simulation implements SimWorld {
  readonly chainId = 'tianping-sim';
  readonly genesisTimeMs = EPOCH_MS - 1000;
  readonly epochMs = EPOCH_MS;
  readonly queue = new EventQueue<SimTask>();
  readonly network: SimNetwork;
  readonly checker: Checker;
  readonly prng: Prng;
  readonly nodes: SimNode[] = [];
  readonly nodeCount: number;
  readonly genesisMembers: readonly Member[];
  readonly plan: readonly PlannedChange[];
  private readonly secrets: Uint8Array[] = [];
  private readonly publicKeys: Uint8Array[] = [];
  private readonly byzantine = new ByzantineStrategy(this);
  private readonly honestNodes: number[] = [];
  private elapsedMs = 0;
  private maxRound = 0;
  private events = 0;

  constructor(readonly options: SimOptions) {
    const root = new Prng(options.seed);
    root.nextU32(); // the options drew from an identical stream: step off it
    this.prng = root.fork();
    this.network = new SimNetwork(options, root.fork(), this.queue as EventQueue<Delivery | { kind: string }>);
    this.nodeCount = totalNodes(options);
    this.genesisMembers = options.powers.map((power, node) => ({ node, power }));
    this.plan = options.setChanges;
    for (let node = 0; node < this.nodeCount; node++) this.secrets.push(root.bytes(32));
    for (const secret of this.secrets) this.publicKeys.push(fakePublicKey(secret));
    const nodeOfKey = new Map(this.publicKeys.map((publicKey, node) => [toHex(publicKey), node]));
    const verifier = fakeVerifier(this.secrets);
    for (let node = 0; node < this.nodeCount; node++) {
      const byzantine = options.byzantineNodes.includes(node);
      if (!byzantine) this.honestNodes.push(node);
      const core = createTendermintCore({ chainId: this.chainId, params: options.params, signer: fakeSigner(this.secrets[node]!), verifier });
      const bootAtMs = options.bootAtMs[node]!;
      this.nodes.push(new SimNode(this, node, core, new FakeStorage(), options.clockSkewMs[node]!, byzantine, bootAtMs === 0));
      if (bootAtMs > 0) this.queue.push(bootAtMs, { kind: 'boot', node });
    }
    this.checker = new Checker(new Set(this.honestNodes), {
      chainId: this.chainId,
      genesis: this.genesisMembers,
      plannedOps: this.plan.length,
      publicKeyOf: (node) => this.publicKeyOf(node),
      nodeOfPublicKey: (publicKey) => nodeOfKey.get(toHex(publicKey)),
      verify: (publicKey, message, signature) => verifier.verify(publicKey, message, signature),
    });
    for (const crash of options.crashes) {
      this.queue.push(crash.crashAtMs, { kind: 'crash', node: crash.node, hard: false });
      this.queue.push(crash.restartAtMs, { kind: 'restart', node: crash.node });
    }
  }

  nowMs(): number {
    return this.elapsedMs;
  }

  publicKeyOf(node: number): Uint8Array {
    return this.publicKeys[node]!;
  }

  interceptBroadcast(node: SimNode, message: WireMessage): boolean {
    return this.byzantine.broadcast(node, this.secrets[node.node]!, message);
  }

  /** Only in set-change scenarios, so that a seed without them replays as it did before they existed. */
  forgeCommit(node: SimNode, height: number, stored: StoredCommit): WireMessage | undefined {
    if (this.options.spareCount === 0) return undefined;
    return this.byzantine.forgedCommit(node, this.secrets[node.node]!, height, stored);
  }

  run(): SimResult {
    for (const node of this.nodes) if (node.up) node.start();
    const deadlineMs = this.options.healAtMs + this.options.livenessWindowMs;
    let commitsSeen = 0;
    for (let next = this.queue.pop(); next !== undefined && next.atMs <= deadlineMs; next = this.queue.pop()) {
      this.elapsedMs = next.atMs;
      this.events += 1;
      this.handle(next.item);
      this.noteRound(next.item);
      if (this.elapsedMs > this.options.healAtMs && this.checker.commits.length !== commitsSeen) {
        commitsSeen = this.checker.commits.length;
        if (this.checker.livenessReached(this.honestNodes, this.options.healAtMs)) break;
      }
    }
    this.checker.checkEvidence();
    this.checker.checkLiveness(this.honestNodes, this.options.healAtMs, deadlineMs);
    return this.result();
  }

  private handle(task: SimTask): void {
    if (task.kind === 'deliver') return this.nodes[task.to]!.receive(task.from, task.message);
    if (task.kind === 'crash' || task.kind === 'restart' || task.kind === 'boot') return this.fault(task);
    const node = this.nodes[task.node]!;
    if (!node.up || task.incarnation !== node.incarnation) return;
    switch (task.kind) {
      case 'core':
        return node.feed(task.event);
      case 'build':
        return node.build(task.height, task.round, task.timeAfterMs);
      case 'tick':
        node.feed({ kind: 'rebroadcastTick' });
        if (node.byzantine && this.options.spareCount > 0) this.byzantine.ghostVotes(node, this.secrets[node.node]!);
        if (node.up && node.incarnation === task.incarnation) {
          this.queue.push(this.elapsedMs + this.options.rebroadcastIntervalMs, task);
        }
        return;
      case 'nextHeight':
        if (node.state.status === 'decided' && node.state.height === task.height - 1) node.startNextHeight(task.height);
        return;
    }
  }

  private noteRound(task: SimTask): void {
    const node = this.nodes[task.kind === 'deliver' ? task.to : task.node]!;
    if (!node.byzantine && node.state.round > this.maxRound) this.maxRound = node.state.round;
  }

  private fault(task: FaultTask): void {
    const node = this.nodes[task.node]!;
    if (task.kind === 'restart' || task.kind === 'boot') {
      if (node.up) return;
      node.up = true;
      node.start();
      return;
    }
    if (!node.up) return;
    if (!task.hard && this.prng.chance(this.options.crashMidStepPerMille)) {
      // Die inside the next step that has effects, between two of them (say after the persist and
      // before the send), or before the restart anyway if no such step comes.
      node.crashDuringNextStep = true;
      const restartAtMs = this.options.crashes.find((crash) => crash.node === task.node
        && crash.restartAtMs > this.elapsedMs)?.restartAtMs ?? this.elapsedMs + 2;
      this.queue.push(Math.min(this.elapsedMs + 2000, restartAtMs - 1), { kind: 'crash', node: task.node, hard: true });
      return;
    }
    node.crash();
  }

  private result(): SimResult {
    return {
      seed: this.options.seed,
      nodeCount: this.options.nodeCount,
      spareCount: this.options.spareCount,
      byzantineCount: this.options.byzantineNodes.length,
      simulatedMs: this.elapsedMs,
      maxHeight: this.checker.maxCommittedHeight,
      maxRound: this.maxRound,
      commits: this.checker.commits.length,
      equivocations: this.checker.equivocationCount,
      evidenceRecorded: this.checker.evidenceCount,
      messagesSent: this.network.sentCount,
      messagesDropped: this.network.droppedCount,
      crashes: this.options.crashes.length,
      setChangesPlanned: this.plan.length,
      setChangesCommitted: this.checker.setChangesCommitted,
      setsInForce: this.checker.setsInForce,
      ghostVotes: this.checker.ghostVotesSent,
      forgedCommits: this.checker.forgedCommitsSent,
      restartsAfterChange: this.checker.restartsAfterChange,
      sparesThatVoted: this.nodes.filter((node) => node.node >= this.options.nodeCount && node.formerIndex !== undefined).length,
      setsChecked: this.checker.setsChecked,
      certificatesChecked: this.checker.certificatesChecked,
      events: this.events,
      commitDigest: toHex(sha256(utf8(JSON.stringify(this.checker.commits)))),
    };
  }
}

/** Runs one seed (or explicit options); throws SimulationFailure carrying the seed on any violation. */
export function runSimulation(seedOrOptions: number | SimOptions): SimResult {
  const options = typeof seedOrOptions === 'number' ? optionsFromSeed(seedOrOptions) : seedOrOptions;
  try {
    return new Simulation(options).run();
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const failure = new SimulationFailure(`seed ${options.seed} failed: ${message}\n${reproduceHint(options.seed)}`);
    failure.cause = error;
    throw failure;
  }
}
