// An in-memory node behind ApiComponents: it keeps pending and committed txs, blocks and anchors,
// so API tests check real lookups (a wrong key or a lost field fails them), and records what the
// API asked for (timeouts, pages) so that caps can be asserted.
import { expect } from 'vitest';
import type { CaseEventsView, CaseListQuery, CaseListView, CaseView, EventReceiptForms, ReceiptForms } from '../../src/api/components.js';
import type { LightMyRequestResponse } from 'fastify';
import type {
  ApiComponents, BlockSummary, EquivocationView, EvidenceAnchor, MemberView, NodeStatusView, ReadinessView, TxCommitInfo, TxStatus,
} from '../../src/api/components.js';
import type {
  GovernanceProposalView, MemberEntry, MemberRoleName, ProposalStatus, ValidatorSetView,
} from '../../src/api/components.js';
import { buildApp, type ApiOptions } from '../../src/api/index.js';
import type { ConsistencyProofView } from '../../src/api/components.js';
import { ed25519NoteSigner, encodeCheckpoint, signNote } from '../../src/checkpoint/index.js';
import { Frontier } from '../../src/merkle/index.js';
import { HistoryTree, LEAF_READS_MAX } from '../../src/read/history.js';
import { keyPairFromSeed } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { parseGenesis, type Genesis } from '../../src/state/genesis.js';
import { asTimeMs, fromHex, toHex, TianpingError, utf8, type ErrorCode, type Hash32 } from '../../src/types/index.js';

const seed = (n: number): Uint8Array => new Uint8Array(32).fill(n);
export const VALIDATOR_PAIR = keyPairFromSeed(seed(1));
export const VALIDATOR_KEY = toHex(VALIDATOR_PAIR.publicKey);
export const SUBMITTER_PAIR = keyPairFromSeed(seed(2));
export const SUBMITTER_KEY = toHex(SUBMITTER_PAIR.publicKey);
/** A court: the verifier role may enumerate. */
export const VERIFIER_PAIR = keyPairFromSeed(seed(3));
export const VERIFIER_KEY = toHex(VERIFIER_PAIR.publicKey);
export const OTHER_SUBMITTER_PAIR = keyPairFromSeed(seed(4));
export const OTHER_SUBMITTER_KEY = toHex(OTHER_SUBMITTER_PAIR.publicKey);
export const GENESIS_TIME_MS = 1_700_000_000_000;
/** The fake node clock starts here: signed test requests are made at this time unless moved. */
export const TEST_NOW_MS = GENESIS_TIME_MS + 3_600_000;
export const TEST_SIGNATURE_WINDOW_MS = 300_000;
const BLOCK_INTERVAL_MS = 1000;

export function testGenesis(): Genesis {
  return parseGenesis({
    chainId: 'tianping-test',
    genesisTimeMs: GENESIS_TIME_MS,
    validators: [{ name: 'court-node', publicKey: VALIDATOR_KEY, power: 1 }],
    members: [
      { name: 'copyright-platform', role: 'submitter', publicKey: SUBMITTER_KEY },
      { name: 'high-court', role: 'verifier', publicKey: VERIFIER_KEY },
      { name: 'music-platform', role: 'submitter', publicKey: OTHER_SUBMITTER_KEY },
    ],
    categories: ['copyright', 'notarial'],
  });
}

export interface AnchorInput {
  readonly digest: string;
  readonly algorithm?: 'sha256' | 'sm3';
  readonly category?: string;
  readonly externalRef?: string;
  /** Default: SUBMITTER_KEY. */
  readonly submitter?: string;
}

const hashOf = (label: string): string => toHex(sha256(utf8(label)));

export class FakeComponents implements ApiComponents {
  readonly genesis = testGenesis();
  halted = false;
  /** Thrown by status() when set, to exercise the INTERNAL path. */
  statusFailure: Error | undefined;
  readonly submitted: Uint8Array[] = [];
  readonly waitTimeoutsMs: number[] = [];
  readonly evidencePages: { offset: number; limit: number }[] = [];
  readonly submitterPages: { key: string; offset: number; limit: number }[] = [];
  /** The node clock signed requests are judged by; tests move it. */
  nowMs = TEST_NOW_MS;
  /** Members by key, from the genesis; tests change a status to suspend or remove one. */
  readonly memberTable = new Map<string, { name: string; role: MemberRoleName; status: 'active' | 'suspended' | 'removed' }>([
    ...this.genesis.validators.map((v) => [v.publicKey, { name: v.name, role: 'validator', status: 'active' as const }] as const),
    ...this.genesis.members.map((m) => [m.publicKey, { name: m.name, role: m.role, status: 'active' as const }] as const),
  ]);
  private readonly rejections = new Map<string, TianpingError>();
  /** Receipts by digest hex and inclusion proofs by tx hash hex, as the node would build them. */
  readonly receipts = new Map<string, ReceiptForms>();
  readonly inclusions = new Map<string, ReceiptForms>();

  receipt(digest: Uint8Array): Promise<ReceiptForms> {
    const found = this.receipts.get(toHex(digest));
    return found === undefined ? Promise.reject(new TianpingError('EVIDENCE_NOT_FOUND')) : Promise.resolve(found);
  }

  /** Event receipts by "height/index", as the node would build them. */
  readonly eventReceipts = new Map<string, EventReceiptForms>();

  eventReceipt(height: number, index: number): Promise<EventReceiptForms> {
    const found = this.eventReceipts.get(`${height}/${index}`);
    return found === undefined ? Promise.reject(new TianpingError('EVENT_NOT_FOUND')) : Promise.resolve(found);
  }
  /** No cases: the case routes' tests run on a real ledger's read model (test/api/cases.test.ts). */
  caseView(caseNo: string, _atMs?: number): Promise<CaseView> {
    return Promise.reject(new TianpingError('CASE_UNKNOWN', `no case ${caseNo}`));
  }

  cases(_query: CaseListQuery): Promise<CaseListView> {
    return Promise.resolve({ cases: [] });
  }

  caseEvents(caseNo: string, _page: { after?: number | undefined; limit: number }): Promise<CaseEventsView> {
    return Promise.reject(new TianpingError('CASE_UNKNOWN', `no case ${caseNo}`));
  }

  caseEventReceipt(caseNo: string, _seq: number): Promise<EventReceiptForms> {
    return Promise.reject(new TianpingError('CASE_UNKNOWN', `no case ${caseNo}`));
  }

  caseParties(_caseNo: string): Promise<readonly string[] | undefined> {
    return Promise.resolve(undefined);
  }


  txInclusion(hash: Uint8Array): Promise<ReceiptForms> {
    const found = this.inclusions.get(toHex(hash));
    return found === undefined ? Promise.reject(new TianpingError('TX_NOT_FOUND')) : Promise.resolve(found);
  }
  private readonly pending = new Map<string, Uint8Array>();
  private readonly committed = new Map<string, TxCommitInfo>();
  private readonly blocks: BlockSummary[] = [];
  private readonly anchors = new Map<string, EvidenceAnchor[]>();
  /** What equivocations() answers; tests push recorded offences here. */
  readonly recordedEquivocations: EquivocationView[] = [];
  /** What members() answers: the genesis members at first; tests add or replace entries. */
  readonly memberEntries: MemberEntry[] = [
    ...this.genesis.validators.map((v) => ({ name: v.name, organisation: v.name, role: 'validator' as const, publicKey: v.publicKey,
      status: 'active' as const, sinceHeight: 0, power: v.power, categories: [], addresses: [], evaluationReportDigest: '' })),
    ...this.genesis.members.map((m) => ({ name: m.name, organisation: m.organisation, role: m.role, publicKey: m.publicKey,
      status: 'active' as const, sinceHeight: 0, power: 0, categories: [...m.categories], addresses: [], evaluationReportDigest: '' })),
  ];
  /** What proposals() and proposal() answer; tests push proposals here. */
  readonly recordedProposals: GovernanceProposalView[] = [];
  /** The heights validators() was asked for (undefined: the default). */
  readonly validatorHeights: (number | undefined)[] = [];
  private readonly waiters = new Map<string, (info: TxCommitInfo) => void>();
  private waitingListeners: (() => void)[] = [];
  private txCounter = 0;

  /** The next submission of these bytes fails with this code, as the node's checks would. */
  rejectTx(bytes: Uint8Array, code: ErrorCode, message?: string): void {
    this.rejections.set(toHex(sha256(bytes)), new TianpingError(code, message));
  }

  async submitTx(bytes: Uint8Array): Promise<{ hash: Hash32 }> {
    // As NodeCore: a halted node admits nothing.
    if (this.halted) throw new TianpingError('NODE_HALTED');
    this.submitted.push(new Uint8Array(bytes));
    const hash = sha256(bytes);
    const hex = toHex(hash);
    const rejection = this.rejections.get(hex);
    if (rejection !== undefined) throw rejection;
    if (this.committed.has(hex)) throw new TianpingError('TX_ALREADY_COMMITTED');
    if (this.pending.has(hex)) throw new TianpingError('TX_DUPLICATE');
    this.pending.set(hex, new Uint8Array(bytes));
    return { hash };
  }

  waitForCommit(hash: Hash32, timeoutMs: number): Promise<TxCommitInfo> {
    this.waitTimeoutsMs.push(timeoutMs);
    const hex = toHex(hash);
    const done = this.committed.get(hex);
    if (done !== undefined) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(hex);
        reject(new TianpingError('COMMIT_TIMEOUT', `not committed within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(hex, (info) => { clearTimeout(timer); resolve(info); });
      const listeners = this.waitingListeners;
      this.waitingListeners = [];
      for (const listener of listeners) listener();
    });
  }

  /** Resolves once a caller waits for a commit. */
  whenWaiting(): Promise<void> {
    return new Promise((resolve) => this.waitingListeners.push(resolve));
  }

  async txStatus(hash: Hash32): Promise<TxStatus> {
    const hex = toHex(hash);
    const info = this.committed.get(hex);
    if (info !== undefined) return { status: 'committed', ...info };
    if (this.pending.has(hex)) return { status: 'pending', hash: hex };
    return { status: 'unknown', hash: hex };
  }

  async evidence(digest: Uint8Array, algorithm: 'sha256' | 'sm3', page: { offset: number; limit: number }):
    Promise<{ total: number; anchors: EvidenceAnchor[] }> {
    this.evidencePages.push({ ...page });
    const all = this.anchors.get(`${algorithm}:${toHex(digest)}`) ?? [];
    return { total: all.length, anchors: all.slice(page.offset, page.offset + page.limit) };
  }

  async anchorsBySubmitter(publicKey: Uint8Array, page: { offset: number; limit: number }):
    Promise<{ total: number; anchors: EvidenceAnchor[] }> {
    const key = toHex(publicKey);
    this.submitterPages.push({ key, ...page });
    // By block, then position: the order the chain made them in.
    const all = [...this.anchors.values()].flat().filter((a) => a.submitter === key)
      .sort((a, b) => a.height - b.height || a.txIndex - b.txIndex);
    return { total: all.length, anchors: all.slice(page.offset, page.offset + page.limit) };
  }

  async block(height: number | 'latest'): Promise<BlockSummary | undefined> {
    return height === 'latest' ? this.blocks.at(-1) : this.blocks[height - 1];
  }

  async member(publicKeyHex: string): Promise<MemberView | undefined> {
    const member = this.memberTable.get(publicKeyHex);
    return member === undefined ? undefined : { ...member };
  }

  async equivocations(): Promise<EquivocationView[]> {
    return [...this.recordedEquivocations];
  }

  async members(): Promise<MemberEntry[]> {
    return [...this.memberEntries];
  }

  /** The genesis set signs every height up to the next one; beyond it nothing is known. */
  async validators(height?: number): Promise<ValidatorSetView | undefined> {
    this.validatorHeights.push(height);
    const next = this.blocks.length + 1;
    const at = height ?? next;
    if (at > next) return undefined;
    const validators = this.genesis.validators.map((v, index) => ({ index, publicKey: v.publicKey, power: v.power, name: v.name }));
    return { height: at, sinceHeight: 1, totalPower: validators.reduce((sum, v) => sum + v.power, 0), validators };
  }

  async proposals(status?: ProposalStatus): Promise<GovernanceProposalView[]> {
    return this.recordedProposals.filter((p) => status === undefined || p.status === status);
  }

  async proposal(id: Uint8Array): Promise<GovernanceProposalView | undefined> {
    return this.recordedProposals.find((p) => p.id === toHex(id));
  }

  status(): NodeStatusView {
    if (this.statusFailure !== undefined) throw this.statusFailure;
    const latest = this.blocks.at(-1);
    return {
      chainId: this.genesis.chainId,
      nodeId: VALIDATOR_KEY,
      moniker: 'fake-node',
      role: 'validator',
      latestHeight: latest?.height ?? 0,
      latestBlockHash: latest?.hash ?? '',
      latestBlockTimeMs: latest?.timeMs ?? GENESIS_TIME_MS,
      mempoolSize: this.pending.size,
      mempoolSizeMax: 100,
      halted: this.halted,
      version: '0.0.0-test',
      startedAtMs: GENESIS_TIME_MS,
    };
  }

  /** What readiness() answers; tests set it to a not-ready one. */
  readinessAnswer: ReadinessView | undefined;

  readiness(): ReadinessView {
    if (this.readinessAnswer !== undefined) return this.readinessAnswer;
    const height = this.blocks.at(-1)?.height ?? 0;
    return { ready: true, height, highestHeightSeen: height, peers: 3, votingPowerReachable: 40, votingPowerTotal: 40 };
  }

  /** Uncached block hashes one consistency proof may read; tests lower it to reach HISTORY_PROOF_BUSY. */
  historyLeafReadsMax = LEAF_READS_MAX;
  private historyTree: HistoryTree | undefined;

  /** The real history tree and checkpoint code over this fake's block hashes (roots recomputed from them, as the ledger does). */
  private history(): HistoryTree {
    const blocks = this.blocks;
    // Roots by tree size, grown with a frontier as blocks are asked for: header h holds roots[h − 1].
    const frontier = Frontier.empty();
    const roots: Uint8Array[] = [frontier.root()];
    const ledger = {
      get tip() {
        return { height: blocks.length };
      },
      header: async (height: number) => {
        if (height < 1 || height > blocks.length) return undefined;
        while (roots.length < height) {
          frontier.append(fromHex(blocks[roots.length - 1]!.hash)!);
          roots.push(frontier.root());
        }
        return { hash: fromHex(blocks[height - 1]!.hash) as Hash32,
          header: { chainId: blocks[height - 1]!.chainId, height, historyRoot: roots[height - 1]! } };
      },
    } as unknown as ConstructorParameters<typeof HistoryTree>[0];
    this.historyTree ??= new HistoryTree(ledger, this.historyLeafReadsMax);
    return this.historyTree;
  }

  async checkpoint(): Promise<string> {
    const latest = await this.history().latestCheckpoint(this.genesis.chainId);
    if (latest === undefined) throw new TianpingError('CHECKPOINT_NOT_FOUND');
    return signNote(encodeCheckpoint(latest.checkpoint), [ed25519NoteSigner(this.genesis.chainId, VALIDATOR_PAIR)]);
  }

  historyConsistency(from: number, to: number): Promise<ConsistencyProofView> {
    return this.history().consistency(from, to);
  }

  /** Commits every pending tx in one new block; the given anchors go into its last tx. */
  commitPending(anchors: readonly AnchorInput[] = []): BlockSummary {
    const height = this.blocks.length + 1;
    const hash = hashOf(`block ${height}`);
    const timeMs = GENESIS_TIME_MS + height * BLOCK_INTERVAL_MS;
    const txHashes = [...this.pending.keys()];
    this.pending.clear();
    txHashes.forEach((txHash, index) => {
      const info: TxCommitInfo = { hash: txHash, height, index, blockHash: hash, blockTimeMs: timeMs };
      this.committed.set(txHash, info);
      this.waiters.get(txHash)?.(info);
      this.waiters.delete(txHash);
    });
    for (const input of anchors) {
      const txHash = txHashes.at(-1);
      if (txHash === undefined) throw new Error('fake: anchors need a pending tx to ride in');
      this.addAnchor(input, { height, blockHash: hash, blockTimeMs: timeMs, txHash, txIndex: txHashes.length - 1 });
    }
    const block: BlockSummary = {
      height, hash, timeMs, chainId: this.genesis.chainId,
      prevBlockHash: this.blocks.at(-1)?.hash ?? '0'.repeat(64),
      historyRoot: hashOf(`history ${height}`), txRoot: hashOf(`txs ${height}`), appHash: hashOf(`app ${height}`),
      resultsHash: hashOf(`results ${height}`), validatorsHash: hashOf('validators'),
      nextValidatorsHash: hashOf('validators'), proposer: VALIDATOR_KEY,
      txCount: txHashes.length, txHashes,
      commit: { round: 0, signatures: [{ validatorIndex: 0, signature: 'ab'.repeat(64) }] },
    };
    this.blocks.push(block);
    return block;
  }

  /** Anchors digests in a block of their own, through a tx of their own. */
  anchor(...inputs: AnchorInput[]): BlockSummary {
    this.pending.set(hashOf(`anchor tx ${this.txCounter++}`), new Uint8Array());
    return this.commitPending(inputs);
  }

  private addAnchor(input: AnchorInput, where: Pick<EvidenceAnchor, 'height' | 'blockHash' | 'blockTimeMs' | 'txHash' | 'txIndex'>): void {
    const algorithm = input.algorithm ?? 'sha256';
    const key = `${algorithm}:${input.digest}`;
    const list = this.anchors.get(key) ?? [];
    const submitter = input.submitter ?? SUBMITTER_KEY;
    list.push({
      algorithm, digest: input.digest, category: input.category ?? 'copyright', submitter,
      submitterName: this.memberTable.get(submitter)?.name ?? '', externalRef: input.externalRef ?? '', metadataDigest: '',
      salted: false, ...where,
    });
    this.anchors.set(key, list);
  }
}

export const TEST_LIMITS = { bodyBytesMax: 4096, commitWaitMsMax: 50, evidencePageMax: 3 } as const;

export async function makeApp(fake: FakeComponents = new FakeComponents(), overrides: Partial<ApiOptions> = {}):
  Promise<{ fake: FakeComponents; app: Awaited<ReturnType<typeof buildApp>> }> {
  const app = await buildApp(fake, {
    ...TEST_LIMITS, version: '0.0.0-test', logger: false, signatureWindowMs: TEST_SIGNATURE_WINDOW_MS,
    clock: { nowMs: () => asTimeMs(fake.nowMs) }, ...overrides,
  });
  return { fake, app };
}

/** Every error leaves as problem+json with its stable code, its HTTP status and the request path. */
export function expectProblem(response: LightMyRequestResponse, status: number, code: ErrorCode, instance?: string): Record<string, unknown> {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json<Record<string, unknown>>();
  expect({ status: response.statusCode, bodyStatus: body['status'], code: body['code'] })
    .toEqual({ status, bodyStatus: status, code });
  expect(body['type']).toBe(`/problems/${code.toLowerCase().replaceAll('_', '-')}`);
  expect(typeof body['title']).toBe('string');
  expect(typeof body['detail']).toBe('string');
  if (instance !== undefined) expect(body['instance']).toBe(instance);
  return body;
}
