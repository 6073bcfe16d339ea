// The deterministic simulator (TigerBeetle VOPR style): N production nodes in one process over a fake
// network, fake clocks, fake timers and power-loss disks, all driven by one seed. Each event runs to
// quiescence (every promise it started settles) before the next, so one seed replays the same run
// event for event. A failure throws with the seed.
import { pino, type Logger } from 'pino';
import { decodeBlock } from '../../src/codec/index.js';
import { admission } from '../../src/consensus/tendermint/index.js';
import { decodeCertificate } from '../../src/wire/index.js';
import { sha256 } from '../../src/crypto/hash.js';
import { installNodeSha256 } from '../../src/crypto/index.js';
import type { KeyPair } from '../../src/crypto/ed25519.js';
import type { Ledger } from '../../src/ledger/index.js';
import type { ReadinessView } from '../../src/api/components.js';
import { DEFAULT_CATEGORIES, genesisHash, parseGenesis, readTxLocation, readValidatorHistory, type Genesis } from '../../src/state/index.js';
import { concatBytes, equalBytes, fromHex, toHex, utf8, type Hash32 } from '../../src/types/index.js';
import { ByzantineStrategy } from './byzantine.js';
import { CaseChecker } from './case-checker.js';
import { CaseWorkload, type CaseSummary } from './case-workload.js';
import { Checker, SimulationFailure } from './checkers.js';
import { EventQueue } from './event-queue.js';
import { fakeVerifier, keyPool } from './fake-crypto.js';
import { SimNetwork, type Delivery, type Packet, type RequestTimeout } from './network.js';
import { SimNode, type NodeWorld, type ObservedStep, type TimerTask } from './node.js';
import { optionsFromSeed, totalNodes, type PlanState, type SimOptions } from './options.js';
import { Prng } from './prng.js';
import { counts, signedMessages } from './observe.js';
import type { SimResult } from './result.js';
import { Workload } from './workload.js';

export type { SimResult } from './result.js';

/** Local clocks read this epoch plus the simulated time plus their skew. */
const EPOCH_MS = 1_700_000_000_000;
const GOVERNANCE_INTERVAL_MS = 300;
/** The workload anchors until this long after the heal, so that the chain has txs to decide then too. */
const ANCHORS_AFTER_HEAL_MS = 5_000;
/** The judgment-contract workload looks at the chain and takes its next steps this often. */
const CASE_TICK_MS = 250;

type FaultTask =
  | { readonly kind: 'crash'; readonly node: number; readonly hard: boolean }
  | { readonly kind: 'restart'; readonly node: number }
  /** A spare node starts for the first time, from an empty disk. */
  | { readonly kind: 'boot'; readonly node: number };
type WorkTask = { readonly kind: 'anchor' } | { readonly kind: 'governance' } | { readonly kind: 'ghostTick'; readonly node: number }
  | { readonly kind: 'lateRestart' } | { readonly kind: 'cases' };
type SimTask = Delivery | RequestTimeout | TimerTask | FaultTask | WorkTask;

export function reproduceHint(seed: number): string {
  return `reproduce with: npm run sim -- --seed ${seed}`;
}

const drain = (): Promise<void> => new Promise((resolve) => { setImmediate(resolve); });

export class Simulation implements NodeWorld {
  readonly chainId = 'tianping-sim';
  readonly epochMs = EPOCH_MS;
  readonly queue = new EventQueue<SimTask>();
  readonly network: SimNetwork;
  readonly checker: Checker;
  readonly prng: Prng;
  readonly nodes: SimNode[] = [];
  readonly nodeCount: number;
  readonly genesis: Genesis;
  readonly genesisHash: Hash32;
  private readonly byzantine: ByzantineStrategy;
  private readonly workload: Workload;
  /** Seeds with judgment contracts only: a seed without them runs exactly as before they existed. */
  private readonly cases: { readonly workload: CaseWorkload; readonly checker: CaseChecker } | undefined;
  private caseSummary: CaseSummary | undefined;
  private readonly honestNodes: number[] = [];
  /**
   * In about half the set-change seeds, one honest genesis node is power-cycled once the first change
   * has passed: it must rebuild every height's set (and its proposer priorities) from its ledger
   * across the change. Faults before the heal rarely let a change pass before their restarts.
   */
  private lateRestart: { readonly node: number; state: 'planned' | 'down' | 'done' } | undefined;
  private readonly nodeOfKey = new Map<string, number>();
  private readonly setHashes = new Set<string>();
  private elapsedMs = 0;
  private maxRound = 0;
  private events = 0;
  private failure: unknown;
  private readonly verifier = fakeVerifier();
  /** Called after every event with each honest node that is up and its readiness (GET /readyz). */
  watchReadiness: ((node: number, readiness: ReadinessView) => void) | undefined;

  constructor(readonly options: SimOptions) {
    installNodeSha256();
    const root = new Prng(options.seed);
    root.nextU32(); // the options drew from an identical stream: step off it
    this.prng = root.fork();
    const networkPrng = root.fork();
    this.nodeCount = totalNodes(options);
    const pool = keyPool();
    const picks = root.shuffle(pool.map((_, i) => i)).slice(0, this.nodeCount + 4);
    const keys = picks.slice(0, this.nodeCount).map((i) => pool[i]!);
    const submitter = pool[picks[this.nodeCount]!]!;
    const [court, oracle, creditor] = picks.slice(this.nodeCount + 1).map((i) => pool[i]!) as [KeyPair, KeyPair, KeyPair];
    const caseMembers = options.cases.length === 0 ? [] : [
      { name: 'sim-court', organisation: 'Sim Court', role: 'court', publicKey: toHex(court.publicKey) },
      { name: 'sim-oracle', organisation: 'Sim Bank', role: 'oracle', publicKey: toHex(oracle.publicKey) },
      { name: 'sim-creditor', organisation: 'Sim Creditor', role: 'submitter', publicKey: toHex(creditor.publicKey) },
    ];
    keys.forEach((key, node) => this.nodeOfKey.set(toHex(key.publicKey), node));
    const genesisJson = {
      chainId: this.chainId, genesisTimeMs: EPOCH_MS - 1000,
      validators: options.powers.map((power, node) => ({ name: `sim-node-${node}`, publicKey: toHex(keys[node]!.publicKey), power })),
      members: [{ name: 'sim-platform', organisation: 'Sim Platform', role: 'submitter', publicKey: toHex(submitter.publicKey) }, ...caseMembers],
      categories: [...DEFAULT_CATEGORIES],
      params: { pbtsPrecisionMs: options.params.precisionMs, pbtsMessageDelayMs: options.params.messageDelayMs },
    };
    const genesisBytes = utf8(JSON.stringify(genesisJson));
    this.genesis = parseGenesis(genesisJson);
    this.genesisHash = genesisHash(genesisBytes);
    this.network = new SimNetwork(options, networkPrng, this.queue, keys.map((key) => toHex(key.publicKey)), () => this.elapsedMs,
      (from, packet) => this.observeSend(from, packet));
    for (let node = 0; node < this.nodeCount; node++) {
      const byzantine = options.byzantineNodes.includes(node);
      if (!byzantine) this.honestNodes.push(node);
      this.nodes.push(new SimNode(this, node, keys[node]!, options.clockSkewMs[node]!, byzantine, this.fatalLogger(node)));
      const bootAtMs = options.bootAtMs[node]!;
      if (bootAtMs > 0) this.queue.push(bootAtMs, { kind: 'boot', node });
    }
    const verifier = this.verifier;
    this.checker = new Checker(new Set(this.honestNodes), {
      chainId: this.chainId,
      nodeOfPublicKey: (publicKey) => this.nodeOfKey.get(toHex(publicKey)),
      verify: (publicKey, message, signature) => verifier.verify(publicKey, message, signature),
    });
    this.byzantine = new ByzantineStrategy(this);
    const casePrng = root.fork();
    this.cases = options.cases.length === 0 ? undefined : {
      workload: new CaseWorkload({ chainId: this.chainId, checker: this.checker, prng: casePrng, nodes: this.nodes,
        keys: { submitter, court, oracle, creditor }, plans: options.cases, seed: options.seed, epochMs: EPOCH_MS,
        precisionMs: options.params.precisionMs, nowMs: () => this.elapsedMs, report: (error) => { this.failure ??= error; } }),
      checker: new CaseChecker((message) => this.checker.fail(message)),
    };
    const genesisPlan: PlanState = { validators: options.powers.map((power, node) => ({ node, power })), suspended: [], retired: [] };
    this.workload = new Workload({ chainId: this.chainId, checker: this.checker, prng: this.prng, nodes: this.nodes, submitter,
      plan: options.setChanges, genesisPlan, epochMs: EPOCH_MS });
    const honestGenesis = this.honestNodes.filter((node) => node < options.nodeCount);
    if (options.setChanges.length > 0 && this.prng.chance(500)) this.lateRestart = { node: this.prng.pick(honestGenesis), state: 'planned' };
    for (const crash of options.crashes) {
      this.queue.push(crash.crashAtMs, { kind: 'crash', node: crash.node, hard: false });
      this.queue.push(crash.restartAtMs, { kind: 'restart', node: crash.node });
    }
  }

  /** A node's log: only a fatal line (the node halted) is of interest, and it fails the run. */
  private fatalLogger(node: number): Logger {
    return pino({ level: 'fatal' }, { write: (line: string) => { this.failure ??= new SimulationFailure(`node ${node} halted: ${line.trim()}`); } });
  }

  nowMs(): number {
    return this.elapsedMs;
  }

  pushTimer(atMs: number, task: TimerTask): void {
    this.queue.push(atMs, task);
  }

  onAttach(node: SimNode, endpoint: Parameters<NodeWorld['onAttach']>[1]): void {
    if (node.byzantine) this.byzantine.attach(node, endpoint);
  }

  /**
   * Invariant 2 on what actually leaves an honest node: its own signed votes and proposals, in
   * gossip, pushes and catch-up answers. (A vote the core made but a crash stopped before it left
   * may be signed otherwise after the restart: nobody ever saw it.)
   */
  private observeSend(from: number, packet: Packet): void {
    const node = this.nodes[from]!;
    if (node.byzantine) return;
    this.guard(() => {
      for (const sent of signedMessages(this.chainId, packet)) {
        if (this.verifier.verify(node.key.publicKey, sent.signBytes, sent.signature)) {
          this.checker.onHonestSignedSend(from, sent.height, sent.round, sent.type, sent.signBytes);
        }
      }
    });
  }

  /** Every step of an honest node's core: invariants 3, 5 and 6 at the source. */
  observeStep(node: SimNode, incarnation: number, { core, before, event, result }: ObservedStep): void {
    if (node.byzantine) return;
    const { checker } = this;
    this.guard(() => {
      if (result.state.round > this.maxRound) this.maxRound = result.state.round;
      if (event.kind === 'startHeight') {
        checker.onStartHeight(node.node, event.height, event.validators);
        this.setHashes.add(event.validators.validators.map((v) => `${toHex(v.publicKey)}:${v.power}`).join());
      } else if (event.kind === 'proposalReceived' || event.kind === 'voteReceived') {
        const signed = event.kind === 'proposalReceived' ? event.proposal : event.vote;
        if (admission(core.context, before, signed.height, signed.round) === 'current') {
          checker.onTakenIn(node.node, incarnation, toHex(signed.signature));
        }
        if (event.kind === 'voteReceived' && checker.isGhostVote(event.vote) && counts(result.state, event.vote)) {
          checker.fail(`node ${node.node} counted a vote of height ${event.vote.height} signed by a node outside its set`);
        }
      }
      for (const effect of result.effects) if (effect.kind === 'recordEvidence') checker.onEvidence(node.node, effect.evidence);
    });
  }

  onCommitted(node: SimNode, _incarnation: number, ledger: Ledger, height: number): void {
    if (node.byzantine) return;
    const atMs = this.elapsedMs;
    if (this.cases !== undefined) {
      // The case state is read now, while the node's state is that of this height.
      const caseCheck = this.cases.checker.onCommitted(node.node, node.disk.storage, height, ledger.rawBlock(height).then((raw) => raw?.block));
      this.guardAsync(() => caseCheck);
    }
    this.guardAsync(async () => {
      const raw = await ledger.rawBlock(height);
      if (raw === undefined) this.checker.fail(`node ${node.node} reported block ${height} committed but does not store it`);
      this.checker.onCommit(node.node, height, raw.block, decodeCertificate(raw.commit), atMs);
      // The app hash the node computed by executing the block is the one its header commits to.
      if (ledger.tip.height === height && !equalBytes(ledger.tip.appHash, decodeBlock(raw.block).header.appHash)) {
        this.checker.fail(`node ${node.node} executed block ${height} to another app hash than its header names`);
      }
    });
  }

  async onStarted(node: SimNode, ledger: Ledger): Promise<void> {
    if (node.byzantine) return;
    if (node.incarnation > 0 && (await readValidatorHistory(ledger.state)).size > 1) this.checker.restartsAfterChange += 1;
    await this.checker.checkAnswered(node.node, async (hashHex) => (await readTxLocation(ledger.state, fromHex(hashHex)!))?.height);
  }

  private guard(check: () => void): void {
    try {
      check();
    } catch (error) {
      this.failure ??= error;
      throw error;
    }
  }

  private guardAsync(check: () => Promise<void>): void {
    check().catch((error: unknown) => { this.failure ??= error; });
  }

  async run(): Promise<SimResult> {
    const { options } = this;
    for (const node of this.nodes) if (options.bootAtMs[node.node] === 0) this.guardAsync(() => node.start());
    this.queue.push(options.anchorIntervalMs, { kind: 'anchor' });
    if (options.setChanges.length > 0) this.queue.push(GOVERNANCE_INTERVAL_MS, { kind: 'governance' });
    if (this.cases !== undefined) this.queue.push(CASE_TICK_MS, { kind: 'cases' });
    if (options.spareCount > 0) {
      for (const node of this.nodes) {
        if (node.byzantine) this.queue.push(this.prng.range(1, options.rebroadcastIntervalMs), { kind: 'ghostTick', node: node.node });
      }
    }
    await drain();
    const deadlineMs = options.healAtMs + options.livenessWindowMs;
    let commitsSeen = 0;
    for (let next = this.queue.pop(); next !== undefined && next.atMs <= deadlineMs; next = this.queue.pop()) {
      this.elapsedMs = next.atMs;
      this.events += 1;
      this.handle(next.item);
      await drain();
      if (this.failure !== undefined) throw this.failure;
      if (this.watchReadiness !== undefined) this.observeReadiness(this.watchReadiness);
      if (this.elapsedMs > options.healAtMs && this.checker.commits.length !== commitsSeen) {
        commitsSeen = this.checker.commits.length;
        const lateRestartPending = this.lateRestart !== undefined && this.lateRestart.state !== 'done';
        const casesPending = this.cases !== undefined && !this.cases.workload.finished;
        if (!lateRestartPending && !casesPending
          && this.checker.livenessReached(this.honestNodes, options.healAtMs, this.workload.setChangesTarget)) break;
      }
    }
    await this.finalChecks(deadlineMs);
    return this.result();
  }

  private observeReadiness(watch: (node: number, readiness: ReadinessView) => void): void {
    for (const node of this.nodes) {
      if (!node.byzantine && node.up && node.core !== undefined) watch(node.node, node.core.readiness());
    }
  }

  private handle(task: SimTask): void {
    switch (task.kind) {
      case 'deliver':
        return this.network.deliver(task, (error) => { this.failure ??= error; });
      case 'requestTimeout':
        return this.network.timeout(task.id);
      case 'timer': {
        const node = this.nodes[task.node]!;
        if (!task.cancelled && node.up && node.incarnation === task.incarnation) task.fn();
        return;
      }
      case 'crash':
      case 'restart':
      case 'boot':
        return this.fault(task);
      case 'anchor':
        this.workload.anchor();
        if (this.elapsedMs < this.options.healAtMs + ANCHORS_AFTER_HEAL_MS) {
          this.queue.push(this.elapsedMs + this.options.anchorIntervalMs, task);
        }
        return;
      case 'governance':
        this.guardAsync(() => this.workload.governance());
        this.maybeLateRestart();
        if (this.workload.opsApplied < this.options.setChanges.length) this.queue.push(this.elapsedMs + GOVERNANCE_INTERVAL_MS, task);
        return;
      case 'lateRestart': {
        const late = this.lateRestart!;
        late.state = 'done';
        const node = this.nodes[late.node]!;
        if (!node.up) this.guardAsync(() => node.start());
        return;
      }
      case 'cases':
        this.guardAsync(() => this.cases!.workload.tick());
        this.queue.push(this.elapsedMs + CASE_TICK_MS, task);
        return;
      case 'ghostTick':
        this.byzantine.ghostVotes(this.nodes[task.node]!);
        this.queue.push(this.elapsedMs + this.options.rebroadcastIntervalMs, task);
        return;
    }
  }

  private maybeLateRestart(): void {
    const late = this.lateRestart;
    if (late === undefined || late.state !== 'planned' || this.workload.opsApplied === 0) return;
    const node = this.nodes[late.node]!;
    if (!node.up) return;
    late.state = 'down';
    node.crash();
    this.queue.push(this.elapsedMs + this.prng.range(200, 3000), { kind: 'lateRestart' });
  }

  private fault(task: FaultTask): void {
    const node = this.nodes[task.node]!;
    if (task.kind === 'restart' || task.kind === 'boot') {
      if (node.up) return;
      this.guardAsync(() => node.start());
      return;
    }
    if (!node.up) return;
    if (!task.hard && this.prng.chance(this.options.crashMidStepPerMille)) {
      // Die at the next synced write (say after the WAL persist and before the vote leaves), keeping
      // or losing that write, or before the restart anyway if no write comes.
      const incarnation = node.incarnation;
      node.disk.armCrashAtNextSync(this.prng.chance(500), () => {
        if (node.incarnation === incarnation && node.up) node.crash();
      });
      const restartAtMs = this.options.crashes.find((crash) => crash.node === task.node
        && crash.restartAtMs > this.elapsedMs)?.restartAtMs ?? this.elapsedMs + 2;
      this.queue.push(Math.min(this.elapsedMs + 2000, restartAtMs - 1), { kind: 'crash', node: task.node, hard: true });
      return;
    }
    node.crash();
  }

  /** Invariants 3, 4 and 7 at the end, and the state of honest nodes at one tip. */
  private async finalChecks(deadlineMs: number): Promise<void> {
    const { checker, options } = this;
    checker.checkEvidence();
    const planned = `${this.workload.opsApplied} of ${options.setChanges.length} planned set changes passed`;
    checker.checkLiveness(this.honestNodes, options.healAtMs, deadlineMs, this.workload.setChangesTarget, planned);
    const stateByTip = new Map<number, { node: number; digest: string }>();
    for (const node of this.nodes) {
      if (node.byzantine || !node.up || node.ledger === undefined) continue;
      const ledger = node.ledger;
      await checker.checkAnswered(node.node, async (hashHex) => (await readTxLocation(ledger.state, fromHex(hashHex)!))?.height);
      let digest: Uint8Array = new Uint8Array(32);
      for await (const [key, value] of node.disk.storage.entries('s/')) digest = sha256(concatBytes(digest, utf8(key), value));
      const tip = ledger.tip.height;
      const other = stateByTip.get(tip);
      if (other === undefined) stateByTip.set(tip, { node: node.node, digest: toHex(digest) });
      else if (other.digest !== toHex(digest)) checker.fail(`nodes ${other.node} and ${node.node} hold different state at tip ${tip}`);
    }
    if (this.failure !== undefined) throw this.failure;
    await this.finalCaseChecks(deadlineMs);
  }

  /** Contracts at the end (CaseWorkload.finalCheck): their liveness, and what the run made of them. */
  private async finalCaseChecks(deadlineMs: number): Promise<void> {
    if (this.cases === undefined) return;
    const honest = this.nodes.filter((node) => !node.byzantine && node.up && node.ledger !== undefined);
    this.caseSummary = await this.cases.workload.finalCheck(honest, `${deadlineMs - this.options.healAtMs} ms after the faults healed`);
  }

  private result(): SimResult {
    const { options, checker } = this;
    return {
      seed: options.seed,
      nodeCount: options.nodeCount,
      spareCount: options.spareCount,
      byzantineCount: options.byzantineNodes.length,
      simulatedMs: this.elapsedMs,
      maxHeight: checker.maxCommittedHeight,
      maxRound: this.maxRound,
      commits: checker.commits.length,
      equivocations: checker.equivocationCount,
      evidenceRecorded: checker.evidenceCount,
      messagesSent: this.network.sentCount,
      messagesDropped: this.network.droppedCount,
      crashes: options.crashes.length,
      setChangesPlanned: options.setChanges.length,
      setChangesCommitted: this.workload.opsApplied,
      setsInForce: this.setHashes.size,
      ghostVotes: checker.ghostVotesSent,
      forgedCommits: checker.forgedCommitsSent,
      restartsAfterChange: checker.restartsAfterChange,
      sparesThatVoted: this.nodes.filter((node) => node.node >= options.nodeCount && node.formerIndex !== undefined).length,
      setsChecked: checker.setsChecked,
      certificatesChecked: checker.certificatesChecked,
      answeredCommitted: checker.answeredCount,
      answersRechecked: checker.answersRechecked,
      events: this.events,
      casesPlanned: options.cases.length,
      casesCreated: this.caseSummary?.casesCreated ?? 0,
      caseDefaults: this.caseSummary?.caseDefaults ?? 0,
      caseFilings: this.caseSummary?.caseFilings ?? 0,
      caseSuspensions: this.caseSummary?.caseSuspensions ?? 0,
      caseStatesCompared: this.cases?.checker.statesCompared ?? 0,
      caseEventsChecked: this.cases?.checker.eventsChecked ?? 0,
      commitDigest: toHex(sha256(utf8(JSON.stringify(checker.commits)))),
    };
  }
}

/** Runs one seed (or explicit options); throws SimulationFailure carrying the seed on any violation. */
export async function runSimulation(seedOrOptions: number | SimOptions): Promise<SimResult> {
  const options = typeof seedOrOptions === 'number' ? optionsFromSeed(seedOrOptions) : seedOrOptions;
  try {
    return await new Simulation(options).run();
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const failure = new SimulationFailure(`seed ${options.seed} failed: ${message}\n${reproduceHint(options.seed)}`);
    failure.cause = error;
    throw failure;
  }
}

