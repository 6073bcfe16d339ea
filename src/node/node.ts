// The node's running core: ledger, mempool and block production. Queries of committed data go to
// the read model (src/read/).
// node/index.ts (the composition root) builds it; the API only ever sees it as ApiComponents.
import type { ApiComponents, BlockSummary, ConsistencyProofView, CaseEventsView, CaseListQuery, CaseListView, CaseView, EquivocationView, EvidenceAnchor,
  GovernanceProposalView, MemberEntry, MemberView, NodeStatusView, PayoutComponents, ReadinessView, ProposalStatus, ReceiptForms, EventReceiptForms, TxCommitInfo, TxStatus,
  ValidatorSetView } from '../api/components.js';
import type { KeyPair, SignatureVerifier } from '../crypto/ed25519.js';
import type { Ledger } from '../ledger/index.js';
import { Mempool, type MempoolMetrics } from '../mempool/index.js';
import { validatorSetAt, type Genesis } from '../state/index.js';
import { TianpingError, toHex, type Clock, type Hash32, type Timers } from '../types/index.js';
import { isQuorum, type ConsensusSigner, type createTendermintCore } from '../consensus/tendermint/index.js';
import type { Logger } from 'pino';
import type { NodeConfig } from '../config/defaults.js';
import type { ExecutedBlock } from '../blocks/index.js';
import { checkpointOfHeader, ed25519NoteSigner, encodeCheckpoint, signNote } from '../checkpoint/index.js';
import { historyTreeOf, ReadModel, type HistoryTree } from '../read/index.js';
import { witnessedReceipt, type WitnessedCheckpoint } from '../read/witnessed-receipt.js';
import { LocalNetwork, type ConsensusNetwork } from '../wire/index.js';
import { systemTimers } from './system-env.js';
import { CheckpointSignatures } from './checkpoint-signatures.js';
import { CrossChainService } from './crosschain.js';
import type { TwoHopSources } from './crosschain-two-hop.js';
import { CommitWaiters } from './commit-waiters.js';
import { TendermintDriver } from './tendermint-driver.js';
import type { HighWaterMark, HighWaterStore } from './high-water.js';
import type { DriverMetrics } from './consensus-metrics.js';

/** This process's memory, in the status so that a long run can be watched for a leak from outside. */
function processMemory(): ProcessMemory {
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rssBytes: rss, heapUsedBytes: heapUsed, heapTotalBytes: heapTotal, externalBytes: external, arrayBuffersBytes: arrayBuffers };
}

/** RSS split the way V8 sees it: what grows outside heapTotal is native (LevelDB, malloc, mapped files). */
interface ProcessMemory {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
  readonly externalBytes: number;
  readonly arrayBuffersBytes: number;
}

export interface NodeCoreOptions {
  readonly genesis: Genesis;
  readonly ledger: Ledger;
  readonly key: KeyPair;
  readonly verifier: SignatureVerifier;
  readonly clock: Clock;
  /** Timers for the driver, gossip and commit waiters (default: the runtime's). */
  readonly timers?: Timers;
  /** Signs with the node key (default: node:crypto); the simulator passes a fast fake. */
  readonly signer?: ConsensusSigner;
  /** Builds the pure consensus core (default createTendermintCore); the simulator wraps it to watch every step. */
  readonly createCore?: typeof createTendermintCore;
  readonly logger: Logger;
  readonly moniker: string;
  readonly version: string;
  readonly mempool: { readonly txsMax: number; readonly bytesMax: number };
  readonly consensus: NodeConfig['consensus'];
  /**
   * The p2p network. Without it the node has no peers: it commits alone where it holds more than
   * 2/3 of the voting power (a single-validator chain), and otherwise only serves reads.
   */
  readonly network?: ConsensusNetwork;
  /**
   * Sign each committed height's checkpoint (a validator) and gather the validators' lines over
   * gossip, serving the newest checkpoint signed by more than 2/3 of the power (docs/checkpoints.md
   * §5). Off by default: the simulator's schedules are drawn per message, and a topic more would
   * change what every recorded seed means.
   */
  readonly gatherCheckpoints?: boolean;
  readonly syncBlocksMax?: number;
  /** Called after every commit, once the block is durable. */
  readonly onCommitted?: (height: number) => void;
  /** The high-water mark's store and the mark read at start (node/high-water.ts). */
  readonly highWater?: { readonly store: HighWaterStore; readonly mark: HighWaterMark | undefined };
  /**
   * The ledger lost committed blocks up to this height (node/ledger-open.ts): until block sync has
   * re-fetched them, reads and writes answer 503 LEDGER_REPAIRING rather than as if they never were.
   */
  readonly repairTo?: { readonly height: number; readonly blockHash: Hash32 };
  /** Admission refusals, consensus steps and committed blocks (src/metrics/ in a running node); none when omitted. */
  readonly metrics?: MempoolMetrics & DriverMetrics;
  /** The newest checkpoint cosigned by at least `count` witnesses (node/witness-push.ts); none without witnesses. */
  readonly witnessed?: (count: number) => WitnessedCheckpoint | undefined;
  /** The side nodes two-hop receipts are composed from (setting crosschain.sources); none by default. */
  readonly crosschainSources?: TwoHopSources;
}

/**
 * The API admits new txs while fewer than this many proposals' worth (consensus.proposeTxsMax)
 * wait. Past that, admitting more (verifying and gossiping every tx on every validator) takes the
 * CPU that building and checking blocks needs, and the chain commits less, not more: in bench:net
 * 762 anchors/s committed while the APIs took 1,359/s with up to 100,000 txs allowed to wait,
 * against 1,042-1,246/s with a backlog of ~4,000. Txs from peers are still admitted up to
 * mempool.txsMax: this limit is on what enters the network, not on what crosses it.
 */
export const API_BACKLOG_PROPOSALS = 3;

/**
 * Blocks a node may trail its peers and still answer ready: one is the ordinary lag of a node
 * that has not yet received the commit its peers just reached. Two or more is what makes the
 * consensus core ask for the commit (consensus/tendermint/receive.ts, noteHeight).
 */
export const READY_BLOCKS_BEHIND_MAX = 1;

export class NodeCore implements ApiComponents {
  readonly genesis: Genesis;
  readonly mempool: Mempool;
  private readonly waiters: CommitWaiters<TxCommitInfo>;
  private readonly driver: TendermintDriver;
  /** Whether this node's key is in the validator set in force (that of the next height to decide). */
  private isValidator: boolean;
  /** Answers every query of committed data; this class keeps admission, waiting and the driver. */
  private readonly read: ReadModel;
  /** Consistency proofs and checkpoints of the history tree; keeps subtree roots between requests. */
  private readonly history: HistoryTree;
  private checkpointNote: { readonly height: number; readonly note: string } | undefined;
  /** Validators' checkpoint lines gathered over gossip (gatherCheckpoints), else undefined. */
  private readonly checkpointLines: CheckpointSignatures | undefined;
  private halted = false;
  /** The height the ledger is being repaired up to, while it is. */
  private repairingTo: number | undefined;
  private readonly startedAtMs: number;
  /** Pending txs beyond which the API refuses new ones (MEMPOOL_FULL): see API_BACKLOG_PROPOSALS. */
  readonly submitBacklogMax: number;
  /** Foreign chains' light clients, verification records and two-hop receipts (docs/crosschain.md). */
  readonly crosschain: CrossChainService;
  /** The payout reads (docs/payouts.md §1, §3, §8), from the read model. */
  readonly payouts: PayoutComponents;

  constructor(private readonly o: NodeCoreOptions) {
    this.genesis = o.genesis;
    this.startedAtMs = o.clock.nowMs();
    const timers = o.timers ?? systemTimers;
    this.waiters = new CommitWaiters(timers);
    this.read = new ReadModel(o.ledger);
    this.history = historyTreeOf(o.ledger);
    this.crosschain = new CrossChainService({ ledger: o.ledger, chainId: o.genesis.chainId,
      sources: o.crosschainSources ?? { urls: new Map() }, readable: () => this.readable() });
    this.payouts = this.payoutReads();
    this.submitBacklogMax = Math.max(1, API_BACKLOG_PROPOSALS * o.consensus.proposeTxsMax);
    this.mempool = new Mempool({ chainId: o.genesis.chainId, params: o.genesis.params, verifier: o.verifier,
      clock: o.clock, state: o.ledger.state, committedHeight: () => o.ledger.tip.height,
      ...(o.metrics === undefined ? {} : { metrics: o.metrics }) }, o.mempool);
    // The genesis set until the driver reports the committed one at start (before the API listens).
    this.isValidator = o.genesis.validators.some((v) => v.publicKey === this.nodeId);
    this.repairingTo = o.repairTo?.height;
    const network = o.network ?? new LocalNetwork();
    this.checkpointLines = o.gatherCheckpoints === true ? this.gatherCheckpointLines(network) : undefined;
    // One engine for every node, with peers or without (LocalNetwork), validator or observer.
    this.driver = new TendermintDriver({
      genesis: o.genesis, ledger: o.ledger, mempool: this.mempool, verifier: o.verifier, key: o.key, clock: o.clock, timers,
      ...(o.signer === undefined ? {} : { signer: o.signer }), ...(o.createCore === undefined ? {} : { createCore: o.createCore }),
      logger: o.logger.child({ module: 'consensus' }), network, timeouts: o.consensus,
      heartbeatIntervalMs: o.consensus.heartbeatIntervalMs, blockDelayMs: o.consensus.blockDelayMs,
      rebroadcastIntervalMs: o.consensus.rebroadcastIntervalMs, syncBlocksMax: o.syncBlocksMax ?? 50,
      proposeTxsMax: o.consensus.proposeTxsMax, proposeBytesMax: o.consensus.proposeBytesMax,
      onCommitted: (block) => this.committed(block),
      onValidatorsChanged: (nodeIds) => {
        this.isValidator = nodeIds.includes(this.nodeId);
      },
      onHalt: (error) => this.halt(error),
      ...(o.highWater === undefined ? {} : { highWater: o.highWater }),
      ...(o.repairTo === undefined ? {} : { repairTo: o.repairTo }),
      ...(o.metrics === undefined ? {} : { metrics: o.metrics }),
      onRepaired: () => {
        this.repairingTo = undefined;
      },
    });
  }

  private payoutReads(): PayoutComponents {
    const readable = (): ReadModel => {
      this.readable();
      return this.read;
    };
    return {
      payouts: async (query) => readable().payouts(query),
      payout: async (id) => readable().payout(id),
      payoutPolicy: async () => readable().payoutPolicy(),
      moneyReceived: async (page) => readable().moneyReceived(page),
    };
  }

  private gatherCheckpointLines(network: ConsensusNetwork): CheckpointSignatures {
    const { chainId } = this.genesis;
    const lines = new CheckpointSignatures({
      chainId, key: this.o.key,
      checkpointAt: async (height) => {
        const found = await this.o.ledger.header(height);
        return found === undefined ? undefined : checkpointOfHeader(chainId, found.header);
      },
      validatorsAt: (height) => validatorSetAt(this.o.ledger.state, height),
      tipHeight: () => this.o.ledger.tip.height,
      verify: (publicKey, message, signature) => this.o.verifier.verify(publicKey, message, signature),
      publish: (note) => {
        network.publish('checkpoints', note).catch((error: unknown) => this.o.logger.debug({ err: error }, 'checkpoint line not published'));
      },
    });
    network.subscribe('checkpoints', (data) => lines.onGossip(data));
    return lines;
  }

  get role(): 'validator' | 'observer' {
    return this.isValidator ? 'validator' : 'observer';
  }

  private get nodeId(): string {
    return toHex(this.o.key.publicKey);
  }

  async start(): Promise<void> {
    // The driver reports the set in force as it loads it from the ledger, before the API listens.
    await this.driver.start();
  }

  async stop(): Promise<void> {
    await this.driver.stop();
    this.waiters.rejectAll(new TianpingError('NODE_HALTED', 'node is shutting down'));
  }

  /** Committed data is not served while the ledger lacks blocks it had committed: 503, never a wrong 404. */
  private readable(): void {
    if (this.repairingTo !== undefined) {
      throw new TianpingError('LEDGER_REPAIRING', `the ledger is re-fetching committed blocks up to height ${this.repairingTo} `
        + 'from peers; retry later or ask another node');
    }
  }

  async submitTx(bytes: Uint8Array): Promise<{ hash: Hash32 }> {
    if (this.halted) throw new TianpingError('NODE_HALTED');
    this.readable();
    if (this.mempool.size >= this.submitBacklogMax) {
      this.o.metrics?.txRefused('MEMPOOL_FULL');
      throw new TianpingError('MEMPOOL_FULL', `${this.mempool.size} txs wait to be committed, ` +
        `${API_BACKLOG_PROPOSALS} blocks' worth: retry later`);
    }
    const tx = await this.mempool.add(bytes);
    this.driver.txAdmitted(bytes);
    return { hash: tx.hash };
  }

  async waitForCommit(hash: Hash32, timeoutMs: number): Promise<TxCommitInfo> {
    // Park first, then look: a commit landing between the two is then never missed.
    const parked = this.waiters.wait(hash, timeoutMs);
    const status = await this.txStatus(hash);
    if (status.status === 'committed') this.waiters.resolve(hash, status);
    else if (status.status === 'unknown') this.waiters.reject(hash, new TianpingError('TX_NOT_FOUND'));
    return parked;
  }

  async txStatus(hash: Hash32): Promise<TxStatus> {
    this.readable();
    const committed = await this.read.committedTx(hash);
    if (committed !== undefined) return { status: 'committed', ...committed };
    return this.mempool.has(hash) ? { status: 'pending', hash: toHex(hash) } : { status: 'unknown', hash: toHex(hash) };
  }

  async evidence(digest: Uint8Array, algorithm: 'sha256' | 'sm3', page: { offset: number; limit: number }):
    Promise<{ total: number; anchors: EvidenceAnchor[] }> {
    this.readable();
    return this.read.evidence(digest, algorithm, page);
  }

  async receipt(digest: Uint8Array, algorithm: 'sha256' | 'sm3', txHash?: Uint8Array, trustedHeight?: number): Promise<ReceiptForms> {
    this.readable();
    return this.read.receipt(digest, algorithm, txHash, trustedHeight);
  }

  async witnessedCheckpoint(cosignatures: number): Promise<string> {
    this.readable();
    const cosigned = this.o.witnessed?.(cosignatures);
    if (cosigned === undefined) {
      throw new TianpingError('WITNESSED_CHECKPOINT_NOT_FOUND', `no checkpoint is cosigned by ${cosignatures} of this node's witnesses yet`);
    }
    return cosigned.note;
  }

  async witnessedReceipt(digest: Uint8Array, algorithm: 'sha256' | 'sm3', txHash: Uint8Array | undefined, cosignatures: number):
    Promise<ReceiptForms> {
    this.readable();
    return witnessedReceipt(this.o.witnessed?.(cosignatures), cosignatures,
      (trustedHeight) => this.read.receipt(digest, algorithm, txHash, trustedHeight));
  }

  async eventReceipt(height: number, index: number): Promise<EventReceiptForms> {
    this.readable();
    return this.read.eventReceipt(height, index);
  }

  async caseView(caseNo: string, atMs?: number): Promise<CaseView> {
    this.readable();
    return this.read.caseView(caseNo, atMs);
  }

  async cases(query: CaseListQuery): Promise<CaseListView> {
    this.readable();
    return this.read.cases(query);
  }

  async caseEvents(caseNo: string, page: { after?: number | undefined; limit: number }): Promise<CaseEventsView> {
    this.readable();
    return this.read.caseEvents(caseNo, page);
  }

  async caseEventReceipt(caseNo: string, seq: number): Promise<EventReceiptForms> {
    this.readable();
    return this.read.caseEventReceipt(caseNo, seq);
  }

  async caseParties(caseNo: string): Promise<readonly string[] | undefined> {
    this.readable();
    return this.read.caseParties(caseNo);
  }

  async txInclusion(hash: Uint8Array): Promise<ReceiptForms> {
    this.readable();
    return this.read.txInclusion(hash);
  }

  async anchorsBySubmitter(publicKey: Uint8Array, page: { offset: number; limit: number }):
    Promise<{ total: number; anchors: EvidenceAnchor[] }> {
    this.readable();
    return this.read.anchorsBySubmitter(publicKey, page);
  }

  async block(height: number | 'latest'): Promise<BlockSummary | undefined> {
    this.readable();
    return this.read.block(height);
  }

  async member(publicKeyHex: string): Promise<MemberView | undefined> {
    this.readable();
    return this.read.member(publicKeyHex);
  }

  async equivocations(): Promise<EquivocationView[]> {
    this.readable();
    return this.read.equivocations();
  }

  async members(): Promise<MemberEntry[]> {
    this.readable();
    return this.read.members();
  }

  async validators(height?: number): Promise<ValidatorSetView | undefined> {
    this.readable();
    return this.read.validators(height);
  }

  async proposals(status?: ProposalStatus): Promise<GovernanceProposalView[]> {
    this.readable();
    return this.read.proposals(status);
  }

  async proposal(id: Uint8Array): Promise<GovernanceProposalView | undefined> {
    this.readable();
    return this.read.proposal(id);
  }

  /**
   * Ready (GET /readyz): not halted, not repairing, hearing more than 2/3 of the voting power (its
   * own included), at most READY_BLOCKS_BEHIND_MAX behind the highest height a peer's signed
   * message named, and with a block committed since it last heard a quorum (at start, or after it
   * was cut off, it may be behind before any peer has said so). A single-validator chain without
   * peers holds all the power and is ready alone; an observer is ready only while it hears
   * validators enough to follow every commit.
   */
  readiness(): ReadinessView {
    const view = this.driver.syncView();
    const figures = { height: view.tipHeight, highestHeightSeen: view.highestHeightSeen, peers: view.peers,
      votingPowerReachable: view.reachablePower, votingPowerTotal: view.totalPower };
    const notReady = (code: Extract<ReadinessView, { ready: false }>['code'], detail: string): ReadinessView =>
      ({ ...figures, ready: false, code, detail });
    if (this.halted) return notReady('NODE_HALTED', 'the node stopped after a storage failure and serves no writes');
    if (this.repairingTo !== undefined) {
      return notReady('LEDGER_REPAIRING', `the ledger is re-fetching committed blocks up to height ${this.repairingTo}`);
    }
    if (!isQuorum(view.reachablePower, view.totalPower)) {
      return notReady('QUORUM_UNREACHABLE', `hears ${view.reachablePower} of ${view.totalPower} voting power `
        + `(${view.peers} peers connected); more than 2/3 is needed to follow commits`);
    }
    // A peer deciding height h has committed h - 1: highestHeightSeen - 1 is a height known committed.
    const behind = view.highestHeightSeen - 1 - view.tipHeight;
    if (behind > READY_BLOCKS_BEHIND_MAX) {
      return notReady('NODE_SYNCING', `at height ${view.tipHeight}, while peers are deciding height ${view.highestHeightSeen}`);
    }
    if (!view.confirmed) {
      return notReady('NODE_SYNCING', `at height ${view.tipHeight}, and no block committed since it (re)joined `
        + 'a quorum of its peers: it may be behind without knowing yet');
    }
    return { ...figures, ready: true };
  }

  status(): NodeStatusView {
    const tip = this.o.ledger.tip;
    return {
      chainId: this.genesis.chainId, nodeId: this.nodeId, moniker: this.o.moniker, role: this.role,
      latestHeight: tip.height, latestBlockHash: toHex(tip.blockHash), latestBlockTimeMs: tip.timeMs,
      mempoolSize: this.mempool.size, mempoolSizeMax: this.mempool.limits.txsMax, halted: this.halted,
      version: this.o.version, startedAtMs: this.startedAtMs, process: processMemory(),
      ...(this.repairingTo === undefined ? {} : { repairingTo: this.repairingTo }),
    };
  }

  /**
   * The chain's checkpoint as a signed note, keys named by the chain id (the origin, as
   * c2sp.org/tlog-checkpoint advises; the key ID tells validators apart). Where validators' lines
   * are gathered (gatherCheckpoints), the newest checkpoint whose lines hold more than 2/3 of its
   * set's power, which may be a few heights below the tip. Otherwise, or until such a quorum
   * formed, the latest header's checkpoint signed by this node's key alone, once per height: the
   * note of a height never changes.
   */
  async checkpoint(): Promise<string> {
    this.readable();
    const quorum = this.checkpointLines?.quorumNote();
    if (quorum !== undefined) return quorum.note;
    const latest = await this.history.latestCheckpoint(this.genesis.chainId);
    if (latest === undefined) throw new TianpingError('CHECKPOINT_NOT_FOUND');
    if (this.checkpointNote?.height !== latest.height) {
      const signer = ed25519NoteSigner(this.genesis.chainId, this.o.key);
      this.checkpointNote = { height: latest.height, note: signNote(encodeCheckpoint(latest.checkpoint), [signer]) };
    }
    return this.checkpointNote.note;
  }

  historyConsistency(from: number, to: number): Promise<ConsistencyProofView> {
    this.readable();
    return this.history.consistency(from, to);
  }

  private committed(block: ExecutedBlock): void {
    const blockHash = toHex(block.hash);
    // Most committed txs have no waiter: the value is made only for those that do.
    if (this.waiters.size > 0) {
      block.result.included.forEach((tx, index) => {
        if (this.waiters.has(tx.id)) {
          this.waiters.resolve(tx.id, { hash: tx.id, height: block.height, index, blockHash, blockTimeMs: block.timeMs });
        }
      });
      for (const { tx, error } of block.result.rejected) this.waiters.reject(tx.id, error);
    }
    const { included, rejected } = block.result;
    if (included.length > 0 || rejected.length > 0) {
      this.o.logger.info({ height: block.height, txs: included.length, dropped: rejected.length, hash: blockHash }, 'block committed');
    } else {
      this.o.logger.debug({ height: block.height, hash: blockHash }, 'heartbeat block committed');
    }
    this.checkpointLines?.onCommit(block.height).catch((error: unknown) => {
      this.o.logger.warn({ err: error, height: block.height }, 'checkpoint of the committed height not signed');
    });
    this.o.onCommitted?.(block.height);
  }

  private halt(error: unknown): void {
    this.halted = true;
    this.o.logger.fatal({ err: error }, 'block could not be committed: node halted, no block was half written');
    this.waiters.rejectAll(new TianpingError('NODE_HALTED'));
  }
}
