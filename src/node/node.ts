// The node's running core: ledger, mempool and block production, and the read model the API sees.
// node/index.ts (the composition root) builds it; the API only ever sees it as ApiComponents.
import type { ApiComponents, BlockSummary, EquivocationView, EvidenceAnchor, MemberView, NodeStatusView, TxCommitInfo,
  TxStatus } from '../api/components.js';
import type { GovernanceProposalView, MemberEntry, ProposalStatus, ValidatorSetView, ReceiptForms } from '../api/components.js';
import { txHash, type EvidenceRecordMsg, type ValidatorEntry, pb } from '../codec/index.js';
import type { KeyPair, SignatureVerifier } from '../crypto/ed25519.js';
import type { Ledger } from '../ledger/index.js';
import { Mempool } from '../mempool/index.js';
import { readProposal, readValidatorSet, type Genesis } from '../state/index.js';
import { TianpingError, equalBytes, toHex, type Clock, type Hash32, type Timers } from '../types/index.js';
import type { ConsensusSigner, createTendermintCore } from '../consensus/tendermint/index.js';
import { systemTimers } from './system-env.js';
import { CommitWaiters } from './commit-waiters.js';
import { receiptOf, txInclusion, type ReceiptMsg } from './receipts.js';
import { decodeReceipt } from '../client/receipt.js';
import { receiptToJson } from '../client/receipt-json.js';

const RECEIPT_SCAN_PAGE = 100;

function receiptForms(receipt: ReceiptMsg): ReceiptForms {
  const bytes = pb.Receipt.encode(receipt).finish();
  return { json: receiptToJson(decodeReceipt(bytes)) as ReceiptForms['json'], bytes };
}
import type { Logger } from 'pino';
import type { NodeConfig } from '../config/defaults.js';
import type { ConsensusNetwork } from '../wire/index.js';
import { LocalNetwork } from '../wire/index.js';
import { TendermintDriver } from './tendermint-driver.js';
import type { ExecutedBlock } from '../blocks/index.js';
import { equivocationView } from './equivocation-view.js';
import { memberEntry, proposalStatus, proposalView, validatorSetView, type ProposalContext } from './governance-view.js';

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
  readonly syncBlocksMax?: number;
  /** Called after every commit, once the block is durable. */
  readonly onCommitted?: (height: number) => void;
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

const ALGORITHM_IDS = { sha256: 1, sm3: 2 } as const;
const ALGORITHM_NAMES: Record<number, 'sha256' | 'sm3'> = { 1: 'sha256', 2: 'sm3' };

export class NodeCore implements ApiComponents {
  readonly genesis: Genesis;
  readonly mempool: Mempool;
  private readonly waiters: CommitWaiters<TxCommitInfo>;
  private readonly driver: TendermintDriver;
  /** Whether this node's key is in the validator set in force (that of the next height to decide). */
  private isValidator: boolean;
  private readonly memberNames = new Map<string, string>();
  private halted = false;
  private readonly startedAtMs: number;
  /** Pending txs beyond which the API refuses new ones (MEMPOOL_FULL): see API_BACKLOG_PROPOSALS. */
  readonly submitBacklogMax: number;

  constructor(private readonly o: NodeCoreOptions) {
    this.genesis = o.genesis;
    this.startedAtMs = o.clock.nowMs();
    const timers = o.timers ?? systemTimers;
    this.waiters = new CommitWaiters(timers);
    this.submitBacklogMax = Math.max(1, API_BACKLOG_PROPOSALS * o.consensus.proposeTxsMax);
    this.mempool = new Mempool({ chainId: o.genesis.chainId, params: o.genesis.params, verifier: o.verifier,
      clock: o.clock, state: o.ledger.state, committedHeight: () => o.ledger.tip.height }, o.mempool);
    // The genesis set until start() reads the committed one: right for a new chain, and replaced
    // before the API listens on a restarted one.
    this.isValidator = o.genesis.validators.some((v) => v.publicKey === this.nodeId);
    // One engine for every node, with peers or without (LocalNetwork), validator or observer.
    this.driver = new TendermintDriver({
      genesis: o.genesis, ledger: o.ledger, mempool: this.mempool, verifier: o.verifier, key: o.key, clock: o.clock, timers,
      ...(o.signer === undefined ? {} : { signer: o.signer }), ...(o.createCore === undefined ? {} : { createCore: o.createCore }),
      logger: o.logger.child({ module: 'consensus' }), network: o.network ?? new LocalNetwork(), timeouts: o.consensus,
      heartbeatIntervalMs: o.consensus.heartbeatIntervalMs, blockDelayMs: o.consensus.blockDelayMs,
      rebroadcastIntervalMs: o.consensus.rebroadcastIntervalMs, syncBlocksMax: o.syncBlocksMax ?? 50,
      proposeTxsMax: o.consensus.proposeTxsMax, proposeBytesMax: o.consensus.proposeBytesMax,
      onCommitted: (block) => this.committed(block),
      onValidatorsChanged: (nodeIds) => {
        this.isValidator = nodeIds.includes(this.nodeId);
      },
      onHalt: (error) => this.halt(error),
    });
  }

  get role(): 'validator' | 'observer' {
    return this.isValidator ? 'validator' : 'observer';
  }

  private get nodeId(): string {
    return toHex(this.o.key.publicKey);
  }

  async start(): Promise<void> {
    // The set in force after the last commit (a change may have taken effect since the genesis);
    // from here on the driver reports the set after each commit.
    const validators = await readValidatorSet(this.o.ledger.state);
    this.isValidator = validators.some((v) => toHex(v.publicKey) === this.nodeId);
    await this.driver.start();
  }

  async stop(): Promise<void> {
    await this.driver.stop();
    this.waiters.rejectAll(new TianpingError('NODE_HALTED', 'node is shutting down'));
  }

  async submitTx(bytes: Uint8Array): Promise<{ hash: Hash32 }> {
    if (this.halted) throw new TianpingError('NODE_HALTED');
    if (this.mempool.size >= this.submitBacklogMax) {
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
    const location = await this.o.ledger.txLocation(hash);
    if (location !== undefined) {
      const header = await this.o.ledger.header(location.height);
      if (header !== undefined) {
        return { status: 'committed', hash: toHex(hash), height: location.height, index: location.index,
          blockHash: toHex(header.hash), blockTimeMs: header.header.timeMs };
      }
    }
    return this.mempool.has(hash) ? { status: 'pending', hash: toHex(hash) } : { status: 'unknown', hash: toHex(hash) };
  }

  async evidence(digest: Uint8Array, algorithm: 'sha256' | 'sm3', page: { offset: number; limit: number }):
    Promise<{ total: number; anchors: EvidenceAnchor[] }> {
    const { total, records } = await this.o.ledger.evidence(ALGORITHM_IDS[algorithm], digest, page.offset, page.limit);
    return { total, anchors: await this.anchorViews(records) };
  }

  async receipt(digest: Uint8Array, algorithm: 'sha256' | 'sm3', txHash?: Uint8Array): Promise<ReceiptForms> {
    const id = ALGORITHM_IDS[algorithm];
    // Pages through the anchors only as far as needed: the earliest, or the one of the tx asked for.
    for (let offset = 0; ; offset += RECEIPT_SCAN_PAGE) {
      const { total, records } = await this.o.ledger.evidence(id, digest, offset, RECEIPT_SCAN_PAGE);
      const record = records.find((r) => txHash === undefined || equalBytes(r.txHash, txHash));
      if (record !== undefined) return receiptForms(await receiptOf(this.o.ledger, record));
      if (offset + RECEIPT_SCAN_PAGE >= total) {
        throw new TianpingError('EVIDENCE_NOT_FOUND', txHash === undefined ? 'the digest has no anchor on this chain'
          : 'the digest has no anchor in that tx');
      }
    }
  }

  async txInclusion(hash: Uint8Array): Promise<ReceiptForms> {
    const location = await this.o.ledger.txLocation(hash);
    if (location === undefined) throw new TianpingError('TX_NOT_FOUND');
    return receiptForms(await txInclusion(this.o.ledger, location.height, location.index));
  }

  async anchorsBySubmitter(publicKey: Uint8Array, page: { offset: number; limit: number }):
    Promise<{ total: number; anchors: EvidenceAnchor[] }> {
    const { total, records } = await this.o.ledger.anchorsBySubmitter(publicKey, page.offset, page.limit);
    return { total, anchors: await this.anchorViews(records) };
  }

  private async anchorViews(records: readonly EvidenceRecordMsg[]): Promise<EvidenceAnchor[]> {
    const anchors: EvidenceAnchor[] = [];
    for (const r of records) {
      const header = await this.o.ledger.header(r.height);
      anchors.push({
        algorithm: ALGORITHM_NAMES[r.algorithm] ?? 'sha256', digest: toHex(r.digest), category: r.category,
        submitter: toHex(r.submitter), submitterName: await this.memberName(r.submitter), externalRef: r.externalRef,
        metadataDigest: toHex(r.metadataDigest), salted: r.salted, height: r.height, blockTimeMs: r.timeMs,
        blockHash: header === undefined ? '' : toHex(header.hash), txHash: toHex(r.txHash), txIndex: r.txIndex,
      });
    }
    return anchors;
  }

  async block(height: number | 'latest'): Promise<BlockSummary | undefined> {
    const stored = await this.o.ledger.block(height === 'latest' ? this.o.ledger.tip.height : height);
    if (stored === undefined) return undefined;
    const h = stored.header;
    return {
      height: h.height, hash: toHex(stored.hash), timeMs: h.timeMs, chainId: h.chainId,
      prevBlockHash: toHex(h.prevBlockHash), historyRoot: toHex(h.historyRoot), txRoot: toHex(h.txRoot),
      appHash: toHex(h.appHash), resultsHash: toHex(h.resultsHash), validatorsHash: toHex(h.validatorsHash),
      nextValidatorsHash: toHex(h.nextValidatorsHash), proposer: toHex(h.proposer), txCount: h.txCount,
      txHashes: stored.txs.map((tx) => toHex(txHash(tx))),
      commit: { round: stored.commit.round,
        signatures: stored.commit.signatures.map((s) => ({ validatorIndex: s.validatorIndex ?? 0, signature: toHex(s.signature ?? new Uint8Array()) })) },
    };
  }

  async member(publicKeyHex: string): Promise<MemberView | undefined> {
    const record = await this.o.ledger.member(publicKeyHex);
    return record === undefined ? undefined : { name: record.name, role: record.role, status: record.status };
  }

  async equivocations(): Promise<EquivocationView[]> {
    const views: EquivocationView[] = [];
    for await (const record of this.o.ledger.equivocations()) views.push(await equivocationView(record, (key) => this.memberName(key)));
    return views;
  }

  async members(): Promise<MemberEntry[]> {
    const members: MemberEntry[] = [];
    for await (const record of this.o.ledger.members()) members.push(memberEntry(record));
    return members;
  }

  async validators(height?: number): Promise<ValidatorSetView | undefined> {
    const at = height ?? this.o.ledger.tip.height + 1;
    const set = await this.o.ledger.validatorsAt(at);
    return set === undefined ? undefined : validatorSetView(at, set, (key) => this.memberName(key));
  }

  async proposals(status?: ProposalStatus): Promise<GovernanceProposalView[]> {
    const ctx = this.proposalContext();
    const found: { view: GovernanceProposalView; index: number }[] = [];
    for await (const record of this.o.ledger.proposals()) {
      if (status !== undefined && proposalStatus(record, ctx.latestBlockTimeMs) !== status) continue;
      // Oldest first: by the opening tx's place in the chain (state keeps them by id).
      const index = (await this.o.ledger.txLocation(record.id))?.index ?? 0;
      found.push({ view: await proposalView(record, ctx), index });
    }
    found.sort((a, b) => a.view.openedHeight - b.view.openedHeight || a.index - b.index);
    return found.map((f) => f.view);
  }

  async proposal(id: Uint8Array): Promise<GovernanceProposalView | undefined> {
    const record = await readProposal(this.o.ledger.state, id);
    return record === undefined ? undefined : proposalView(record, this.proposalContext());
  }

  /** One read of the tip for a whole answer, and each height's set read once. */
  private proposalContext(): ProposalContext {
    const tip = this.o.ledger.tip;
    const sets = new Map<number, Promise<readonly ValidatorEntry[]>>();
    return {
      latestBlockTimeMs: tip.timeMs, nextHeight: tip.height + 1, nameOf: (key) => this.memberName(key),
      setOf: (height) => {
        let set = sets.get(height);
        if (set === undefined) {
          set = this.o.ledger.validatorsAt(height).then((found) => found?.validators ?? []);
          sets.set(height, set);
        }
        return set;
      },
    };
  }

  status(): NodeStatusView {
    const tip = this.o.ledger.tip;
    return {
      chainId: this.genesis.chainId, nodeId: this.nodeId, moniker: this.o.moniker, role: this.role,
      latestHeight: tip.height, latestBlockHash: toHex(tip.blockHash), latestBlockTimeMs: tip.timeMs,
      mempoolSize: this.mempool.size, mempoolSizeMax: this.mempool.limits.txsMax, halted: this.halted,
      version: this.o.version, startedAtMs: this.startedAtMs,
    };
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
    this.o.onCommitted?.(block.height);
  }

  private halt(error: unknown): void {
    this.halted = true;
    this.o.logger.fatal({ err: error }, 'block could not be committed: node halted, no block was half written');
    this.waiters.rejectAll(new TianpingError('NODE_HALTED'));
  }

  private async memberName(publicKey: Uint8Array): Promise<string> {
    const id = toHex(publicKey);
    const cached = this.memberNames.get(id);
    if (cached !== undefined) return cached;
    const name = (await this.o.ledger.member(id))?.name ?? '';
    if (this.memberNames.size < 10_000) this.memberNames.set(id, name);
    return name;
  }
}
